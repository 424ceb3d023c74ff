"""Browser tests: Playwright drives Debian's Chromium against a live server with the demo data.
Every page visited is checked with axe-core and saved as a screenshot under e2e/screenshots/."""

import os
from pathlib import Path

# Playwright's sync API runs an event loop in the test thread; the Django calls made from tests
# (seeding, checking the database) are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest  # noqa: E402
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from django.core.management import call_command  # noqa: E402

from accounts.demo import DEMO_PASSWORD  # noqa: E402

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


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in item.nodeid.split("/")[0]:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def demo(transactional_db, live_server):
    call_command("seed_demo", "--force", stdout=open(os.devnull, "w"))  # noqa: SIM115
    return live_server


@pytest.fixture
def check(page):
    """check(name): assert axe finds no violations on the current page, and save a screenshot."""
    axe = Axe()
    SCREENSHOTS.mkdir(exist_ok=True)

    def run(name: str):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
        results = axe.run(page)
        assert results.violations_count == 0, f"axe on {page.url}:\n{results.generate_report()}"

    return run


@pytest.fixture
def sign_in(page, demo):
    def run(username: str):
        page.goto(f"{demo.url}/account/sign-in/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{demo.url}/cases/")

    return run
