"""Helpers for tests across the apps."""

import threading
from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def sign_in_fully(client, user):
    """Sign `client` in as `user` with both steps done: the password and two-factor (a confirmed
    authenticator app, made if they have none).

    The session is written directly, holding what signing in puts there (as Client.force_login does,
    then django-otp and accounts.sessions, whose middleware stamps when the expiry started), without the
    work of signing in itself: its signals (the last sign-in time, django-axes' record of the sign-in)
    and a second save. Almost every test starts signed in, so that work was a good part of many tests;
    the sign-in tests go through the real pages.
    As at a real sign-in, a session of someone else's is replaced, and an anonymous one keeps its data."""
    import time
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.sessions import EXPIRY_REFRESHED_AT, SIGNED_IN_AT

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)

    store = import_module(settings.SESSION_ENGINE).SessionStore
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    session = store(cookie.value) if cookie else store()
    user_id = user._meta.pk.value_to_string(user)
    if session.get(SESSION_KEY, user_id) != user_id:
        session.flush()
    # The first backend that can fetch a user, as Client.force_login chooses.
    backend = next(path for path in settings.AUTHENTICATION_BACKENDS if hasattr(load_backend(path), "get_user"))
    session[SESSION_KEY] = user_id
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[SIGNED_IN_AT] = session[EXPIRY_REFRESHED_AT] = int(time.time())
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    client.cookies[settings.SESSION_COOKIE_NAME].update(
        {
            "max-age": None,
            "path": "/",
            "domain": settings.SESSION_COOKIE_DOMAIN,
            "secure": settings.SESSION_COOKIE_SECURE or None,
            "expires": None,
        }
    )
    return client


def count_queries(client, url: str) -> int:
    """How many database queries one GET of `url` makes (the response must be a 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured.captured_queries)


def assert_query_budget(client, url: str, *, add_rows: Callable[[int], None], budget: int, small=3, large=300):
    """Assert that `url` makes the same number of queries with `small` rows as with `large` rows,
    and no more than `budget`. `add_rows(n)` adds n more rows that the page shows."""
    add_rows(small)
    with_few = count_queries(client, url)
    add_rows(large - small)
    with_many = count_queries(client, url)
    assert with_few == with_many, f"{url}: {with_few} queries with {small} rows but {with_many} with {large}"
    assert with_many <= budget, f"{url}: {with_many} queries, over the budget of {budget}"
    return with_many


def assert_closed_case_refused(response, *typed: str) -> None:
    """A change sent to a closed case: nothing changed, the one message that says why, and what the person
    typed given back to them (see cases/middleware.py)."""
    from cases.access import CLOSED_MESSAGE

    content = response.content.decode()
    assert response.status_code == 409, f"answered {response.status_code}, not 409"
    assert str(CLOSED_MESSAGE) in content
    for text in typed:
        assert text in content, f"what they typed is lost: {text!r}"


def shared_database_url() -> str:
    """A DATABASE_URL for the database the tests are using, so another process can share it."""
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class RealWorker:
    """`celery -A act worker` in its own process, on a queue of its own, against the test database and
    the configured broker. Use as a context manager; the output is kept for failure messages."""

    def __init__(self, queue: str, *, concurrency: int = 1, env: dict | None = None):
        self.queue, self.concurrency, self.extra_env = queue, concurrency, env or {}
        self.output = ""

    def log(self) -> str:
        """What the worker has printed so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def __enter__(self):
        import os
        import subprocess
        import sys
        import tempfile
        from pathlib import Path

        from django.conf import settings

        env = {
            **os.environ,
            "DATABASE_URL": shared_database_url(),
            "DJANGO_SETTINGS_MODULE": "act.settings",
            "PYTHONUNBUFFERED": "1",  # so that log() sees the lines as they come
            **self.extra_env,
        }
        self.log_path = Path(tempfile.mkstemp(prefix="worker-", suffix=".log")[1])
        self._log_file = self.log_path.open("w")
        pool = ["--pool=solo"] if self.concurrency == 1 else ["--pool=prefork", f"--concurrency={self.concurrency}"]
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "act",
                "worker",
                "-Q",
                self.queue,
                *pool,
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )
        self._wait_until_ready()
        return self

    # On two busy cores (browser tests beside it) a worker can take most of a minute to start.
    READY_TIMEOUT = 120.0

    def _wait_until_ready(self) -> None:
        """Return once the worker says it is ready to take tasks; a task sent before that can be lost
        to a worker that is still starting, or shutting down after a failed start."""
        import time

        deadline = time.monotonic() + self.READY_TIMEOUT
        while time.monotonic() < deadline:
            if " ready." in self.log():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        self.__exit__(None, None, None)
        raise AssertionError(f"the Celery worker did not become ready; its log:\n{self.output[-5000:]}")

    def __exit__(self, *exc):
        import signal
        import subprocess

        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log_file.close()
        self.output = self.log()
        self.log_path.unlink(missing_ok=True)
        return False


def wait_for(condition, timeout: float = 40.0, every: float = 0.05) -> bool:
    """Whether `condition()` came true within `timeout` seconds, asked every `every` seconds (a short wait:
    each test waits for what it needs and no longer)."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(every)
    return False


def told(user) -> dict:
    """The notifications a person has, by key."""
    from accounts.models import Notification

    return {n.key: n for n in Notification.objects.filter(recipient=user)}


def emails_to(user) -> list[str]:
    """The subjects of the emails sent to a person in this test."""
    from django.core import mail

    return [str(m.subject) for m in mail.outbox if m.to == [user.email]]


def run_together(action: Callable[[], object], times: int = 2) -> list[Exception]:
    """Run `action` in `times` threads that start at the same moment (as two workers would), each with its
    own database connection; the errors they met."""
    barrier = threading.Barrier(times)
    errors: list[Exception] = []

    def run():
        try:
            barrier.wait()
            action()
        except Exception as error:  # reported to the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors
