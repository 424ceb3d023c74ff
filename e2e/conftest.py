"""Browser tests: Playwright drives Debian's Chromium against a live server with the demo data.
Every page visited is checked with axe-core and saved as a screenshot under e2e/screenshots/."""

import datetime
import os
import shutil
import time
from pathlib import Path

# Playwright's sync API runs an event loop in the test thread; the Django calls made from tests
# (seeding, checking the database) are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.demo import DEMO_PASSWORD  # noqa: E402
from e2e.snapshots import Snapshots  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).parent / "screenshots"
# One for the process: each Axe reads axe-core's script (about 570 KB) from disk when it is made.
AXE = Axe()


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in item.nodeid.split("/")[0]:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def flush() -> None:
    """Empty the database as pytest-django does after a test with transactional_db (TransactionTestCase)."""
    call_command("flush", verbosity=0, interactive=False, reset_sequences=False, inhibit_post_migrate=False)


class Demo:
    """The demo, seeded once in a test process and put back in its place for each test (e2e/snapshots.py).

    The demo's times are relative to when it was seeded: a copy older than MOST_SECONDS, or of another day,
    is seeded again, so that a test sees the demo as it would be seeded a few minutes before it."""

    MOST_SECONDS = 10 * 60

    def __init__(self, folder: Path):
        self.snapshots = Snapshots.of_the_test_database()
        # The backup codes go to a file of the process's own, never over the demo's var/demo-backup-codes.txt.
        self.backup_codes = folder / "demo-backup-codes.txt"
        self.seeded: tuple[float, datetime.date] | None = None

    def fresh(self) -> None:
        """Make the database exactly the freshly seeded demo."""
        seeded_at, seeded_on = self.seeded or (0.0, None)
        if time.monotonic() - seeded_at < self.MOST_SECONDS and seeded_on == timezone.localdate():
            self.snapshots.restore("demo")
            return
        self.empty()
        if "empty" not in self.snapshots.taken:
            self.snapshots.take("empty")
        codes = f"--backup-codes-file={self.backup_codes}"
        call_command("seed_demo", "--force", codes, stdout=open(os.devnull, "w"))  # noqa: SIM115
        self.snapshots.take("demo")
        self.seeded = (time.monotonic(), timezone.localdate())

    def empty(self) -> None:
        """Leave the database as pytest-django's flush leaves it (every row deleted, then what the
        post_migrate signal makes: the content types and permissions): put back the copy taken just after a
        flush, or flush when there is none yet."""
        if "empty" in self.snapshots.taken:
            self.snapshots.restore("empty")
        else:
            flush()


@pytest.fixture(scope="session")
def demo_copies(django_db_setup, django_db_blocker, tmp_path_factory):
    demo = Demo(tmp_path_factory.mktemp("demo"))
    yield demo
    with django_db_blocker.unblock():
        demo.snapshots.drop()
        # No connection left open to the test database, which is dropped next.
        connections.close_all()


@pytest.fixture
def transactional_db(django_db_setup, django_db_blocker, demo_copies):
    """pytest-django's transactional_db, made cheaper for the browser tests (which use it through the live
    server): the test and its live server reach the database as they like, and at the end the database is
    emptied as pytest-django's flush would empty it, by `Demo.empty`, and the connections are closed."""
    with django_db_blocker.unblock():
        yield
        demo_copies.empty()
        connections.close_all()


@pytest.fixture
def demo(transactional_db, live_server, demo_copies, tmp_path):
    """The live server, with the database exactly the freshly seeded demo. The demo's backup codes are
    in the test's own tmp_path/demo-backup-codes.txt."""
    demo_copies.fresh()
    shutil.copy(demo_copies.backup_codes, tmp_path / "demo-backup-codes.txt")
    return live_server


