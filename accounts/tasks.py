from celery import shared_task
from django.contrib.sessions.models import Session
from django.db import DatabaseError
from django.utils import timezone

from .notifications import deliver_emails, due_messages, notify


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def clear_expired_sessions() -> int:
    """Delete sessions past their expiry date. Safe to run twice: the second run finds nothing."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(
    autoretry_for=(DatabaseError, ConnectionError), retry_backoff=True, retry_backoff_max=600, max_retries=None
)
def send_reminders() -> dict:
    """Every 15 minutes (beat): record what is due for each person, then email what has not been emailed."""
    created = notify(due_messages())
    emailed = deliver_emails()
    return {"new": created, "emailed": emailed}


@shared_task(autoretry_for=(DatabaseError, ConnectionError), retry_backoff=True, max_retries=5)
def send_emails() -> int:
    """Queued when something happens that someone is told about: email what has not been emailed yet (the
    reminders run does the same every 15 minutes, so nothing is lost if this never runs)."""
    return deliver_emails()
