"""Starting, changing and stopping the rhythm a young person or a parent or carer is asked on. One live
rhythm per case, kind and person (and name, for a parent or carer): setting it again replaces it, so what
they chose before stays on record."""

import re
from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import audit, messaging
from cases.models import AuditEvent, Case, Person

from .. import rhythm as timing
from ..models import Kind, Rhythm
from .answers import VoiceError

Action = AuditEvent.Action
Channel = Rhythm.Channel
# From a week to three months: more often is a nuisance, less often is not a rhythm.
MIN_DAYS, MAX_DAYS = 7, 91
FEEDBACK_DAYS = 42
# A UK mobile: 07 and nine more digits, or the same after +44 or 0044 (spaces, dashes, brackets ignored).
UK_MOBILE = re.compile(r"^(?:\+44|0044|0)7\d{9}$")


def uk_mobile(number: str) -> str:
    """The number in one form (07...), or a VoiceError."""
    digits = re.sub(r"[\s\-().]", "", number)
    if not UK_MOBILE.match(digits):
        raise VoiceError(_("Enter a UK mobile number, like 07700 900 982."))
    return "0" + digits[-10:]


def _clean_address(channel: str, address: str) -> str:
    address = address.strip()
    if channel == Channel.NONE:
        return ""
    if channel == Channel.TEXT:
        if not messaging.can_text():
            raise VoiceError(_("Texts cannot be sent from this service: choose email or their space."))
        return uk_mobile(address)
    if channel != Channel.EMAIL:
        raise VoiceError(_("Choose how they are asked."))
    try:
        validate_email(address)
    except ValidationError as error:
        raise VoiceError(_("Enter an email address, like name@example.com.")) from error
    return address


def _check_who(kind: str, person: str, name: str) -> None:
    if kind not in Kind.values:
        raise VoiceError(_("Choose a check-in or feedback."))
    if kind == Kind.CHECK_IN and person != Person.YOUNG_PERSON:
        raise VoiceError(_("A check-in is for the young person."))
    if person not in (Person.YOUNG_PERSON, Person.PARENT_CARER):
        raise VoiceError(_("Feedback is asked of the young person or a parent or carer."))
    if person == Person.PARENT_CARER and not name:
        raise VoiceError(_("Give the parent's or carer's name."))


def _check_when(every_days: int, weekday: int, earliest: time, latest: time) -> None:
    if not MIN_DAYS <= every_days <= MAX_DAYS:
        raise VoiceError(_("Ask every 7 to 91 days."))
    if weekday not in Rhythm.Weekday.values:
        raise VoiceError(_("Choose a day of the week."))
    if earliest >= latest:
        raise VoiceError(_("The end of their hours must be after the start."))


def live_rhythm(*, case: Case, kind: str, person: str, name: str = "") -> Rhythm | None:
    return (
        Rhythm.objects.filter(case=case, kind=kind, person=person, stopped_at__isnull=True)
        .filter(person_name__iexact=name.strip())
        .first()
    )


def _next_due(old: Rhythm | None, every_days: int, weekday: int, earliest: time, now: datetime) -> datetime:
    """A change of how or who keeps the rhythm's time; a change of when starts it again."""
    if old is not None and (old.every_days, old.weekday, old.earliest) == (every_days, weekday, earliest):
        return old.next_due_at
    return timing.first_due(weekday=weekday, earliest=earliest, now=now)


@transaction.atomic
def rhythm_set(
    *,
    case: Case,
    kind: str,
    person: str,
    name: str,
    every_days: int,
    weekday: int,
    earliest: time,
    latest: time,
    channel: str,
    address: str,
    after_meetings: bool,
    by: User,
) -> Rhythm:
    """Start asking, or change how: the live rhythm for the same person is replaced (stopped) by the new one."""
    name = name.strip() if person == Person.PARENT_CARER else ""
    _check_who(kind, person, name)
    _check_when(every_days, weekday, earliest, latest)
    address = _clean_address(channel, address)
    if case.is_closed:
        raise VoiceError(_("This case is closed."))
    now = timezone.now()
    old = live_rhythm(case=case, kind=kind, person=person, name=name)
    if old is not None:
        Rhythm.objects.filter(pk=old.pk).update(stopped_at=now)
    new = Rhythm.objects.create(
        case=case,
        kind=kind,
        person=person,
        person_name=name,
        every_days=every_days,
        weekday=weekday,
        earliest=earliest,
        latest=latest,
        channel=channel,
        address=address,
        after_meetings=after_meetings and kind == Kind.FEEDBACK,
        next_due_at=_next_due(old, every_days, weekday, earliest, now),
        created_by=by,
    )
    # Never the address: the audit is read by more people than the rhythm.
    what = f"{kind} rhythm {'changed' if old else 'started'}: every {every_days} days, {channel or 'in the app'}"
    audit.record(user=by, case=case, action=Action.CHANGE if old else Action.CREATE, what=what)
    return new


@transaction.atomic
def rhythm_stop(*, rhythm: Rhythm, by: User) -> Rhythm:
    """Stop asking. Requests already sent can still be answered."""
    if rhythm.stopped_at is None:
        rhythm.stopped_at = timezone.now()
        rhythm.save(update_fields=["stopped_at"])
        audit.record(user=by, case=rhythm.case, action=Action.CHANGE, what=f"{rhythm.kind} rhythm stopped")
    return rhythm
