"""Recording a meeting that was held: who came, the views, the decisions, a summary for the family, and the
actions, which go straight into the family plan under their goal; the plan's version is agreed at the
meeting, and the meeting goes on the case's timeline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Notification
from accounts.notifications import notify
from cases.models import TimelineEntry
from plans.models import Action, AgreedVersion, Attendee, FamilyPlan, Meeting
from plans.services import plan as plan_services

from .meeting_helpers import date_fields, errors_shown, held, make_coordinator, page_text, plan_meeting, started, url


@pytest.fixture
def coordinator(case):
    return make_coordinator(case)


@pytest.fixture
def goals(case, key_worker):
    plan = plan_services.plan_start(case=case, by=key_worker)
    college = plan_services.goal_add(
        plan=plan, owner="young_person", owner_name="Destiny", words="Go back to college", why="", by=key_worker
    )
    mum = plan_services.goal_add(
        plan=plan, owner="young_person", owner_name="Destiny", words="See my mum more", why="", by=key_worker
    )
    return college, mum


def record_form(meeting, goals=(), **changes) -> dict:
    data = {
        "young_persons_views": "I want to go back to college in September.",
        "views_by": "own",
        "professional_views": "School will support a phased return.",
        "decisions": "Phased return to college from September.",
        "family_summary": "We agreed you will start college again in September.",
    }
    for attendee in meeting.attendees.all():
        data[f"came_{attendee.pk}"] = "came"
    day = timezone.localdate() + timedelta(days=14)
    for row, goal in enumerate(goals, start=1):
        data |= {
            f"action_{row}_goal": str(goal.pk),
            f"action_{row}_what": f"Action {row}",
            f"action_{row}_who": "Jo Bennett",
            **date_fields(f"action_{row}_due", day),
        }
    data.update(changes)
    return data


def test_the_coordinator_records_a_meeting_and_its_actions_land_on_the_plan(
    client_for, case, key_worker, coordinator, goals
):
    college, mum = goals
    meeting = started(plan_meeting(case, key_worker))
    client = client_for(coordinator)
    form = record_form(meeting, goals=[college, mum])
    nan = meeting.attendees.get(name="Nan")
    form[f"came_{nan.pk}"] = "apologies"
    response = client.post(url("meeting-record", case, meeting), form)
    assert response.status_code == 302 and response["Location"] == url("meeting", case, meeting)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD and meeting.held_at is not None and meeting.recorded_by == coordinator
    assert meeting.family_summary == "We agreed you will start college again in September."
    assert Attendee.objects.get(pk=nan.pk).attendance == "apologies"
    actions = Action.objects.filter(meeting=meeting).order_by("what")
    assert [(a.goal, a.what, a.who_name) for a in actions] == [
        (college, "Action 1", "Jo Bennett"),
        (mum, "Action 2", "Jo Bennett"),
    ]
    # Jo was invited with their account: they will be told if their action is late.
    assert {a.who_user for a in actions} == {key_worker}
    agreed = AgreedVersion.objects.get(meeting=meeting)
    assert [a["what"] for g in agreed.snapshot["goals"] for a in g["actions"]] == ["Action 1", "Action 2"]
    entry = TimelineEntry.objects.get(case=case, kind=TimelineEntry.Kind.EVENT)
    assert entry.summary == "Ambitions meeting held" and entry.occurred_at == meeting.starts_at
    content = page_text(client.get(url("meeting", case, meeting)))
    assert "Action 1: Jo Bennett" in content and "in their words" in content


def test_the_advocates_words_are_marked_as_theirs(client_for, case, key_worker, goals):
    meeting = started(plan_meeting(case, key_worker))
    client = client_for(key_worker)
    client.post(url("meeting-record", case, meeting), record_form(meeting, views_by="advocate"))
    assert Meeting.objects.get().views_by == "advocate"
    assert "given by their advocate" in page_text(client.get(url("meeting", case, meeting)))


def test_a_case_with_no_plan_has_one_started_and_no_actions_are_asked_for(client_for, case, key_worker):
    meeting = started(plan_meeting(case, key_worker))
    client = client_for(key_worker)
    content = page_text(client.get(url("meeting-record", case, meeting)))
    assert "no goals yet" in content and "action_1_what" not in content
    response = client.post(url("meeting-record", case, meeting), record_form(meeting))
    assert response.status_code == 302
    plan = FamilyPlan.objects.get(case=case)
    assert AgreedVersion.objects.get(meeting=meeting).plan == plan
    assert not Action.objects.exists()


def test_a_meeting_not_started_yet_cannot_be_recorded(client_for, case, key_worker):
    meeting = plan_meeting(case, key_worker)
    client = client_for(key_worker)
    response = client.post(url("meeting-record", case, meeting), record_form(meeting))
    assert response.status_code == 200 and "has not started yet" in page_text(response)
    assert Meeting.objects.get().status == Meeting.Status.PLANNED


def test_a_held_meeting_is_not_recorded_twice(client_for, case, key_worker):
    meeting = started(plan_meeting(case, key_worker))
    client = client_for(key_worker)
    client.post(url("meeting-record", case, meeting), record_form(meeting))
    assert client.post(url("meeting-record", case, meeting), record_form(meeting)).status_code == 404
    assert AgreedVersion.objects.count() == 1 and TimelineEntry.objects.filter(kind="event").count() == 1


def test_recording_the_ambitions_meeting_settles_what_the_workers_were_told(case, key_worker, coordinator):
    from accounts.notifications import Message

    notify(
        [
            Message(key_worker, f"ambitions-overdue:{case.pk}", "Overdue", "/"),
            Message(coordinator, f"ambitions-due:{case.pk}", "Due", "/"),
        ]
    )
    held(case, key_worker)
    assert not Notification.objects.filter(done_at__isnull=True).exists()


BAD_RECORDS = [
    ({"young_persons_views": ""}, "Write the young person&#x27;s views"),
    ({"decisions": ""}, "Write what was decided"),
    ({"family_summary": "   "}, "Write a summary for the young person and family"),
    ({"views_by": "someone"}, "Say whose words the views are"),
    ({"action_1_what": ""}, "Enter what will be done in action 1"),
    ({"action_1_who": ""}, "Enter who will do action 1"),
    ({"action_1_goal": ""}, "Choose the goal of action 1"),
    ({"action_1_goal": "999999"}, "Choose one of the plan&#x27;s goals"),
    ({"action_1_due_0": "", "action_1_due_1": "", "action_1_due_2": ""}, "Enter the date action 1 is due by"),
    ({"action_1_due_0": "31", "action_1_due_1": "2", "action_1_due_2": "2027"}, "Enter a real date"),
    (date_fields("action_1_due", timezone.localdate() - timedelta(days=10)), "The date cannot be before the meeting"),
    (date_fields("action_1_due", timezone.localdate() + timedelta(days=1000)), "Enter a date within 2 years"),
]


@pytest.mark.parametrize("changes,message", BAD_RECORDS)
def test_a_record_with_something_wrong_says_what_and_saves_nothing(
    client_for, case, key_worker, goals, changes, message
):
    meeting = started(plan_meeting(case, key_worker))
    response = client_for(key_worker).post(
        url("meeting-record", case, meeting), record_form(meeting, goals[:1], **changes)
    )
    assert message in errors_shown(response)
    assert Meeting.objects.get().status == Meeting.Status.PLANNED
    assert not Action.objects.exists() and not AgreedVersion.objects.exists()


def test_who_came_must_be_said_for_everyone(client_for, case, key_worker):
    meeting = started(plan_meeting(case, key_worker))
    form = record_form(meeting)
    nan = meeting.attendees.get(name="Nan")
    del form[f"came_{nan.pk}"]
    response = client_for(key_worker).post(url("meeting-record", case, meeting), form)
    assert "Say whether Nan came" in errors_shown(response)
    assert Meeting.objects.get().status == Meeting.Status.PLANNED
