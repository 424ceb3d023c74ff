"""Invitations to a meeting, by email, with a calendar file (.ics) that puts it in the person's calendar.

An invitation may be read by anyone who sees the person's email: it says the meeting's name, when and where,
and nothing of the case (no young person's name, no worries, no notes). Each person gets their own email, and
their calendar file names only them: the people invited do not see one another's addresses.

Every version of a meeting's calendar entry carries the meeting's UID; an update or a cancellation carries a
higher SEQUENCE, so calendars replace the entry rather than adding another."""

from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from cases import messaging

from .models import Attendee, Meeting

REQUEST, CANCEL = "request", "cancel"


def calendar_file(meeting: Meeting, attendee: Attendee, kind: str) -> bytes:
    """The .ics for one person: METHOD REQUEST (an invitation or its update) or CANCEL."""
    calendar = Calendar()
    calendar.add("prodid", "-//ACT case management//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if kind == CANCEL else "REQUEST")
    event = Event()
    event.add("uid", str(meeting.uid))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("summary", meeting.name)
    event.add("location", meeting.place)
    event.add("status", "CANCELLED" if kind == CANCEL else "CONFIRMED")
    organiser = vCalAddress(f"mailto:{meeting.organiser.email or settings.DEFAULT_FROM_EMAIL}")
    organiser.params["cn"] = vText(meeting.organiser.get_full_name() or meeting.organiser.get_username())
    event.add("organizer", organiser)
    # Their address only, not their name: a parent's family name is often the young person's.
    person = vCalAddress(f"mailto:{attendee.email}")
    person.params["rsvp"] = vText("FALSE")
    event.add("attendee", person)
    calendar.add_component(event)
    return calendar.to_ical()


def _words(meeting: Meeting, kind: str) -> tuple[str, str]:
    """The subject and the body: the meeting's name, when, where; plain words, nothing of the case. Not even
    the person's name: a parent's family name is often the young person's."""
    details = {
        "meeting": meeting.name,
        "when": date_format(timezone.localtime(meeting.starts_at), "l j F Y, H:i"),
        "minutes": meeting.minutes,
        "place": meeting.place,
    }
    if kind == CANCEL:
        subject = _("Cancelled: %(meeting)s, %(when)s") % details
        body = _(
            "Hello,\n\nThis meeting is not going ahead, or you are no longer invited to it:\n\n"
            "%(meeting)s\nWhen: %(when)s\nWhere: %(place)s\n\nThe attached file takes it out of your calendar. "
            "If you have a question, please contact the worker who invited you."
        )
    elif meeting.sequence:
        subject = _("Changed: %(meeting)s, %(when)s") % details
        body = _(
            "Hello,\n\nA meeting you are invited to has changed. It is now:\n\n"
            "%(meeting)s\nWhen: %(when)s (%(minutes)s minutes)\nWhere: %(place)s\n\n"
            "The attached file updates your calendar. If you have a question, please contact the worker who "
            "invited you."
        )
    else:
        subject = _("Invitation: %(meeting)s, %(when)s") % details
        body = _(
            "Hello,\n\nYou are invited to a meeting:\n\n"
            "%(meeting)s\nWhen: %(when)s (%(minutes)s minutes)\nWhere: %(place)s\n\n"
            "The attached file adds it to your calendar. If you cannot come, or have a question, please contact "
            "the worker who invited you."
        )
    # A name typed with a line break in it must not break the email's headers.
    return " ".join(subject.split()), body % details


def send(meeting_pk: int, kind: str, attendee_pks: list[int] | None = None) -> int:
    """Email the meeting's invitation, update or cancellation to each person invited who has an email (or to
    those of `attendee_pks`). Returns how many were sent."""
    meeting = Meeting.objects.select_related("organiser").get(pk=meeting_pk)
    attendees = Attendee.objects.filter(meeting=meeting).exclude(email="")
    if attendee_pks is not None:
        attendees = attendees.filter(pk__in=attendee_pks)
    else:  # those taken off the meeting were sent their cancellation then
        attendees = attendees.filter(removed_at__isnull=True)
    sent = 0
    for attendee in attendees:
        subject, body = _words(meeting, kind)
        method = "CANCEL" if kind == CANCEL else "REQUEST"
        ics = ("meeting.ics", calendar_file(meeting, attendee, kind), f"text/calendar; method={method}")
        # Through the one module for messages to people outside the service (most of those invited to a
        # meeting are family and people around the young person). A calendar file needs email.
        messaging.send(
            messaging.Message(
                channel=messaging.EMAIL,
                to=attendee.email,
                subject=subject,
                body=body,
                attachments=[ics],
            )
        )
        sent += 1
    return sent
