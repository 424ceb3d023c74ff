"""The first half of the pathway in one go, as the people who use it: the manager accepts an urgent referral
and allocates it seeing each worker's caseload; the allocated worker is told, reads what the referrer said on
the case, records a missing episode and is told the return home interview is due, and makes a link; the
young person, on a 360 px phone, writes, saves for later, sends, reads what happens next, and leaves with
"Exit this page". axe and the security policies are checked on every page on the way."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Referral, TimelineEntry
from e2e.phone import a_phone, checker
from e2e.test_referral_to_case import fill_date

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


def test_from_referral_to_the_young_persons_own_words(page, browser, demo, sign_in_through_the_pages, check):
    # The manager: the urgent referral is first, with how long it has waited.
    sign_in_through_the_pages("manager")
    page.get_by_role("link", name="Referrals").first.click()
    rows = page.locator("main table tbody tr")
    expect(rows.first).to_contain_text("Tayla Brooks")
    expect(rows.first).to_contain_text("Urgent")
    expect(rows.first).to_contain_text("Waiting")
    check("first-half-referrals")
    page.get_by_role("link", name="Tayla Brooks").click()
    expect(page.get_by_text("found in a car in Heywood")).to_be_visible()
    check("first-half-referral")
    page.get_by_role("button", name="Accept and allocate").click()
    expect(page.get_by_text("of its capacity of 30")).to_be_visible()
    worker2 = page.get_by_label("Kieran Walsh")
    expect(page.locator("main")).to_contain_text("open case")
    check("first-half-allocate")
    worker2.check()
    page.get_by_role("button", name="Continue").click()
    check("first-half-allocate-confirm")
    page.get_by_role("button", name="Accept and allocate").click()
    expect(page.get_by_role("heading", name="Tayla Brooks")).to_be_visible()
    referral = Referral.objects.get(given_name="Tayla")
    assert referral.status == "accepted" and referral.case.key_worker.username == "worker2"
    page.get_by_role("button", name="Sign out").click()

    # The allocated worker is told, urgently, and reads what the referrer said on the case.
    sign_in_through_the_pages("worker2")
    page.get_by_role("link", name="Notifications").first.click()
    told = page.locator("main .act-notification").filter(has_text="Tayla Brooks's case has been allocated")
    expect(told.first).to_contain_text("The referral was urgent")
    expect(told.first).to_contain_text("Urgent")
    check("first-half-notifications")
    told.first.get_by_role("button", name="Tayla Brooks's case has been allocated to you", exact=False).first.click()
    expect(page.get_by_role("heading", name="Why they were referred")).to_be_visible()
    expect(page.get_by_text("found in a car in Heywood")).to_be_visible()
    expect(page.get_by_text("amir.khan@police.example")).to_be_visible()
    check("first-half-overview")
    case = referral.case

    # A missing episode that has ended: the worker is told when the interview is due.
    page.get_by_role("link", name="Timeline").click()
    expect(page.get_by_text("Referral received from Greater Manchester Police")).to_be_visible()
    page.get_by_role("link", name="Record a missing episode").click()
    went, back = timezone.localtime() - timedelta(days=2), timezone.localtime() - timedelta(hours=20)
    fill_date(page, "occurred_on", went)
    page.locator("input[name=occurred_time]").fill("21:00")
    page.locator("input[name=summary]").fill("Did not come home after college")
    page.get_by_label("Where were they found, or how did they come back?").fill("Came home by herself")
    fill_date(page, "returned_on", back)
    page.locator("input[name=returned_time]").fill(back.strftime("%H:%M"))
    page.get_by_role("button", name="Record the missing episode").click()
    assert TimelineEntry.objects.get(case=case, kind="missing").return_interview_due_at is not None
    page.goto(f"{demo.url}/account/notifications/")
    expect(page.get_by_text("Tayla Brooks is back: the return home interview is due by").first).to_be_visible()
    check("first-half-notifications-interview")

    # A link for Tayla's "About me".
    page.goto(f"{demo.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Assessment").first.click()
    page.get_by_role("link", name="Shared links").click()
    page.get_by_role("link", name="Make a link to a part of the assessment").click()
    page.get_by_label("About me and what I enjoy").check()
    page.get_by_label("The young person").check()
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("heading", name="Link made")).to_be_visible()
    check("first-half-link-made")
    link = page.locator("#shared-url").input_value()

    # Tayla, on her phone.
    phone, mine, problems = a_phone(browser)
    looks_right = checker(mine, problems)
    arrived = []
    phone.route(
        "https://www.bbc.co.uk/**",
        lambda route: (arrived.append(route.request.url), route.fulfill(body="<title>Weather</title>")),
    )

    mine.goto(link)
    expect(mine.get_by_role("heading", name="About me")).to_be_visible()
    expect(mine.get_by_text("Kieran")).not_to_have_count(0)
    looks_right("first-half-young-person-360")
    mine.get_by_label("Your words").fill(
        "I like football and my nan's dog. I don't like being asked loads of questions."
    )
    mine.get_by_role("button", name="Save for later").click()
    expect(mine.get_by_text("anyone who has this link can open it")).to_be_visible()
    looks_right("first-half-young-person-saved-360")
    mine.get_by_role("button", name="Send to Kieran").click()
    expect(mine.get_by_role("heading", name="Sent to Kieran")).to_be_visible()
    expect(mine.get_by_role("heading", name="What happens next")).to_be_visible()
    expect(mine.get_by_text("I like football and my nan's dog.")).to_have_count(0)
    looks_right("first-half-young-person-sent-360")
    mine.get_by_role("button", name="Emergency Exit this page").click()
    mine.wait_for_url(NEUTRAL_SITE)
    assert arrived == [NEUTRAL_SITE]
    phone.close()

    # Back with the worker: Tayla's words are waiting, and the worker was told.
    page.goto(f"{demo.url}/account/notifications/")
    expect(page.get_by_text("sent their words").first).to_be_visible()
