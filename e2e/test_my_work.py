"""The demo worker opens My work: their own cases, what is due this week, what young people and families said,
low check-ins and feedback, on a laptop and on a phone; axe and the security policies are checked, and the
pages are kept as pictures (in e2e/screenshots/)."""

from playwright.sync_api import expect

from .phone import PHONE

SECTIONS = (
    "My cases",
    "Due this week",
    "New from young people and families",
    "Low or falling check-ins",
    "Feedback about your work",
)


def test_the_worker_sees_their_work_on_a_laptop_and_a_phone(page, demo, sign_in, check):
    sign_in("worker")
    page.goto(f"{demo.url}/dashboards/my-work/")
    expect(page.get_by_role("heading", name="My work", exact=True)).to_be_visible()
    for section in SECTIONS:
        expect(page.get_by_role("heading", name=section, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Destiny", exact=False).first).to_be_visible()
    check("my-work")

    page.set_viewport_size(PHONE)
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    check("my-work-360")

    # Each case leads to its own page.
    page.get_by_role("table").first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "/cases/" in page.url