# What the browser says when a page breaks the Content Security Policy or the Permissions-Policy header.
POLICY_PROBLEMS = ("Content Security Policy", "securitypolicyviolation", "Permissions-Policy")
# Every violation also fires a `securitypolicyviolation` event, reported in the console by this script
# (added by Playwright to every page, outside the page's own policy).
REPORT_VIOLATIONS = """
document.addEventListener('securitypolicyviolation', (event) => {
  console.error(`securitypolicyviolation: ${event.effectiveDirective} refused ${event.blockedURI || 'inline'}`
    + ` in ${event.sourceFile || document.location.href}:${event.lineNumber}`)
}, true)
"""


def watch_policies(context) -> list[str]:
    """Collect, from every page of a browser context, what the browser reports against the Content
    Security Policy or the Permissions-Policy (console messages and `securitypolicyviolation` events)."""
    problems: list[str] = []
    context.add_init_script(REPORT_VIOLATIONS)

    def on_console(message):
        if any(words in message.text for words in POLICY_PROBLEMS):
            problems.append(f"{message.page.url if message.page else ''}: {message.text}")

    context.on("console", on_console)
    return problems


def app_code(username: str) -> str:
    """The code the person's authenticator app shows now. A code is accepted once: if this period's code
    was used already (the same person signing in twice within 30 seconds), the next period's, which
    the app would show a moment later and django-otp accepts as one step of clock drift."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    ahead = max(0, device.last_t + 1 - totp.t())
    totp.drift += ahead
    return f"{totp.token():06d}"


@pytest.fixture
def policy_problems(page):
    """The policy problems of the test's page (its browser context), checked by `check` and at the end."""
    problems = watch_policies(page.context)
    yield problems
    assert not problems, "the browser reported:\n" + "\n".join(problems)


@pytest.fixture
def check(page, policy_problems):
    """check(name): assert axe finds no violations on the current page and the browser reported nothing
    against the Content Security Policy or Permissions-Policy so far, and save a screenshot."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def run(name: str):
        page.wait_for_load_state()  # the page a click or a form just opened, loaded: not the one before, nor half
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
        results = AXE.run(page)
        assert results.violations_count == 0, f"axe on {page.url}:\n{results.generate_report()}"
        assert not policy_problems, "the browser reported:\n" + "\n".join(policy_problems)

    return run


LANDING = {
    "manager": "/dashboards/team/",
    "worker": "/dashboards/my-work/",
    "worker2": "/dashboards/my-work/",
    "coordinator": "/dashboards/my-work/",
    "outsider": "/dashboards/my-work/",
}


@pytest.fixture
def sign_in_through_the_pages(page, demo):
    """sign_in_through_the_pages(username): sign in as a person does, the password then the code of their
    authenticator app, and go on to the Cases page. For the tests of signing in, and one journey."""

    def run(username: str):
        page.goto(f"{demo.url}/account/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{demo.url}/account/two-factor/verify/**")
        page.get_by_label("Code from your authenticator app, or a backup code").fill(app_code(username))
        page.get_by_role("button", name="Continue").click()
        # Each person lands on their own start (dashboards.views.home); the tests then start from the Cases page.
        page.wait_for_url(f"{demo.url}{LANDING.get(username, '/cases/')}")
        if page.url != f"{demo.url}/cases/":
            page.goto(f"{demo.url}/cases/")

    return run


@pytest.fixture
def sign_in(page, demo):
    """sign_in(username): start on the Cases page signed in with both steps done, the session made as
    signing in makes it (act.testing.sign_in_fully) and given to the browser as its cookie. Signing in
    through the pages costs about a second a test; the tests of signing in do it (sign_in_through_the_pages)."""
    from django.conf import settings
    from django.test import Client

    from accounts.models import User
    from act.testing import sign_in_fully

    def run(username: str):
        client = sign_in_fully(Client(), User.objects.get(username=username))
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session,
                    "url": demo.url,
                    "httpOnly": settings.SESSION_COOKIE_HTTPONLY,
                    "secure": settings.SESSION_COOKIE_SECURE,
                    "sameSite": settings.SESSION_COOKIE_SAMESITE,
                }
            ]
        )
        page.goto(f"{demo.url}/cases/")

    return run
