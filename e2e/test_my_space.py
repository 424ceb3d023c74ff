"""Destiny's own space, as she and her worker use it: her worker makes the link; on her phone (360 px)
Destiny gives her passcode, finds what is waiting for her, her goals and her next meeting, builds her
picture, moves Dad closer in "my people" and checks in, in under a minute; her worker then sees the
check-in and the change to her people. axe and the security policies are checked on every page; every page
she sees is kept as a picture at 360 px."""

import time

from playwright.sync_api import expect

from cases.models import Appearance, NetworkChange
from feedback.models import CheckIn

from .phone import on_a_phone


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

    # Her picture: she tries short locs and a blue hoodie, then keeps them.
    mine.get_by_role("link", name="My picture and colours").click()
    looks_right("space-me-360")
    mine.get_by_role("group", name="Hair", exact=True).get_by_label("Short locs", exact=True).check()
    mine.get_by_role("group", name="Clothes colour").get_by_label("Blue", exact=True).check()
    mine.get_by_role("button", name="Try it").click()
    looks_right("space-me-try-360")
    mine.get_by_role("button", name="Keep this").click()
    looks_right("space-me-kept-360")
    look = Appearance.objects.get(young_person__given_name="Destiny")
    assert (look.hair, look.clothes_colour) == ("short_hair_dreads_01", "blue_02")

    # Her people: Dad moves closer.
    mine.goto(link)
    mine.get_by_role("link", name="My people").click()
    looks_right("space-people-360")
    mine.get_by_role("button", name="Move closer – Dad").click()
    looks_right("space-people-moved-360")
    assert NetworkChange.objects.filter(member__name="Dad", member__case__young_person__given_name="Destiny").exists()

    # A check-in, from her home page, in under a minute.
    mine.goto(link)
    before = CheckIn.objects.filter(case__young_person__given_name="Destiny").count()
    started = time.monotonic()
    mine.get_by_role("link", name="How I'm doing").click()
    for group, answer in (
        ("How are you feeling at the moment?", "Good"),
        ("How do you feel about your life and what’s ahead?", "Good"),
        ("How sure are you about what a healthy relationship looks like?", "OK"),
        ("How do you feel about yourself?", "Good"),
        ("How good are your relationships with the people around you?", "Really good"),
    ):
        mine.get_by_role("group", name=group).get_by_label(answer, exact=True).check()
    mine.get_by_label("Anything else you want to say?").fill("Dad rang me")
    mine.get_by_role("button", name="Send").click()
    expect(mine.get_by_role("heading", name="Thank you")).to_be_visible()
    assert time.monotonic() - started < 60
    looks_right("space-check-in-thanks-360")
    assert CheckIn.objects.filter(case__young_person__given_name="Destiny").count() == before + 1
    mine.goto(link)
    mine.get_by_role("link", name="Who has looked at my record").click()
    expect(mine.get_by_text("Jo, your worker", exact=True)).to_be_visible()
    looks_right("space-looked-360")
    phone.close()

    # Her worker sees the check-in, and the change to her people with what was there before.
    page.get_by_role("link", name="Check-ins and feedback").click()
    expect(page.locator("#check-ins")).to_contain_text("Dad rang me")
    check("space-worker-check-ins")
    page.get_by_role("link", name="Network").click()
    expect(page.get_by_role("heading", name="Changes Destiny made")).to_be_visible()
    expect(page.get_by_role("table", name="Changes Destiny made, newest first")).to_contain_text("Dad")
    check("space-worker-network")
