"""Sending what is due, exactly once and only inside the hours the person chose. Run every 15 minutes by
`feedback.tasks.send_due_requests`; safe to run twice at the same moment, and after an outage.

Two steps. First the due rhythms (one indexed query) that are inside their day and hours each get one
`Request` for their due time (unique per rhythm and due time, so a second run makes nothing), and their next
time moves on to the next regular one after now (an outage makes one request, not one per missed time).
Then every request not yet sent (these, requests after a meeting, and messages that failed before) that is
inside its hours is claimed by one update (so two runs never both send it) and sent: by email or text with
a one-thing link, or, when they chose no message, the key worker is told in the app."""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.notifications import tell
from cases import messaging
from cases import services as case_services
from cases.models import Person, Stage

from .. import notices
from .. import rhythm as timing
from ..links import CHECK_IN_LINK, FEEDBACK_LINK
from ..models import Kind, Request, Rhythm

logger = logging.getLogger(__name__)

# A message that fails is tried again on later runs (inside the hours), this many times in all.
MAX_FAILURES = 3
LINK_DAYS = 7
LINK_PURPOSE = {Kind.CHECK_IN: CHECK_IN_LINK, Kind.FEEDBACK: FEEDBACK_LINK}


@dataclass
class Sent:
    made: int = 0
    sent: int = 0
    failed: int = 0


def _inside(rhythm: Rhythm, now: datetime) -> bool:
    return timing.inside_hours(now, weekday=rhythm.weekday, earliest=rhythm.earliest, latest=rhythm.latest)


@transaction.atomic
def make_due_requests(now: datetime) -> int:
    """One request for each due rhythm inside its hours; each rhythm moves on to its next time. The rows
    are locked (and rows another run holds are skipped), and the unique constraint is the last word."""
    due = list(
        Rhythm.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(next_due_at__lte=now, stopped_at__isnull=True)
        .exclude(case__stage=Stage.CLOSED)
    )
    ready = [rhythm for rhythm in due if _inside(rhythm, now)]
    if not ready:
        return 0
    Request.objects.bulk_create(
        [Request(rhythm=r, case_id=r.case_id, kind=r.kind, due_at=r.next_due_at) for r in ready],
        ignore_conflicts=True,
    )
    for r in ready:
        r.next_due_at = timing.next_due(
            every_days=r.every_days, weekday=r.weekday, earliest=r.earliest, after=r.next_due_at, now=now
        )
    Rhythm.objects.bulk_update(ready, ["next_due_at"])
    return len(ready)


def _unsent(now: datetime) -> list[Request]:
    return list(
        Request.objects.filter(
            sent_at__isnull=True,
            answered_at__isnull=True,
            failures__lt=MAX_FAILURES,
            due_at__lte=now,
            rhythm__stopped_at__isnull=True,
        )
        .exclude(case__stage=Stage.CLOSED)
        .select_related("rhythm", "case__young_person", "case__key_worker")
        .order_by("due_at", "pk")
    )


def _claim(request: Request, now: datetime) -> bool:
    """Take the request for this run (one update, atomic by itself): false if another run has it."""
    return bool(Request.objects.filter(pk=request.pk, sent_at__isnull=True).update(sent_at=now))


def _words(kind: str, link: str) -> tuple[str, str]:
    """What the message says: what is waiting and the link, never who it is for or anything of the case."""
    if kind == Kind.CHECK_IN:
        return _("How are you doing?"), _(
            "How are you doing? Your ACT worker would like to know. It takes a minute: %(link)s"
        ) % {"link": link}
    return _("What do you think of ACT?"), _(
        "What do you think of the help you get from ACT? We would like to know. It takes a minute: %(link)s"
    ) % {"link": link}


def _names(request: Request) -> list[str]:
    young_person = request.case.young_person
    names = [young_person.given_name, young_person.family_name, young_person.preferred_name]
    return [*names, *request.rhythm.person_name.split()]


@transaction.atomic
def _send_message(request: Request) -> None:
    """Make the link and send the message; a failure undoes the link (its token was never seen)."""
    rhythm = request.rhythm
    link, token = case_services.link_create(
        case=request.case,
        purpose=LINK_PURPOSE[Kind(request.kind)],
        target_id=request.pk,
        person=rhythm.person,
        name=rhythm.person_name if rhythm.person == Person.PARENT_CARER else "",
        by=rhythm.created_by,
        days=LINK_DAYS,
        what=str(Kind(request.kind).label),
    )
    Request.objects.filter(pk=request.pk).update(link=link)
    subject, body = _words(request.kind, f"{settings.SITE_URL}{reverse('shared-link', args=[token])}")
    message = messaging.Message(rhythm.channel, rhythm.address, subject, body, reference=f"request-{request.pk}")
    messaging.send(message, names=_names(request))


def _deliver(request: Request) -> bool:
    """Send one claimed request; on failure give it back for a later run, one failure more."""
    if not request.rhythm.channel:
        if request.case.key_worker is not None:
            with transaction.atomic():
                tell([notices.request_due(request=request, worker=request.case.key_worker)])
        return True
    try:
        _send_message(request)
    except Exception:  # whatever the service or the network did, the request is tried again later
        # The reason is in the log, never the message: it is the person's.
        logger.warning("Could not send request %s; it is tried again later", request.pk, exc_info=True)
        Request.objects.filter(pk=request.pk).update(sent_at=None, failures=F("failures") + 1)
        return False
    return True


def send_due(now: datetime | None = None) -> Sent:
    """Make and send what is due at `now` (see the module's words). Returns how many were made, sent and
    failed."""
    now = now or timezone.now()
    result = Sent(made=make_due_requests(now))
    for request in _unsent(now):
        if not _inside(request.rhythm, now) or not _claim(request, now):
            continue
        if _deliver(request):
            result.sent += 1
        else:
            result.failed += 1
    return result


@transaction.atomic
def meeting_requests(*, case_id: int, meeting_id: int, now: datetime | None = None) -> int:
    """A meeting of the case was held: each live feedback rhythm that asks after meetings gets one request
    for it (unique per meeting), sent by the next run inside their hours."""
    now = now or timezone.now()
    rhythms = Rhythm.objects.filter(
        case_id=case_id, kind=Kind.FEEDBACK, after_meetings=True, stopped_at__isnull=True
    ).exclude(case__stage=Stage.CLOSED)
    made = Request.objects.bulk_create(
        [Request(rhythm=r, case_id=case_id, kind=Kind.FEEDBACK, due_at=now, meeting_id=meeting_id) for r in rhythms],
        ignore_conflicts=True,
    )
    return len(made)
