"""A real Celery worker, in its own process, runs the periodic task against the configured broker
(Redis when REDIS_URL is set, as in CI; otherwise the filesystem broker of the embedded default)."""

import os
import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from accounts.tasks import clear_expired_sessions
from act.testing import RealWorker, wait_for


@pytest.fixture
def worker(transactional_db):
    """A real worker on a queue of its own, ready (it said so) before the test sends anything."""
    with RealWorker(f"test-{uuid.uuid4().hex}") as running:
        yield running
    print(running.output[-3000:])


def test_the_broker_is_redis_when_redis_url_is_set():
    if os.environ.get("REDIS_URL"):
        assert settings.CELERY_BROKER_URL.startswith("redis://")
    else:
        assert settings.CELERY_BROKER_URL == "filesystem://"


def test_a_real_worker_clears_expired_sessions(worker):
    now = timezone.now()
    Session.objects.create(session_key="expired-one", session_data="", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="still-valid", session_data="", expire_date=now + timedelta(days=1))

    clear_expired_sessions.apply_async(queue=worker.queue)

    assert wait_for(lambda: not Session.objects.filter(session_key="expired-one").exists(), timeout=90), (
        f"the worker did not run; its log:\n{worker.log()[-5000:]}"
    )
    assert Session.objects.filter(session_key="still-valid").exists()


def test_the_task_is_safe_to_run_twice(db):
    Session.objects.create(session_key="expired", session_data="", expire_date=timezone.now() - timedelta(hours=1))
    assert clear_expired_sessions() == 1
    assert clear_expired_sessions() == 0


def test_beat_schedules_the_clean_up():
    entry = settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]
    assert entry["task"] == clear_expired_sessions.name
