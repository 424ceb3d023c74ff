"""The second half of the pathway as the people in it use it: the coordinator plans Destiny's My Safety Plan
meeting; Destiny, on her phone, chooses where, when and who comes, and asks for her advocate; the
coordinator sees her choices and records the meeting with two actions, which go into her plan; Destiny's
"my plan" link shows them in plain words and she rates a goal. axe and the security policies are checked on
every page on the way; the plan (staff), her plan at 360 px and the PDF's first page are kept as pictures."""

import shutil
import subprocess
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from plans.models import Action, GoalRating, Meeting

from .conftest import SCREENSHOTS
from .phone import on_a_phone


def test_a_meeting_she_shapes_and_a_plan_she_rates(page, browser, demo, sign_in, check):
    sign_in("coordinator")
    page.get_by_role("link", name="Destiny Walker").click()
    page.get_by_role("link", name="Meetings", exact=True).click()
    check("plan-meetings")
    page.get_by_role("link", name="Plan a meeting").click()
    page.get_by_label("My Safety Plan meeting").check()
    when = timezone.localdate() + timedelta(days=3)
    page.locator("#id_starts_on_0").fill(str(when.day))
    page.locator("#id_starts_on_1").fill(str(when.month))
    page.locator("#id_starts_on_2").fill(str(when.year))
    page.get_by_label("Start time").fill("16:30")
    page.get_by_label("Where", exact=True).fill("Rochdale library")
    page.get_by_label("Jo Bennett", exact=False).first.check()
    check("plan-meeting-new")
    page.get_by_role("button", name="Plan it").click()
    expect(page.get_by_role("heading", name="My Safety Plan meeting")).to_be_visible()
    check("plan-meeting-planned")
    meeting = Meeting.objects.filter(kind="safety", place="Rochdale library").get()

    page.get_by_role("link", name="Make a link for Destiny to plan it").click()
    page.get_by_label("The young person").check()
    page.get_by_label("Passcode").fill("lemon5")
    page.get_by_role("button", name="Make the link").click()
    expect(page.get_by_role("heading", name="Link made")).to_be_visible()
    check("plan-meeting-link-made")
    link = page.locator("#shared-url").input_value()

    # Destiny, on her phone, shapes the meeting.
    phone, mine, looks_right = on_a_phone(browser, link, "lemon5", "plan-my-meeting")
    expect(mine.get_by_role("heading", name="Your My Safety Plan meeting")).to_be_visible()
    looks_right("plan-my-meeting-360")
    mine.get_by_label("Where would you like it to be?").fill("The youth club on Drake Street")
    mine.get_by_label("When suits you?").fill("After school, Tuesday or Thursday")
    mine.get_by_label("Who do you want there?").fill("Jo, Mum and Sam")
    mine.get_by_label("Is there anyone you don’t want there?").fill("The police officer")
    mine.get_by_label("Run it with someone else").check()
    mine.get_by_label("Yes").check()
    mine.get_by_label("If you know who, write their name").fill("Sam Okafor")
    mine.get_by_label("What do you want to talk about first?").fill("Getting home safely at night")
    mine.get_by_role("button", name="Save my choices").click()
    expect(mine.get_by_text("Your choices are saved")).to_be_visible()
    looks_right("plan-my-meeting-saved-360")
    phone.close()

    # The coordinator sees her choices first, then records the meeting once it has been held.
    page.goto(f"{demo.url}/plans/case/{meeting.case_id}/meetings/{meeting.pk}/")
    choices = page.locator("#choices")
    expect(choices).to_contain_text("The youth club on Drake Street")
    expect(choices).to_contain_text("The police officer")
    expect(choices).to_contain_text("Sam Okafor")
    check("plan-meeting-choices-seen")
    # The afternoon comes: the meeting has started.
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    page.reload()
    page.get_by_role("link", name="Record the meeting").click()
    for came in page.locator("input[type=radio][value=came]").all():
        came.check()
    page.get_by_label("The young person's views").fill("I want to feel safe getting home.")
    page.get_by_label("In their own words").check()
    page.get_by_label("Decisions").fill("Taxi home on Fridays; Sam joins the reviews.")
    page.get_by_label("Summary for the young person and family").fill(
        "We agreed a taxi home on Fridays, and Sam will come to your reviews."
    )
    due = timezone.localdate() + timedelta(days=7)
    for row, (goal, what, who) in enumerate(
        [
            ("Feel safe when I'm out at night", "Book a taxi home every Friday", "Marcus"),
            ("Go back to college in January", "Ask the college about a taster day", "Jo Bennett"),
        ],
        start=1,
    ):
        page.locator(f"#id_action_{row}_goal").select_option(label=goal)
        page.locator(f"#id_action_{row}_what").fill(what)
        page.locator(f"#id_action_{row}_who").fill(who)
        page.locator(f"#id_action_{row}_due_0").fill(str(due.day))
        page.locator(f"#id_action_{row}_due_1").fill(str(due.month))
        page.locator(f"#id_action_{row}_due_2").fill(str(due.year))
    check("plan-meeting-record")
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_text("I want to feel safe getting home.")).to_be_visible()
    assert set(Action.objects.filter(meeting=meeting).values_list("what", flat=True)) == {
        "Book a taxi home every Friday",
        "Ask the college about a taster day",
    }

    # The actions are on the plan, under their goals.
    page.get_by_role("link", name="Plan", exact=True).click()
    expect(page.get_by_role("cell", name="Book a taxi home every Friday (from a meeting)")).to_be_visible()
    expect(page.get_by_role("cell", name="Ask the college about a taster day (from a meeting)")).to_be_visible()
    check("plan-staff")
    pdf = page.request.get(f"{demo.url}/plans/case/{meeting.case_id}/plan.pdf?for=family")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    (SCREENSHOTS / "plan-family.pdf").write_bytes(pdf.body())
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "70",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(SCREENSHOTS / "plan-family.pdf"),
                str(SCREENSHOTS / "plan-pdf-first-page"),
            ],
            check=True,
        )
    page.get_by_role("link", name="Make a link for them to see and rate their plan").click()
    page.get_by_label("The young person").check()
    page.get_by_label("Passcode").fill("kiwi44")
    page.get_by_role("button", name="Make the link").click()
    plan_link = page.locator("#shared-url").input_value()

    # Destiny reads her plan in plain words and rates a goal.
    phone, mine, looks_right = on_a_phone(browser, plan_link, "kiwi44", "my-plan")
    expect(mine.get_by_role("heading", name="Your plan", exact=True)).to_be_visible()
    expect(mine.get_by_text("Book a taxi home every Friday")).to_be_visible()
    expect(mine.get_by_text("We agreed a taxi home on Fridays")).to_be_visible()
    looks_right("my-plan-360")
    goal = mine.locator("section", has=mine.get_by_role("heading", name="Feel safe when I'm out at night"))
    goal.get_by_label("7", exact=True).check()
    goal.get_by_role("button", name="Save how it’s going").click()
    expect(mine.get_by_text("Your rating is saved")).to_be_visible()
    looks_right("my-plan-rated-360")
    phone.close()
    rating = GoalRating.objects.filter(goal__words="Feel safe when I'm out at night").latest("rated_at")
    assert (rating.score, rating.rated_by, rating.rated_by_user) == (7, "young_person", None)
