"""Invitations: an email with a calendar file to everyone invited who has an email; an update with a higher
sequence when the meeting changes; a cancellation when it is cancelled, or when someone is no longer invited.
The calendar file is read back as a calendar program would."""

from datetime import UTC, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Notification
from plans.models import Attendee, ChoiceOverride, Meeting
from plans.services import meetings as services

from .meeting_helpers import choices_of, plan_meeting


def calendar_of(message) -> Calendar:
    (attachment,) = message.attachments
    name, content, mimetype = attachment
    assert name == "meeting.ics" and mimetype.startswith("text/calendar")
    return Calendar.from_ical(content)


def event_of(message):
    calendar = calendar_of(message)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


@pytest.fixture
def meeting(committed, case, key_worker):
    return committed(lambda: plan_meeting(case, key_worker))


def test_an_invitation_carries_a_calendar_file_with_the_meetings_uid_sequence_and_time(meeting):
    (message,) = sent_to("nan@example.org")
    calendar, event = event_of(message)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == str(meeting.uid)
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == meeting.starts_at.astimezone(UTC).replace(microsecond=0)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(minutes=60)
    assert str(event["LOCATION"]) == "Youth club, Hope Street" and str(event["SUMMARY"]) == "Ambitions meeting"
    assert "Youth club, Hope Street" in message.body and message.subject.startswith("Invitation: Ambitions meeting")


def test_an_invitation_names_only_its_own_recipient(meeting, key_worker):
    (message,) = sent_to("nan@example.org")
    _calendar, event = event_of(message)
    attendees = event["ATTENDEE"]
    assert str(attendees) == "mailto:nan@example.org"
    assert key_worker.email not in message.body


def test_staff_invited_with_an_account_are_told_in_the_app(committed, case, key_worker, manager):
    committed(
        lambda: plan_meeting(
            case,
            key_worker,
            attendees=[services.AttendeeData(name="The manager", email=manager.email, user=manager)],
        )
    )
    told = Notification.objects.get(recipient=manager)
    assert told.kind == "meeting-invited" and "You are invited to Destiny" in told.message
    # The organiser invites themself without being told about it.
    assert not Notification.objects.filter(recipient=key_worker).exists()


def test_a_change_sends_an_update_with_a_higher_sequence(committed, meeting, key_worker):
    mail.outbox.clear()
    new_start = meeting.starts_at + timedelta(days=1)
    keep = list(meeting.attendees.values_list("pk", flat=True))
    committed(
        lambda: services.meeting_change(
            meeting=meeting,
            starts_at=new_start,
            minutes=90,
            place="Library",
            keep=keep,
            add=[],
            reason="",
            by=key_worker,
        )
    )
    (message,) = sent_to("nan@example.org")
    calendar, event = event_of(message)
    assert str(calendar["METHOD"]) == "REQUEST" and event["SEQUENCE"] == 1
    assert event.decoded("DTSTART") == new_start.astimezone(UTC).replace(microsecond=0)
    assert str(event["UID"]) == str(meeting.uid)
    assert message.subject.startswith("Changed:") and "Library" in message.body
    assert Meeting.objects.get().sequence == 1


def test_someone_no_longer_invited_gets_a_cancellation_and_someone_new_an_invitation(committed, meeting, key_worker):
    mail.outbox.clear()
    nan = meeting.attendees.get(name="Nan")
    keep = list(meeting.attendees.exclude(pk=nan.pk).values_list("pk", flat=True))
    dad = services.AttendeeData(name="Dad", email="dad@example.org")
    committed(
        lambda: services.meeting_change(
            meeting=meeting,
            starts_at=meeting.starts_at,
            minutes=60,
            place=meeting.place,
            keep=keep,
            add=[dad],
            reason="",
            by=key_worker,
        )
    )
    calendar, _event = event_of(sent_to("nan@example.org")[0])
    assert str(calendar["METHOD"]) == "CANCEL"
    calendar, event = event_of(sent_to("dad@example.org")[0])
    assert str(calendar["METHOD"]) == "REQUEST" and event["SEQUENCE"] == 1
    assert Attendee.objects.get(pk=nan.pk).removed_at is not None


def test_a_cancellation_is_sent_to_everyone_invited(committed, meeting, key_worker):
    mail.outbox.clear()
    committed(lambda: services.meeting_cancel(meeting=meeting, reason="Nan is in hospital", by=key_worker))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(["nan@example.org", key_worker.email])
    for message in mail.outbox:
        calendar, event = event_of(message)
        assert str(calendar["METHOD"]) == "CANCEL" and event["SEQUENCE"] == 1
        assert str(event["UID"]) == str(meeting.uid)
        assert "Nan is in hospital" not in message.body
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancel_reason) == (Meeting.Status.CANCELLED, "Nan is in hospital")


def test_an_invitation_says_nothing_of_the_case(committed, case, key_worker):
    case.young_person.contact_preferences = "Texts only"
    case.young_person.save()
    mail.outbox.clear()
    committed(lambda: plan_meeting(case, key_worker, kind="safety"))
    for message in mail.outbox:
        text = message.subject + message.body + calendar_of(message).to_ical().decode()
        for detail in ("Destiny", case.young_person.family_name, "Texts only", "CSE", "exploitation"):
            assert detail not in text


def test_going_against_the_chosen_place_or_inviting_someone_not_wanted_needs_a_reason(meeting, key_worker):
    choices_of(meeting, place="the youth club", not_wanted="the police officer, PC Smith")
    keep = list(meeting.attendees.values_list("pk", flat=True))
    smith = services.AttendeeData(name="PC Smith", role="Police")
    change = {"meeting": meeting, "starts_at": meeting.starts_at, "minutes": 60, "keep": keep, "by": key_worker}
    with pytest.raises(services.MeetingError):
        services.meeting_change(**change, place="ACT office", add=[], reason="")
    with pytest.raises(services.MeetingError):
        services.meeting_change(**change, place="The Youth Club", add=[smith], reason="")
    assert not ChoiceOverride.objects.exists()
    services.meeting_change(**change, place="ACT office", add=[smith], reason="The youth club is shut that week")
    assert sorted(ChoiceOverride.objects.values_list("choice", "reason")) == [
        ("place", "The youth club is shut that week"),
        ("who", "The youth club is shut that week"),
    ]


def test_the_same_place_as_chosen_needs_no_reason_whatever_its_capitals(meeting, key_worker):
    choices_of(meeting, place="the youth club", not_wanted="")
    keep = list(meeting.attendees.values_list("pk", flat=True))
    services.meeting_change(
        meeting=meeting,
        starts_at=meeting.starts_at,
        minutes=60,
        place="The Youth Club",
        keep=keep,
        add=[],
        reason="",
        by=key_worker,
    )
    assert not ChoiceOverride.objects.exists()


def test_the_young_persons_own_choices_are_saved_without_an_account(meeting):
    services.meeting_choices_save(
        meeting=meeting,
        place="the youth club",
        time="after school",
        wanted="my advocate",
        not_wanted="the police officer",
        role="co_chair",
        advocate_wanted=True,
        advocate_name="",
        talk_first="college",
        by_label="Destiny",
    )
    meeting.refresh_from_db()
    assert (meeting.chosen_place, meeting.role, meeting.choices_by) == ("the youth club", "co_chair", "Destiny")
    assert meeting.choices_at is not None and meeting.choices_at <= timezone.now()
