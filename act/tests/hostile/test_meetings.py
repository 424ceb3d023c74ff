"""Hostile input to meetings: planning one (and sending its invitations, with their calendar file), the young
person's choices, changing it, cancelling it and recording it."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from plans.models import Meeting
from plans.services import meetings as services

from .checks import assert_clean_emails, assert_shown, attempt
from .inputs import HOSTILE, Field, bad, choice, date_parts, form, hostile_text, number, pick, text, with_dates

NEXT_WEEK = timezone.localdate() + timedelta(days=7)
TIMES = ["25:00", "12:60", "13pm", "0am", "12", "24:00", "-1:00", "١٤:٣٠", "14:30:00", "noon ", "2 p.m."]


def boxes(day) -> tuple[str, str, str]:
    return (str(day.day), str(day.month), str(day.year))


def time_box(valid: str) -> Field:
    return Field(st.just(valid), bad(st.one_of(st.sampled_from(TIMES), hostile_text)))


def email(valid: str) -> Field:
    return Field(st.just(valid), bad(st.one_of(hostile_text, st.sampled_from(["a@b", "a@b.c\r\nBcc: x@y.z"]))))


def meeting_form(changing: bool) -> st.SearchStrategy[dict]:
    fields = {
        "starts_on": date_parts(boxes(NEXT_WEEK)),
        "starts_time": time_box("16:00"),
        "minutes": number("60"),
        "place": text("Youth club", limit=200),
        "attendees": pick("key_worker", ""),
        "other_1_name": text("Nan", limit=150),
        "other_1_role": text("Grandmother", limit=150),
        "other_1_email": email("nan@example.org"),
    }
    if changing:
        fields["reason"] = text("It is closed")
    else:
        fields |= {"kind": choice(Meeting.Kind.values), "title": text("Visit", limit=150)}
    return form(**fields).map(lambda data: with_dates(data, "starts_on"))


def _planned(case, by) -> Meeting:
    return services.meeting_plan(
        case=case,
        kind="ambitions",
        title="",
        starts_at=timezone.now() + timedelta(days=3),
        minutes=60,
        place="Youth club",
        attendees=[services.AttendeeData(name="Nan", email="nan@example.org")],
        by=by,
    )


def _candidate(data: dict, key_worker) -> dict:
    if data.get("attendees") == "key_worker":
        return {**data, "attendees": f"user:{key_worker.pk}"}
    return data


@given(data=meeting_form(False), times=st.integers(1, 2))
@HOSTILE
def test_planning_a_meeting(key_worker, case, data, times):
    with attempt("plans:meeting-new", key_worker) as visitor:
        url = reverse("plans:meeting-new", args=[case.pk])
        response = visitor.submit(url, _candidate(data, key_worker), times=times, run_tasks=True)
        if response.status_code == 302:
            meeting = Meeting.objects.filter(case=case).latest("pk")
            page = visitor.get(reverse("plans:meeting", args=[case.pk, meeting.pk]))
            assert_shown(page, meeting.place)
            visitor.get(reverse("plans:meetings", args=[case.pk]))
            assert_clean_emails()


@given(data=meeting_form(True))
@HOSTILE
def test_changing_a_meeting(key_worker, case, data):
    with attempt("plans:meeting-change", key_worker) as visitor:
        meeting = _planned(case, key_worker)
        services.meeting_choices_save(
            meeting=meeting,
            place="the youth club",
            time="",
            wanted="",
            not_wanted="Nan",
            role="",
            advocate_wanted=False,
            advocate_name="",
            talk_first="",
            by_label="Destiny",
        )
        data = {
            **_candidate(data, key_worker),
            "attendees": [data.get("attendees"), f"attendee:{meeting.attendees.get().pk}"],
        }
        response = visitor.submit(reverse("plans:meeting-change", args=[case.pk, meeting.pk]), data, run_tasks=True)
        if response.status_code == 302:
            visitor.get(reverse("plans:meeting", args=[case.pk, meeting.pk]))
            assert_clean_emails()


CHOICES = {
    "place": text("the youth club", limit=200),
    "time": text("after school", limit=200),
    "wanted": text("my advocate"),
    "not_wanted": text("the police officer"),
    "role": choice(["chair", "co_chair", "attend", "not_attend"]),
    "advocate_wanted": choice(["yes", "no"]),
    "advocate_name": text("", limit=150),
    "talk_first": text("college"),
}


@given(data=form(**CHOICES))
@HOSTILE
def test_the_young_persons_choices(key_worker, case, data):
    with attempt("plans:meeting-choices", key_worker) as visitor:
        meeting = _planned(case, key_worker)
        response = visitor.submit(reverse("plans:meeting-choices", args=[case.pk, meeting.pk]), data)
        if response.status_code == 302:
            meeting.refresh_from_db()
            page = visitor.get(reverse("plans:meeting", args=[case.pk, meeting.pk]))
            assert_shown(page, meeting.chosen_place)


@given(data=form(reason=text("Nan is ill", limit=300)))
@HOSTILE
def test_cancelling_a_meeting(key_worker, case, data):
    with attempt("plans:meeting-cancel", key_worker) as visitor:
        meeting = _planned(case, key_worker)
        response = visitor.submit(reverse("plans:meeting-cancel", args=[case.pk, meeting.pk]), data, run_tasks=True)
        if response.status_code == 302:
            visitor.get(reverse("plans:meeting", args=[case.pk, meeting.pk]))
            assert_clean_emails()


RECORD = {
    "came": choice(["came", "apologies", "did_not_come"]),
    "young_persons_views": text("I want to go back to college"),
    "views_by": choice(["own", "advocate"]),
    "professional_views": text(""),
    "decisions": text("Phased return"),
    "family_summary": text("You will start college again"),
    "action_1_goal": pick("goal", ""),
    "action_1_what": text("Call the college", limit=300),
    "action_1_who": text("Jo Bennett", limit=150),
    "action_1_due": date_parts(boxes(NEXT_WEEK)),
}


@given(data=form(**RECORD).map(lambda data: with_dates(data, "action_1_due")))
@HOSTILE
def test_recording_a_meeting(key_worker, case, data):
    from plans.services import plan as plan_services

    with attempt("plans:meeting-record", key_worker) as visitor:
        plan = plan_services.plan_start(case=case, by=key_worker)
        goal = plan_services.goal_add(
            plan=plan, owner="young_person", owner_name="", words="College", why="", by=key_worker
        )
        meeting = _planned(case, key_worker)
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=1))
        data = {**data, f"came_{meeting.attendees.get().pk}": data.pop("came")}
        if data.get("action_1_goal") == "goal":
            data["action_1_goal"] = str(goal.pk)
        response = visitor.submit(reverse("plans:meeting-record", args=[case.pk, meeting.pk]), data)
        if response.status_code == 302:
            visitor.get(reverse("plans:meeting", args=[case.pk, meeting.pk]))
            visitor.get(reverse("cases:timeline", args=[case.pk]))
