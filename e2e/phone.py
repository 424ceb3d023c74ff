"""A young person's or carer's phone in the browser tests: a fresh, phone-sized browser with no account, and the
check every page they see there must pass."""

from collections.abc import Callable

from .conftest import AXE, SCREENSHOTS, watch_policies

PHONE = {"width": 360, "height": 740}


def a_phone(browser, viewport: dict = PHONE):
    """A fresh browser of the phone's size, signed in as nobody: (context, page, problems), where problems
    collects what the browser reports against the Content Security Policy and Permissions-Policy."""
    context = browser.new_context(viewport=viewport)
    problems = watch_policies(context)
    return context, context.new_page(), problems


def looks_right(mine, problems: list[str], shot: str, width: int = PHONE["width"]) -> None:
    """The page a click or a form just opened, once loaded: no wider than the phone, nothing axe finds, nothing
    the browser reported against the policies so far. Its screenshot is kept as `shot`."""
    mine.wait_for_load_state()
    assert mine.evaluate("document.documentElement.scrollWidth") <= width, f"{shot} is wider than {width} px"
    SCREENSHOTS.mkdir(exist_ok=True)
    mine.screenshot(path=SCREENSHOTS / f"{shot}.png", full_page=True)
    results = AXE.run(mine)
    assert results.violations_count == 0, f"axe on {mine.url}:\n{results.generate_report()}"
    assert not problems, problems


def checker(mine, problems: list[str]) -> Callable[[str], None]:
    """looks_right for one phone's page: check(shot)."""
    return lambda shot: looks_right(mine, problems, shot)


def on_a_phone(browser, link: str, passcode: str, name: str):
    """A fresh phone opening a shared link with its passcode (the passcode page checked as `name`-passcode-360):
    (context, page, check)."""
    context, mine, problems = a_phone(browser)
    check = checker(mine, problems)
    mine.goto(link)
    mine.get_by_label("Type your passcode").fill(passcode)
    check(f"{name}-passcode-360")
    mine.get_by_role("button", name="Carry on").click()
    return context, mine, check
