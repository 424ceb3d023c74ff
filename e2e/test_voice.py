"""Destiny checks in on her phone through the link she was sent (five taps and a button), is thanked, and her
worker reads the check-in on the case's page; her mum gives feedback and keeps her words for the manager.
axe and the security policies are checked on every page; the pages at 360 px are kept as pictures."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from cases import services as case_services
from cases.models import Case, Person
from feedback.links import CHECK_IN_LINK, FEEDBACK_LINK
from feedback.models import CheckIn, FeedbackAnswer, Kind, Request, Rhythm
from feedback.tests.voice_helpers import a_rhythm

from .phone import a_phone, checker


def _link(case, kind, purpose, person=Person.YOUNG_PERSON, name="") -> str:
    # The demo's own rhythm where there is one (one live rhythm per person and kind), or a new one.
    rhythm = Rhythm.objects.filter(
        case=case, kind=kind, person=person, person_name=name, stopped_at__isnull=True
    ).first() or a_rhythm(case, case.key_worker, kind, person, name)
    due = timezone.now() - timedelta(hours=1)
    asked = Request.objects.create(rhythm=rhythm, case=case, kind=kind, due_at=due, sent_at=due)
    _made, token = case_services.link_create(
        case=case, purpose=purpose, target_id=asked.pk, person=person, name=name, by=case.key_worker
    )
    return f"/s/{token}/"


def test_a_check_in_on_a_phone_read_by_her_worker(page, browser, demo, sign_in, check):
    destiny = Case.objects.get(young_person__given_name="Destiny")
    check_in = _link(destiny, Kind.CHECK_IN, CHECK_IN_LINK)
    feedback = _link(destiny, Kind.FEEDBACK, FEEDBACK_LINK, Person.PARENT_CARER, "Sarah")

    phone, mine, problems = a_phone(browser)
    looks_right = checker(mine, problems)

    mine.goto(f"{demo.url}{check_in}")
    looks_right("voice-check-in-360")
    mine.get_by_role("button", name="Send").click()
    looks_right("voice-check-in-errors-360")
    for group, answer in (
        ("How are you feeling at the moment?", "OK"),
        ("How do you feel about your life and what’s ahead?", "Good"),
        ("How sure are you about what a healthy relationship looks like?", "Really good"),
        ("How do you feel about yourself?", "Really bad"),
        ("How good are your relationships with the people around you?", "Good"),
    ):
        mine.get_by_role("group", name=group).get_by_label(answer, exact=True).check()
    mine.get_by_role("button", name="Send").click()
    expect(mine.get_by_role("heading", name="Thank you")).to_be_visible()
    expect(mine.get_by_text("0800 1111")).to_be_visible()
    looks_right("voice-check-in-thanks-360")
    assert CheckIn.objects.filter(case=destiny).latest("at", "pk").self_feeling == 1

    mine.goto(f"{demo.url}{feedback}")
    looks_right("voice-feedback-360")
    mine.get_by_role("group", name="Did you feel listened to?").get_by_label("Mostly", exact=True).check()
    mine.get_by_role("group", name="Is the worker there when you or your family need them?").get_by_label(
        "Sometimes"
    ).check()
    mine.get_by_label("What would make it better?").fill("Calls back the same day")
    mine.get_by_role("button", name="Send").click()
    expect(mine.get_by_role("heading", name="Thank you")).to_be_visible()
    answer = FeedbackAnswer.objects.filter(case=destiny).latest("at", "pk")
    assert (answer.person_name, answer.worker_may_read) == ("Sarah", False)
    phone.close()

    sign_in("worker")
    page.goto(f"{demo.url}/feedback/cases/{destiny.pk}/")
    expect(page.get_by_role("heading", name="Check-ins", exact=True)).to_be_visible()
    expect(page.get_by_text("1 – Really bad").first).to_be_visible()
    assert "Calls back the same day" not in page.content()
    check("voice-case-page")
