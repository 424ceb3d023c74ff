"""What the meeting forms refuse, and what they say: nothing is saved from a form with something wrong."""

from datetime import timedelta

import pytest
from django.utils import timezone

from plans.models import Attendee, ChoiceOverride, Meeting

from .meeting_helpers import choices_of, date_fields, errors_shown, make_coordinator, plan_form, plan_meeting, url

TODAY = timezone.localdate


BAD_PLANS = [
    ({"kind": ""}, "Choose the kind of meeting"),
    ({"kind": "party"}, "Choose the kind of meeting"),
    ({"kind": "other", "title": ""}, "Enter what the meeting is called"),
    ({"place": ""}, "Enter where the meeting is"),
    ({"place": "x" * 201}, "Ensure this value has at most 200 characters"),
    ({"starts_on_0": "", "starts_on_1": "", "starts_on_2": ""}, "Enter the date of the meeting"),
    ({"starts_on_0": "30", "starts_on_1": "2", "starts_on_2": "2027"}, "Enter a real date"),
    ({"starts_on_0": "x", "starts_on_1": "2", "starts_on_2": "2027"}, "Enter a real date"),
    ("yesterday", "The date of the meeting cannot be in the past"),
    ("in three years", "Enter a date within the next 2 years"),
    ({"starts_time": ""}, "Enter the time the meeting starts"),
    ({"starts_time": "25:00"}, "Enter a real time"),
    ("earlier today", "The meeting must start later than now"),
    ({"minutes": ""}, "Enter how long the meeting is, in minutes"),
    ({"minutes": "ten"}, "Enter how long the meeting is as a number of minutes"),
    ({"minutes": "5"}, "Enter a length from 15 to 480 minutes"),
    ({"other_1_name": "", "other_1_role": "", "other_1_email": ""}, "Choose or add at least one person to invite"),
    ({"other_1_email": "nan@"}, "Enter an email address like name@example.org"),
    ({"other_1_email": "nan@example.org\r\nBcc: all@example.org"}, "Enter an email address like name@example.org"),
    ({"other_2_email": "dad@example.org"}, "Enter the name of someone else (2)"),
    ({"attendees": ["user:999999"]}, "Choose people from the list"),
]


def _changes(changes):
    if changes == "yesterday":
        return date_fields("starts_on", TODAY() - timedelta(days=1))
    if changes == "in three years":
        return date_fields("starts_on", TODAY() + timedelta(days=3 * 366))
    if changes == "earlier today":
        return {**date_fields("starts_on", TODAY()), "starts_time": "00:00"}
    return changes


@pytest.mark.parametrize("changes,message", BAD_PLANS)
def test_a_meeting_with_something_wrong_is_not_planned(client_for, case, key_worker, changes, message):
    response = client_for(key_worker).post(url("meeting-new", case), plan_form(**_changes(changes)))
    assert message in errors_shown(response)
    assert not Meeting.objects.exists()


def test_an_empty_form_says_everything_it_needs(client_for, case, key_worker):
    shown = errors_shown(client_for(key_worker).post(url("meeting-new", case), {}))
    for message in ("Choose the kind of meeting", "Enter the date of the meeting", "Enter where the meeting is"):
        assert message in shown
    assert not Meeting.objects.exists()


def test_an_other_meeting_is_called_by_its_title(client_for, case, key_worker):
    client_for(key_worker).post(url("meeting-new", case), plan_form(kind="other", title="College visit"))
    assert Meeting.objects.get().name == "College visit"


BAD_CHOICES = [
    ({}, "Record at least one of their choices"),
    ({"role": "boss"}, "Choose the part they want in the meeting"),
    ({"advocate_wanted": "maybe"}, "Say whether they want an advocate"),
    ({"advocate_wanted": "no", "advocate_name": "Sam"}, "Choose yes if they want an advocate, or leave the name empty"),
    ({"place": "y" * 201}, "Ensure this value has at most 200 characters"),
]


@pytest.mark.parametrize("changes,message", BAD_CHOICES)
def test_choices_with_something_wrong_are_not_saved(client_for, case, key_worker, changes, message):
    meeting = plan_meeting(case, key_worker)
    form = {"advocate_wanted": "no", **changes}
    response = client_for(key_worker).post(url("meeting-choices", case, meeting), form)
    assert message in errors_shown(response)
    assert Meeting.objects.get().choices_at is None


