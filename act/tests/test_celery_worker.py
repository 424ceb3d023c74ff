"""A real Celery worker, in its own process, runs the periodic task against the configured broker
(Redis when REDIS_URL is set, as in CI; otherwise the filesystem broker of the embedded default)."""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from accounts.tasks import clear_expired_sessions

BASE_DIR = Path(settings.BASE_DIR)


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def worker_queue(transactional_db):
    """Start `celery worker` on a queue of its own, against the test database; stop it afterwards."""
    queue = f"test-{uuid.uuid4().hex}"
    env = {**os.environ, "DATABASE_URL": _database_url(), "DJANGO_SETTINGS_MODULE": "act.settings"}
    process = subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, "-m", "celery", "-A", "act", "worker", "-Q", queue, "--pool=solo", "--loglevel=INFO"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield queue
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            output, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        print(output[-3000:])


def _wait_for(condition, timeout=40.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


def test_the_broker_is_redis_when_redis_url_is_set():
    if os.environ.get("REDIS_URL"):
        assert settings.CELERY_BROKER_URL.startswith("redis://")
    else:
        assert settings.CELERY_BROKER_URL == "filesystem://"


def test_a_real_worker_clears_expired_sessions(worker_queue):
    now = timezone.now()
    Session.objects.create(session_key="expired-one", session_data="", expire_date=now - timedelta(days=1))
    Session.objects.create(session_key="still-valid", session_data="", expire_date=now + timedelta(days=1))

    clear_expired_sessions.apply_async(queue=worker_queue)

    assert _wait_for(lambda: not Session.objects.filter(session_key="expired-one").exists()), "the worker did not run"
    assert Session.objects.filter(session_key="still-valid").exists()


def test_the_task_is_safe_to_run_twice(db):
    Session.objects.create(session_key="expired", session_data="", expire_date=timezone.now() - timedelta(hours=1))
    assert clear_expired_sessions() == 1
    assert clear_expired_sessions() == 0


def test_beat_schedules_the_clean_up():
    entry = settings.CELERY_BEAT_SCHEDULE["clear-expired-sessions"]
    assert entry["task"] == clear_expired_sessions.name
