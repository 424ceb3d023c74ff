"""Issue: a young person completes her part of the assessment through a shared link on a phone."""

from playwright.sync_api import expect

from assessments.models import Contribution
from cases.models import Case
from e2e.phone import a_phone, looks_right


def test_destiny_writes_about_herself_on_her_phone_and_her_worker_adds_it(page, browser, demo, sign_in, check):
    case = Case.objects.get(young_person__given_name="Destiny")
    sign_in("worker")
    page.goto(f"{demo.url}/assessments/case/{case.pk}/")
    check("assessment-overview")
    page.get_by_role("link", name="Shared links").click()
    check("assessment-links")
    page.get_by_role("link", name="Make a link to a part of the assessment").click()
    page.get_by_label("About me and what I enjoy").check()
    page.get_by_label("The young person").check()
    check("assessment-link-new")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("heading", name="Link made")).to_be_visible()
    check("assessment-link-made")
    link = page.locator("#shared-url").input_value()
    assert "/s/" in link

    # Destiny, on her phone: a fresh browser, no account.
    phone, mine, phone_policy_problems = a_phone(browser)
    mine.goto(link)
    expect(mine.get_by_role("heading", name="About me")).to_be_visible()
    looks_right(mine, phone_policy_problems, "young-person-about-me-360")

    expect(mine.get_by_text("1 of 2")).to_be_visible()
    expect(mine.get_by_role("button", name="Emergency Exit this page")).to_be_visible()

    words = "I love music and going to the youth club. People should know I'm shy at first."
    mine.get_by_label("Your words").fill(words)
    expect(mine.locator("#words-status")).to_have_text("Saved", timeout=10000)
    mine.reload()
    expect(mine.get_by_label("Your words")).to_have_value(words)
    # "Save for later" says it worked, and what is true on a link without a passcode.
    mine.get_by_role("button", name="Save for later").click()
    expect(mine.get_by_text("anyone who has this link can open it")).to_be_visible()
    looks_right(mine, phone_policy_problems, "young-person-saved-360")
    mine.get_by_role("button", name="Send to Jo").click()
    expect(mine.get_by_role("heading", name="Sent to Jo")).to_be_visible()
    expect(mine.get_by_role("heading", name="What happens next")).to_be_visible()
    # No passcode on this link: her words are not shown again, to anyone who finds the phone.
    expect(mine.get_by_text("I love music and going to the youth club.")).to_have_count(0)
    looks_right(mine, phone_policy_problems, "young-person-sent-360")
    # She can add more, as new words.
    mine.get_by_role("button", name="Write some more").click()
    expect(mine.get_by_label("Your words")).to_have_value("")
    expect(mine.get_by_text("Jo already has what you sent before.")).to_be_visible()
    assert not phone_policy_problems, phone_policy_problems
    phone.close()

    # Back to the worker: the new words are there to read and add.
    page.goto(f"{demo.url}/assessments/case/{case.pk}/")
    expect(page.get_by_text("1 new")).to_be_visible()
    page.get_by_role("link", name="About me and what I enjoy").click()
    expect(page.get_by_text("I love music and going to the youth club.")).to_be_visible()
    page.get_by_role("button", name="I have read this: add it to the assessment").click()
    expect(page.get_by_text("words are added to the assessment")).to_be_visible()
    check("assessment-section-worker")
    assert (
        Contribution.objects.get(section__assessment__case=case, contributor="young_person", status="added").text
        == words
    )


def test_destiny_chooses_whether_the_police_may_read_her_words(page, browser, demo, sign_in, check):
    from assessments import services
    from assessments.sections import Audience

    case = Case.objects.get(young_person__given_name="Destiny")
    section = case.assessment.sections.get(kind="friends")
    _link, token = services.section_link_create(
        section=section, person=Audience.YOUNG_PERSON, name="", by=case.key_worker
    )
    phone, mine, problems = a_phone(browser)
    mine.goto(f"{demo.url}/s/{token}/")
    expect(mine.get_by_text("Nobody who works with you can see it until you send it.", exact=False)).to_be_visible()
    expect(mine.get_by_text("Jo Bennett (your worker)")).to_be_visible()
    words = "My best friend is Kayla and we go to the park after school."
    mine.get_by_label("Your words").fill(words)
    mine.get_by_role("button", name="Send to Jo").click()
    expect(mine.get_by_role("heading", name="Sent to Jo")).to_be_visible()
    police = mine.get_by_label("Dan Hughes, Greater Manchester Police")
    expect(police).not_to_be_checked()

    # The police officer on her case cannot read it: she has not chosen to share it.
    sign_in("partner")
    section_url = f"{demo.url}/assessments/case/{case.pk}/section/friends/"
    page.goto(section_url)
    expect(page.get_by_text("Nothing they wrote here has been shared with you.")).to_be_visible()
    assert words not in page.content()

    police.check()
    mine.get_by_role("button", name="Save who can read it").click()
    expect(mine.get_by_text("because you chose to share it")).to_be_visible()
    looks_right(mine, problems, "young-person-shared-with-police-360")
    page.goto(section_url)
    expect(page.get_by_text(words)).to_be_visible()
    check("assessment-section-partner-shared")

    # She changes her mind: the officer cannot read it any more.
    mine.get_by_label("Dan Hughes, Greater Manchester Police").uncheck()
    mine.get_by_role("button", name="Save who can read it").click()
    expect(mine.get_by_text("because you chose to share it")).to_have_count(0)
    page.goto(section_url)
    assert words not in page.content()
    assert not problems, problems
    phone.close()


def test_exit_this_page_leaves_at_once_by_button_or_three_presses_of_shift(browser, demo):
    from assessments import services
    from assessments.sections import Audience

    case = Case.objects.get(young_person__given_name="Destiny")
    section = case.assessment.sections.get(kind="worries")
    _link, token = services.section_link_create(
        section=section, person=Audience.YOUNG_PERSON, name="", by=case.key_worker
    )
    phone, mine, problems = a_phone(browser)
    # No network here: the neutral site answers from the test, and says what the browser sent it.
    arrivals = []

    def weather(route):
        arrivals.append(route.request.headers.get("referer", ""))
        route.fulfill(status=200, content_type="text/html", body="<title>Weather</title><p>Sunny</p>")

    phone.route("https://www.bbc.co.uk/**", weather)
    for leave in ("button", "shift"):
        mine.goto(f"{demo.url}/s/{token}/")
        expect(mine.get_by_role("heading", name="Worries")).to_be_visible()
        if leave == "button":
            mine.get_by_role("button", name="Emergency Exit this page").click()
        else:
            mine.get_by_label("Your words").click()
            for _ in range(3):
                mine.keyboard.press("Shift")
        mine.wait_for_url("https://www.bbc.co.uk/weather")
        expect(mine.get_by_text("Sunny")).to_be_visible()
    assert arrivals == ["", ""], "the link's address (its token) must not reach the neutral site"
    assert not problems, problems
    phone.close()