def test_the_worker_records_the_young_persons_choices_with_them(client_for, case, key_worker):
    meeting = plan_meeting(case, key_worker)
    form = {"place": "the youth club", "time": "after school", "not_wanted": "the police officer"}
    response = client_for(key_worker).post(
        url("meeting-choices", case, meeting), {**form, "role": "co_chair", "advocate_wanted": "yes"}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.chosen_place, meeting.chosen_time, meeting.role, meeting.advocate_wanted) == (
        "the youth club",
        "after school",
        "co_chair",
        True,
    )
    assert meeting.choices_by == "Destiny, with Jo Bennett"


def change_form(meeting, **changes) -> dict:
    local = timezone.localtime(meeting.starts_at)
    data = {
        **date_fields("starts_on", local.date()),
        "starts_time": local.strftime("%H:%M"),
        "minutes": str(meeting.minutes),
        "place": meeting.place,
        "attendees": [f"attendee:{a.pk}" for a in meeting.attendees.all()],
        "reason": "",
    }
    data.update(changes)
    return data


def test_a_change_against_the_chosen_place_needs_a_reason_and_keeps_it(client_for, case, key_worker):
    meeting = plan_meeting(case, key_worker)
    choices_of(meeting, place="Youth club, Hope Street")
    client = client_for(key_worker)
    response = client.post(url("meeting-change", case, meeting), change_form(meeting, place="ACT office"))
    assert "Say why this goes against what they chose" in errors_shown(response)
    assert Meeting.objects.get().place == "Youth club, Hope Street"
    form = change_form(meeting, place="ACT office", reason="The youth club is closed that day")
    assert client.post(url("meeting-change", case, meeting), form).status_code == 302
    assert Meeting.objects.get().place == "ACT office"
    assert ChoiceOverride.objects.get().reason == "The youth club is closed that day"


def test_inviting_someone_they_did_not_want_needs_a_reason(client_for, case, key_worker):
    meeting = plan_meeting(case, key_worker)
    choices_of(meeting, place="", not_wanted="the police officer, PC Smith")
    form = change_form(meeting, other_1_name="PC Smith", other_1_role="Police")
    response = client_for(key_worker).post(url("meeting-change", case, meeting), form)
    assert "Say why this goes against what they chose" in errors_shown(response)
    assert not Attendee.objects.filter(name="PC Smith").exists()


def test_a_change_can_take_someone_off_and_invite_someone_from_the_case(client_for, case, key_worker):
    coordinator = make_coordinator(case)
    meeting = plan_meeting(case, key_worker)
    nan = meeting.attendees.get(name="Nan")
    keep = [f"attendee:{a.pk}" for a in meeting.attendees.exclude(pk=nan.pk)]
    form = change_form(meeting, attendees=[*keep, f"user:{coordinator.pk}"])
    assert client_for(key_worker).post(url("meeting-change", case, meeting), form).status_code == 302
    invited = Attendee.objects.filter(meeting=meeting, removed_at__isnull=True)
    assert sorted(a.name for a in invited) == sorted([key_worker.get_full_name(), "Helen Ward"])
    assert Meeting.objects.get().sequence == 1


def test_a_change_with_nobody_invited_is_refused(client_for, case, key_worker):
    meeting = plan_meeting(case, key_worker)
    response = client_for(key_worker).post(url("meeting-change", case, meeting), change_form(meeting, attendees=[]))
    assert "Choose or add at least one person to invite" in errors_shown(response)
    assert Attendee.objects.filter(removed_at__isnull=True).count() == 2


def test_cancelling_needs_a_reason(client_for, case, key_worker):
    meeting = plan_meeting(case, key_worker)
    client = client_for(key_worker)
    assert "Say why the meeting is cancelled" in errors_shown(client.post(url("meeting-cancel", case, meeting), {}))
    assert Meeting.objects.get().status == Meeting.Status.PLANNED
    long = client.post(url("meeting-cancel", case, meeting), {"reason": "z" * 301})
    assert "at most 300 characters" in errors_shown(long)
    assert client.post(url("meeting-cancel", case, meeting), {"reason": "Nan is ill"}).status_code == 302
    assert Meeting.objects.get().status == Meeting.Status.CANCELLED


def test_a_cancelled_meeting_cannot_be_changed_or_cancelled_again(client_for, case, key_worker):
    meeting = plan_meeting(case, key_worker)
    client = client_for(key_worker)
    client.post(url("meeting-cancel", case, meeting), {"reason": "Nan is ill"})
    assert client.post(url("meeting-cancel", case, meeting), {"reason": "Again"}).status_code == 404
    assert client.post(url("meeting-change", case, meeting), change_form(meeting)).status_code == 404
    assert Meeting.objects.get().cancel_reason == "Nan is ill"
