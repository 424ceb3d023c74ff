"""The family plan as a PDF: what the family version holds (their plan in plain words, and nothing else: no
jargon, no restricted entry, no staff contact details, no worker's notes) and what the staff version adds (the
changes since the last agreed version, every rating, overdue actions, who holds the plan)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases import services as case_services
from cases.models import Case, TimelineEntry
from cases.tests.factories import CaseFactory
from plans.models import Goal
from plans.pdf import plan_html, plan_pdf_bytes
from plans.services import plan as plans

from .pdf_helpers import (
    AFTER_AGREED,
    BEFORE_AGREED,
    WORRIES,
    coordinator_of,
    destiny_plan,
    jargon_in,
    pdf_text,
)

TODAY = timezone.localdate()


@pytest.fixture
def plan(case, key_worker):
    coordinator_of(case)
    return destiny_plan(case, key_worker, today=TODAY)


def test_the_family_version_has_their_plan_in_plain_words_and_nothing_else(case, key_worker, outsider_case, plan):
    Case.objects.filter(pk=case.pk).update(social_worker_contact="sw.private@council.example 0161 496 0000")
    case_services.timeline_add(
        case=case,
        by=key_worker,
        kind=TimelineEntry.Kind.EVENT,
        occurred_at=timezone.now() - timedelta(days=1),
        summary="Restricted police intelligence entry",
        restricted=True,
    )
    other = plans.plan_start(case=outsider_case, by=outsider_case.key_worker)
    plans.worries_save(plan=other, worries="Jordan's worries are for Jordan's plan only", by=outsider_case.key_worker)

    text = pdf_text(plan_pdf_bytes(plan=plan, audience="family", today=TODAY))

    for words in (
        "Destiny’s plan",
        "What is going well",
        "Funny, kind and loyal to her friends",
        "What people are worried about",
        WORRIES,
        "What matters most to us",
        "Stay at the children's home Go back to college See my mum more",  # in her order
        "Destiny to be safe and happy",
        "Our goals",
        "Go back to college",
        "I want to do hair",
        "6 out of 10, said by Destiny",
        "Destiny said: “Went to the open day”",
        "Fill in the application form",
        "See each other every two weeks",
        "3 out of 10, said by Mum",
        "My Safety Plan",
        "I stop answering my phone",
        "Mum – 07700 900123",  # her own people's numbers are hers to keep
        "The youth club",
        "Staff will text me if I am late",
        "Jo Bennett",
        "Helen Moss",
    ):
        assert words in text, words
    assert jargon_in(text) == []
    for absent in (
        "Staff version",
        key_worker.email,
        "helen@",
        "sw.private",
        "0161 496 0000",
        "Restricted police intelligence",
        "Jordan",
        "Worker's own note",
        "Overdue",
        BEFORE_AGREED,
    ):
        assert absent not in text, absent


def test_the_staff_version_adds_what_changed_since_the_agreed_version_and_every_rating(plan, key_worker):
    text = pdf_text(plan_pdf_bytes(plan=plan, audience="staff", today=TODAY))

    assert "Staff version — not for the young person or family" in text
    assert f"Version {plan.version}" in text
    agreed_version = plan.version - 1
    assert f"What changed since version {agreed_version} was agreed" in text
    assert f"{plan.version} Action added: {AFTER_AGREED} (Jo) Jo Bennett" in text
    assert BEFORE_AGREED not in text  # agreed already: not a change since
    # Every rating of the goal, with who and when; a worker's note too.
    for rating in Goal.objects.get(words="Go back to college").ratings.all():
        when = timezone.localtime(rating.rated_at).strftime("%-d %b %Y")
        assert f"{when} {rating.rated_by_name}" in text and f"{rating.score} out of 10" in text
    assert "Worker's own note on the rating" in text
    assert "Fill in the application form Destiny" in text and "Not yet Overdue" in text
    assert "Key worker Jo Bennett" in text and "Plan coordinator Helen Moss" in text
    assert key_worker.email not in text


def test_a_plan_never_agreed_lists_every_change(case, key_worker):
    plan = plans.plan_start(case=case, by=key_worker)
    plans.worries_save(plan=plan, worries=WORRIES, by=key_worker)
    html = plan_html(plan=plan, audience="staff", today=TODAY)
    assert "What changed since the plan was started" in html and BEFORE_AGREED in html
    assert "No version agreed yet" in html


def test_what_was_taken_off_the_plan_is_not_in_it(plan, key_worker):
    goal = Goal.objects.get(words="Go back to college")
    plans.item_remove(item=goal, plan=plan, by=key_worker)
    for audience in ("family", "staff"):
        html = plan_html(plan=plan, audience=audience, today=TODAY)
        assert "I want to do hair" not in html and "See each other every two weeks" in html


def test_words_written_as_markup_come_out_as_words_and_nothing_is_fetched(case, key_worker):
    plan = plans.plan_start(case=case, by=key_worker)
    plans.goal_add(
        plan=plan,
        owner="young_person",
        owner_name='<img src="http://evil.example/x.png">',
        words='<link rel="stylesheet" href="file:///etc/passwd">',
        why="<script>alert(1)</script>",
        by=key_worker,
    )
    html = plan_html(plan=plan, audience="family", today=TODAY)
    assert "<img" not in html and "<link" not in html and "<script" not in html
    assert "&lt;script&gt;" in html
    # Nothing in the document points anywhere: no source, no link, no stylesheet, no url().
    assert not re.search(r"<[^>]*\s(src|href)=|url\(", html)


def test_an_audience_that_does_not_exist_is_refused(case, key_worker):
    plan = plans.plan_start(case=case, by=key_worker)
    with pytest.raises(ValueError):
        plan_html(plan=plan, audience="everyone", today=TODAY)


def _queries(plan, audience) -> int:
    with CaptureQueriesContext(connection) as captured:
        plan_html(plan=plan, audience=audience, today=TODAY)
    return len(captured.captured_queries)


@pytest.mark.parametrize("audience", ["family", "staff"])
def test_a_longer_plan_needs_no_more_queries(key_worker, audience):
    plan = plans.plan_start(case=CaseFactory(team=key_worker.team, key_worker=key_worker), by=key_worker)

    def add(goals: int) -> None:
        for number in range(goals):
            goal = plans.goal_add(
                plan=plan, owner="family", owner_name="", words=f"Goal {number}", why="", by=key_worker
            )
            plans.goal_rate(goal=goal, score=number % 11, rated_by="family", name="Mum", by=None)
            plans.action_add(goal=goal, what="Something", who_name="Jo", due_on=TODAY, by=key_worker)
            plans.strength_add(plan=plan, whose="family", text=f"Strength {number}", by=key_worker)
            plans.priority_add(plan=plan, whose="family", words=f"Priority {number}", by=None, label="Mum")
            plans.safety_add(
                plan=plan, part="people", text="Nan", phone="1", by=None, name="Mum", from_young_person=False
            )

    add(1)
    few = _queries(plan, audience)
    add(12)
    assert _queries(plan, audience) == few <= 12
