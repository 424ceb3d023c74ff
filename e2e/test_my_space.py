"""Destiny's own space, as she and her worker use it: her worker makes the link; on her phone (360 px)
Destiny gives her passcode and finds what is waiting for her, her goals and her next meeting. axe and the
security policies are checked on every page; every page is kept as a picture at 360 px."""

from playwright.sync_api import expect

from .test_family_plan import on_a_phone


def test_destiny_opens_her_space_on_her_phone(page, browser, demo, sign_in, check):
    sign_in("worker")
    page.get_by_role("link", name="Destiny Walker").click()
    page.get_by_role("link", name="Links for the young person and family").click()
    check("space-links")
    page.get_by_role("link", name="Make a link to their space").click()
    page.get_by_label("The young person").check()
    page.get_by_label("Passcode").fill("otter9")
    check("space-link-new")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("heading", name="Link made")).to_be_visible()
    link = page.locator("#shared-url").input_value()

    phone, mine, looks_right = on_a_phone(browser, link, "otter9", "space")
    expect(mine.get_by_role("heading", name="Hi Destiny")).to_be_visible()
    expect(mine.get_by_text("Go back to college in January")).to_be_visible()
    looks_right("space-home-360")

    mine.get_by_role("link", name="See my plan and score my goals").click()
    expect(mine.get_by_role("link", name="Back to my space")).to_be_visible()
    looks_right("space-plan-360")
    mine.get_by_role("link", name="Back to my space").click()
    expect(mine.get_by_role("heading", name="Hi Destiny")).to_be_visible()
    phone.close()
