"""Destiny's dashboard, "How things are going", in her own space: on her phone (360 px) and on a computer,
from her space's home. axe finds nothing, the security policies hold, nothing is wider than the phone, and
the page with everything it loads (HTML, CSS, JavaScript, images) is under 150 KB as sent: she may be on
limited data. Each view is kept as a picture (e2e/screenshots/) to be looked at."""

import gzip

from playwright.sync_api import expect

from cases.models import Case, Person
from dashboards import services

from .phone import PHONE, a_phone, looks_right

DESKTOP = {"width": 1280, "height": 900}
PASSCODE = "otter9"
MOST_BYTES = 150 * 1024


def as_served(response) -> int:
    """The bytes of one response as the service sends it: its headers and its body as sent. The test server
    sends static files as they are; the service's whitenoise sends their compressed copy (made by
    collectstatic), so a static file counts as its gzip size."""
    sizes = response.request.sizes()
    body = sizes["responseBodySize"]
    if "/static/" in response.url and not response.headers.get("content-encoding"):
        body = len(gzip.compress(response.body(), 9))
    return sizes["responseHeadersSize"] + body


def page_weight(mine) -> dict[str, int]:
    """Everything the page loads, from nothing in the browser's cache: {address: bytes as served}."""
    responses = []

    def keep(response):
        responses.append(response)

    mine.on("response", keep)
    cdp = mine.context.new_cdp_session(mine)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    mine.reload(wait_until="load")
    mine.wait_for_load_state("networkidle")
    mine.remove_listener("response", keep)
    return {
        response.url.rsplit("/", 2)[-2] + "/" + response.url.rsplit("/", 1)[-1]: as_served(response)
        for response in responses
    }


def destinys_space() -> str:
    case = Case.objects.select_related("key_worker").get(young_person__given_name="Destiny")
    assert case.key_worker is not None
    _link, token = services.space_link_create(
        case=case, person=Person.YOUNG_PERSON, name="", by=case.key_worker, days=14, passcode=PASSCODE
    )
    return f"/s/{token}/"


def open_dashboard(browser, url: str, viewport: dict):
    context, mine, problems = a_phone(browser, viewport)
    mine.goto(url)
    mine.get_by_label("Type your passcode").fill(PASSCODE)
    mine.get_by_role("button", name="Carry on").click()
    expect(mine.get_by_role("heading", name="Hi Destiny")).to_be_visible()
    mine.get_by_role("link", name="See how things are going, as pictures").click()
    expect(mine.get_by_role("heading", name="How things are going")).to_be_visible()
    return context, mine, problems


def test_destinys_dashboard_on_her_phone_is_light_and_says_how_things_are_going(browser, demo):
    context, mine, problems = open_dashboard(browser, f"{demo.url}{destinys_space()}", PHONE)
    # Her goals and her check-ins, each a picture with its words under it.
    expect(mine.get_by_role("heading", name="My goals")).to_be_visible()
    expect(mine.get_by_role("heading", name="My check-ins")).to_be_visible()
    expect(mine.get_by_role("img", name="Mood over the last check-ins", exact=False)).to_be_visible()
    expect(mine.get_by_text("Your mood", exact=False).first).to_be_visible()
    assert mine.locator("svg.act-progress__bar").count() >= 1
    looks_right(mine, problems, "my-dashboard-360")

    # Everything the page loads: the page itself, its styles, its scripts and its icon.
    sent = page_weight(mine)
    assert len(sent) >= 4 and all(size > 0 for size in sent.values()), sent
    assert sum(sent.values()) < MOST_BYTES, f"{sum(sent.values())} bytes sent: {sent}"
    print(f"Destiny's dashboard: {sum(sent.values())} bytes as served: {sent}")

    # The numbers behind a picture, for anyone who would rather read them.
    mine.get_by_text("Show the numbers").first.click()
    expect(mine.locator("table.act-progress__table").first).to_be_visible()
    looks_right(mine, problems, "my-dashboard-numbers-360")
    context.close()


def test_destinys_dashboard_on_a_computer(browser, demo):
    context, mine, problems = open_dashboard(browser, f"{demo.url}{destinys_space()}", DESKTOP)
    looks_right(mine, problems, "my-dashboard-desktop", DESKTOP["width"])
    context.close()
