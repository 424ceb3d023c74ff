"""Writes to meetings: planning one, the young person's choices, changing it (with a reason for going
against what they chose), cancelling it, and recording what happened (which adds the meeting's actions to
the family plan, agrees the plan's version and puts the meeting on the case's timeline).

Each is one transaction, keyword-only, recorded in the audit. The invitations (emails with a calendar file)
are sent once the change is committed, by a Celery task: a mail server that is slow or down never holds up
or undoes the change."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import Message, tell
from cases import audit
from cases.models import AuditEvent, Case, NetworkMember

from ..models import Attendee, ChoiceOverride, Meeting

AuditAction = AuditEvent.Action


class MeetingError(Exception):
    """A change the meeting refuses, with a message for the person who tried it."""


@dataclass(frozen=True)
class AttendeeData:
    """Someone to invite: a name, who they are, an email for the invitation (optional), and their account or
    their place in the network when they have one."""

    name: str
    role: str = ""
    email: str = ""
    user: User | None = None
    network_member: NetworkMember | None = None


def _queue_invitations(meeting: Meeting, kind: str, attendee_pks: list[int] | None = None) -> None:
    from ..tasks import send_invitations  # the task module imports the invitations, which import models

    pk = meeting.pk
    transaction.on_commit(lambda: send_invitations.delay(pk, kind, attendee_pks))


def _when(meeting: Meeting) -> str:
    return date_format(timezone.localtime(meeting.starts_at), "l j F Y, H:i")


def _tell_invited(meeting: Meeting, attendees: list[Attendee], *, by: User) -> None:
    """Staff invited with their account are told in the app (and by email, which names only the kind)."""
    url = reverse("plans:meeting", args=[meeting.case_id, meeting.pk])
    words = {"meeting": meeting.name, "when": _when(meeting), "name": meeting.case.young_person.display_name}
    text = _("You are invited to %(name)s's %(meeting)s on %(when)s.") % words
    tell(
        [
            Message(a.user, f"meeting-invited:{meeting.pk}:{a.pk}", text, url)
            for a in attendees
            if a.user is not None and a.user.pk != by.pk
        ]
    )


def _add_attendees(meeting: Meeting, people: list[AttendeeData]) -> list[Attendee]:
    return Attendee.objects.bulk_create(
        [
            Attendee(
                meeting=meeting,
                name=person.name.strip(),
                role=person.role.strip(),
                email=person.email.strip(),
                user=person.user,
                network_member=person.network_member,
            )
            for person in people
        ]
    )


@transaction.atomic
def meeting_plan(
    *,
    case: Case,
    kind: str,
    title: str,
    starts_at: datetime,
    minutes: int,
    place: str,
    attendees: list[AttendeeData],
    by: User,
) -> Meeting:
    """A meeting planned: everyone with an email is sent an invitation once it is saved."""
    if case.is_closed:
        raise MeetingError(_("The case is closed: reopen it to plan a meeting."))
    if not attendees:
        raise MeetingError(_("Add at least one person to invite."))
    meeting = Meeting.objects.create(
        case=case,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        minutes=minutes,
        place=place.strip(),
        organiser=by,
        created_by=by,
    )
    added = _add_attendees(meeting, attendees)
    audit.record(user=by, case=case, action=AuditAction.CREATE, what=f"meeting planned: {meeting.name}"[:200])
    _tell_invited(meeting, added, by=by)
    _queue_invitations(meeting, "request")
    return meeting


@transaction.atomic
def meeting_choices_save(
    *,
    meeting: Meeting,
    place: str,
    time: str,
    wanted: str,
    not_wanted: str,
    role: str,
    advocate_wanted: bool,
    advocate_name: str,
    talk_first: str,
    by_label: str,
    by: User | None = None,
) -> Meeting:
    """The young person's choices for the meeting, in their words: given by them through their link (`by` is
    None) or recorded with them by a worker. `by_label` says who gave them, as the organiser reads it."""
    if meeting.status != Meeting.Status.PLANNED:
        raise MeetingError(_("This meeting is no longer being planned."))
    meeting.chosen_place = place.strip()
    meeting.chosen_time = time.strip()
    meeting.wanted = wanted.strip()
    meeting.not_wanted = not_wanted.strip()
    meeting.role = role
    meeting.advocate_wanted = advocate_wanted
    meeting.advocate_name = advocate_name.strip() if advocate_wanted else ""
    meeting.talk_first = talk_first.strip()
    meeting.choices_by = by_label[:150]
    meeting.choices_at = timezone.now()
    meeting.save(update_fields=[*CHOICE_FIELDS, "choices_by", "choices_at"])
    audit.record(user=by, case=meeting.case, action=AuditAction.CHANGE, what=f"meeting choices: {meeting.name}"[:200])
    if by is None:
        # Given through their own link: the organiser is told, once for each time they give them.
        url = reverse("plans:meeting", args=[meeting.case_id, meeting.pk])
        words = {"name": by_label, "meeting": meeting.name}
        key = f"meeting-choices:{meeting.pk}:{int(meeting.choices_at.timestamp())}"
        tell([Message(meeting.organiser, key, _("%(name)s has said what they want for the %(meeting)s.") % words, url)])
    return meeting


CHOICE_FIELDS = [
    "chosen_place",
    "chosen_time",
    "wanted",
    "not_wanted",
    "role",
    "advocate_wanted",
    "advocate_name",
    "talk_first",
]


def _parts(words: str) -> list[str]:
    """The people named in their words, one per line or comma ("not the police officer, or Sam")."""
    parts = re.split(r"[\n,;]|\band\b|\bor\b", words.lower())
    return [p.strip(" .") for p in parts if len(p.strip(" .")) >= 3]


def not_wanted_among(meeting: Meeting, names: list[str]) -> list[str]:
    """The names of people invited whom the young person said they do not want there. A match is a name
    found in their words, or their words found in a name, ignoring case: simple, and it errs towards asking
    the organiser for a reason."""
    words = meeting.not_wanted.lower()
    if not words:
        return []
    parts = _parts(meeting.not_wanted)
    found = []
    for name in names:
        lowered = name.strip().lower()
        if lowered and (lowered in words or any(p in lowered for p in parts)):
            found.append(name)
    return found


def place_against_choice(meeting: Meeting, place: str) -> bool:
    return bool(meeting.chosen_place) and place.strip().lower() != meeting.chosen_place.strip().lower()


@transaction.atomic
def meeting_change(
    *,
    meeting: Meeting,
    starts_at: datetime,
    minutes: int,
    place: str,
    keep: list[int],
    add: list[AttendeeData],
    reason: str,
    by: User,
) -> Meeting:
    """When, where and who. Everyone invited gets an update (a calendar file with a higher sequence); anyone
    no longer invited gets a cancellation. Going against the young person's choice of place, or inviting
    someone they said not to, needs a reason, which they can read."""
    if meeting.status != Meeting.Status.PLANNED:
        raise MeetingError(_("Only a planned meeting can be changed."))
    current = list(meeting.attendees.filter(removed_at__isnull=True))
    kept = [a for a in current if a.pk in set(keep)]
    if not kept and not add:
        raise MeetingError(_("Add at least one person to invite."))
    overridden = []
    if place_against_choice(meeting, place):
        overridden.append(ChoiceOverride.Choice.PLACE)
    if not_wanted_among(meeting, [a.name for a in kept] + [a.name for a in add]):
        overridden.append(ChoiceOverride.Choice.WHO)
    if overridden and not reason.strip():
        raise MeetingError(_("Say why this goes against what they chose."))
    ChoiceOverride.objects.bulk_create(
        [ChoiceOverride(meeting=meeting, choice=choice, reason=reason.strip(), by=by) for choice in overridden]
    )
    removed = [a for a in current if a not in kept]
    Attendee.objects.filter(pk__in=[a.pk for a in removed]).update(removed_at=timezone.now())
    added = _add_attendees(meeting, add)
    moved = starts_at != meeting.starts_at
    meeting.starts_at, meeting.minutes, meeting.place = starts_at, minutes, place.strip()
    meeting.sequence += 1
    meeting.save(update_fields=["starts_at", "minutes", "place", "sequence"])
    audit.record(user=by, case=meeting.case, action=AuditAction.CHANGE, what=f"meeting changed: {meeting.name}"[:200])
    # The new people are told they are invited; everyone else already knew, and the update says what changed.
    _tell_invited(meeting, added, by=by)
    if moved:
        _tell_invited_moved(meeting, kept, by=by)
    _queue_invitations(meeting, "request", [a.pk for a in kept + added])
    if removed:
        _queue_invitations(meeting, "cancel", [a.pk for a in removed])
    return meeting


def _tell_invited_moved(meeting: Meeting, attendees: list[Attendee], *, by: User) -> None:
    url = reverse("plans:meeting", args=[meeting.case_id, meeting.pk])
    stamp = int(meeting.starts_at.timestamp())
    text = _("%(name)s's %(meeting)s has moved to %(when)s.") % {
        "name": meeting.case.young_person.display_name,
        "meeting": meeting.name,
        "when": _when(meeting),
    }
    tell(
        [
            Message(a.user, f"meeting-moved:{meeting.pk}:{stamp}", text, url)
            for a in attendees
            if a.user is not None and a.user.pk != by.pk
        ]
    )


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, by: User) -> Meeting:
    """Cancelled, with the reason: everyone invited is sent a cancellation for their calendar."""
    if meeting.status != Meeting.Status.PLANNED:
        raise MeetingError(_("Only a planned meeting can be cancelled."))
    if not reason.strip():
        raise MeetingError(_("Say why the meeting is cancelled."))
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancelled_at = timezone.now()
    meeting.cancel_reason = reason.strip()[:300]
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancelled_at", "cancel_reason", "sequence"])
    audit.record(user=by, case=meeting.case, action=AuditAction.CHANGE, what=f"meeting cancelled: {meeting.name}"[:200])
    _queue_invitations(meeting, "cancel")
    return meeting
