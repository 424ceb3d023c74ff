"""Project-level pages: the health check and the error pages."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok() -> bool:
    from act.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Answers 200 when the database (and the broker, when one is configured) answers; 503 otherwise.
    It names the parts and their state, nothing more."""
    checks = {"database": _database_ok()}
    if settings.REDIS_URL:
        checks["broker"] = _broker_ok()
    healthy = all(checks.values())
    return render(request, "healthz.html", {"checks": checks, "healthy": healthy}, status=200 if healthy else 503)
