"""Hostile input to the family plan: every staff form (worries, a strength, a priority, a goal, a rating, an
action, a line of the safety plan, a link to the plan) and the young person's "my plan" and "plan my
meeting" links (rating a goal, adding to the safety plan, giving choices), then the pages that show it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from plans import services
from plans.models import Meeting

from .checks import Visitor, assert_shown, attempt
from .inputs import HOSTILE, choice, date_parts, form, number, pick, text, with_dates

NEXT_WEEK = timezone.localdate() + timedelta(days=7)
PASSCODE = "heron42"


def _plan_with_goal(case, by):
    plan = services.plan_start(case=case, by=by)
    goal = services.goal_add(plan=plan, owner="young_person", owner_name="", words="College", why="", by=by)
    return plan, goal


STAFF_FORMS = {
    "plans:worries": form(worries=text("She is out late", limit=5000)),
    "plans:strength-add": form(whose=choice(["young_person", "family", "network"]), text=text("Kind", limit=1000)),
    "plans:priority-add": form(whose=choice(["young_person", "family"]), words=text("Go to college", limit=300)),
    "plans:goal-add": form(
        owner=choice(["young_person", "family", "both"]),
        owner_name=text("", limit=150),
        words=text("Go to college", limit=300),
        why=text("", limit=2000),
    ),
    "plans:safety-add": form(
        part=choice(["signs", "i_can", "people", "places", "adults"]),
        text=text("Mum", limit=300),
        phone=text("07700 900123", limit=40),
    ),
    "plans:plan-link-new": form(
        contributor=choice(["young_person", "parent_carer"]),
        name=text("Mum", limit=150),
        days=number("14"),
        passcode=text(PASSCODE, limit=50),
    ),
}
GOAL_FORMS = {
    "plans:goal-rate": form(
        score=choice([str(n) for n in range(11)]),
        rated_by=choice(["young_person", "family", "worker"]),
        name=text("Destiny", limit=150),
        note=text("", limit=300),
    ),
    "plans:action-add": form(
        what=text("Call the college", limit=300),
        who_name=text("Jo", limit=150),
        who_user=pick("", "key_worker"),
        due_on=date_parts((str(NEXT_WEEK.day), str(NEXT_WEEK.month), str(NEXT_WEEK.year))),
    ).map(lambda data: with_dates(data, "due_on")),
    "plans:goal-change": form(
        owner=choice(["young_person", "family", "both"]),
        owner_name=text("", limit=150),
        words=text("Go to college", limit=300),
        why=text("", limit=2000),
    ),
}


@given(name=st.sampled_from(sorted(STAFF_FORMS)), data=st.data())
@HOSTILE
def test_the_plans_forms(key_worker, case, name, data):
    drawn = data.draw(STAFF_FORMS[name])
    with attempt(name, key_worker) as visitor:
        _plan_with_goal(case, key_worker)
        response = visitor.submit(reverse(name, args=[case.pk]), drawn)
        if response.status_code == 302:
            page = visitor.get(reverse("plans:plan", args=[case.pk]))
            for field in ("text", "words"):
                if drawn.get(field) and name != "plans:worries":
                    assert_shown(page, drawn[field].strip())
            visitor.get(reverse("plans:history", args=[case.pk]))


@given(name=st.sampled_from(sorted(GOAL_FORMS)), data=st.data())
@HOSTILE
def test_the_goals_forms(key_worker, case, name, data):
    drawn = data.draw(GOAL_FORMS[name])
    with attempt(name, key_worker) as visitor:
        _plan, goal = _plan_with_goal(case, key_worker)
        if drawn.get("who_user") == "key_worker":
            drawn["who_user"] = str(key_worker.pk)
        response = visitor.submit(reverse(name, args=[case.pk, goal.pk]), drawn)
        if response.status_code == 302:
            visitor.get(reverse("plans:plan", args=[case.pk]))
            visitor.get(reverse("assessments:reviews", args=[case.pk]))


MY_PLAN = form(
    action=choice(["rate", "safety"]),
    goal=pick("mine", "other"),
    score=choice([str(n) for n in range(11)]),
    note=text("", limit=300),
    part=choice(["signs", "i_can", "people", "places", "adults"]),
    text=text("The library", limit=300),
    phone=text("", limit=40),
)


@given(steps=st.lists(MY_PLAN, min_size=1, max_size=3))
@HOSTILE
def test_my_plan_link(key_worker, case, steps):
    with attempt("shared-link (my plan)") as young_person:
        plan, goal = _plan_with_goal(case, key_worker)
        _link, token = services.plan_link_create(
            plan=plan, person="young_person", name="", by=key_worker, days=14, passcode=PASSCODE
        )
        url = reverse("shared-link", args=[token])
        young_person.post(url, {"action": "passcode", "passcode": PASSCODE})
        for data in steps:
            if data.get("goal") in ("mine", "other"):
                data["goal"] = str(goal.pk) if data["goal"] == "mine" else str(goal.pk + 1000)
            response = young_person.submit(url, data)
            assert response.status_code in (302, 400)
        young_person.get(url)
        Visitor("shared-link (my plan)", key_worker).get(reverse("plans:plan", args=[case.pk]))


CHOICES = form(
    place=text("the youth club", limit=200),
    time=text("after school", limit=200),
    wanted=text("Mum", limit=1000),
    not_wanted=text("the police officer", limit=1000),
    role=choice(["chair", "co_chair", "attend", "not_attend", ""]),
    advocate_wanted=choice(["yes", "no", ""]),
    advocate_name=text("", limit=150),
    talk_first=text("college", limit=1000),
)


@given(data=CHOICES)
@HOSTILE
def test_plan_my_meeting_link(key_worker, case, data):
    with attempt("shared-link (plan my meeting)") as young_person:
        meeting = services.meeting_plan(
            case=case,
            kind=Meeting.Kind.SAFETY,
            title="",
            starts_at=timezone.now() + timedelta(days=3),
            minutes=60,
            place="Youth club",
            attendees=[services.AttendeeData(name="Nan")],
            by=key_worker,
        )
        _link, token = services.meeting_link_create(
            meeting=meeting, person="young_person", name="", by=key_worker, days=14, passcode=PASSCODE
        )
        url = reverse("shared-link", args=[token])
        young_person.post(url, {"action": "passcode", "passcode": PASSCODE})
        response = young_person.submit(url, data)
        young_person.get(url)
        if response.status_code == 302:
            worker = Visitor("shared-link (plan my meeting)", key_worker)
            page = worker.get(reverse("plans:meeting", args=[case.pk, meeting.pk]))
            meeting.refresh_from_db()
            assert_shown(page, meeting.chosen_place)
