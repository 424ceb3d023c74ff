"""Recording what a young person or a parent or carer answers: a wellbeing check-in, or feedback on the
service. Each answers its request at most once. A check-in that falls (two points or more on a measure
since their last one) or has an answer of 1 makes an alert for the key worker, once."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import settle
from cases import audit
from cases.models import AuditEvent, Case, Person

from .. import notices
from ..models import CheckIn, CheckInAlert, FeedbackAnswer, Kind, Request

Action = AuditEvent.Action
# A fall of this many points on any measure since the last check-in makes an alert.
ALERT_DROP = 2


class VoiceError(ValueError):
    """An answer the rules do not allow; the message says why, in plain words."""


def _check_score(value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise VoiceError(_("Each answer is from 1 to 5."))
    return value


def _answer_request(request: Request | None, *, case: Case, kind: str) -> None:
    """Mark the request answered, once. The row is locked so that two answers sent at the same moment (a
    double tap) cannot both take it."""
    if request is None:
        return
    locked = Request.objects.select_for_update().filter(pk=request.pk).first()
    if locked is None or locked.case_id != case.pk or locked.kind != kind:
        raise VoiceError(_("This was not asked of you."))
    if locked.answered_at is not None:
        raise VoiceError(_("You have already answered this one."))
    locked.answered_at = timezone.now()
    locked.save(update_fields=["answered_at"])
    request.answered_at = locked.answered_at
    # The worker told it was due need not be reminded of it any more.
    settle([f"{kind.replace('_', '-')}-due:{request.pk}"])


def falls(previous: dict[str, int] | None, scores: dict[str, int]) -> list[str]:
    """Why a check-in needs the key worker's attention, in words for the worker: each measure answered 1,
    and each that fell ALERT_DROP points or more since the previous check-in. Empty when nothing did."""
    reasons = []
    for measure in CheckIn.MEASURES:
        label = str(getattr(CheckIn._meta.get_field(measure), "verbose_name", measure))
        now = scores[measure]
        before = previous.get(measure) if previous else None
        if before is not None and before - now >= ALERT_DROP:
            reasons.append(_("%(measure)s: %(before)d to %(now)d") % {"measure": label, "before": before, "now": now})
        elif now == 1:
            reasons.append(_("%(measure)s: 1") % {"measure": label})
    return reasons


@transaction.atomic
def check_in_record(
    *,
    case: Case,
    person: str,
    scores: dict[str, int],
    anything_else: str,
    request: Request | None,
    entered_by: User | None,
) -> CheckIn:
    """Record a check-in: `scores` has a 1-5 answer for each of CheckIn.MEASURES. `entered_by` is the worker
    who entered it with the young person, or None when they answered through their link. It answers
    `request` (once). A fall or an answer of 1 makes an alert, and the key worker is told."""
    if set(scores) != set(CheckIn.MEASURES):
        raise VoiceError(_("Answer every question."))
    clean = {measure: _check_score(scores[measure]) for measure in CheckIn.MEASURES}
    if person not in Person.values:
        raise VoiceError(_("Check-ins are from the young person or a parent or carer."))
    if case.is_closed:
        raise VoiceError(_("This case is closed."))
    _answer_request(request, case=case, kind=Kind.CHECK_IN)
    previous = CheckIn.objects.filter(case=case, person=person).values(*CheckIn.MEASURES).first()
    check_in = CheckIn.objects.create(
        case=case,
        person=person,
        request=request,
        anything_else=anything_else.strip(),
        entered_by=entered_by,
        **clean,
    )
    audit.record(user=entered_by, case=case, action=Action.CREATE, what="wellbeing check-in recorded")
    reasons = falls(previous, clean)
    if reasons:
        alert = CheckInAlert.objects.create(check_in=check_in, case=case, reasons="\n".join(reasons))
        notices.check_in_low(alert=alert)
    return check_in


@transaction.atomic
def feedback_record(
    *,
    case: Case,
    person: str,
    name: str,
    listened: int,
    there_when_needed: int,
    better: str,
    worker_may_read: bool,
    request: Request | None,
) -> FeedbackAnswer:
    """Record feedback on the service from the young person or a parent or carer (`name`: theirs, for a
    parent or carer). It answers `request` (once)."""
    if person not in (Person.YOUNG_PERSON, Person.PARENT_CARER):
        raise VoiceError(_("Feedback is from the young person or a parent or carer."))
    if case.is_closed:
        raise VoiceError(_("This case is closed."))
    listened, there_when_needed = _check_score(listened), _check_score(there_when_needed)
    _answer_request(request, case=case, kind=Kind.FEEDBACK)
    answer = FeedbackAnswer.objects.create(
        case=case,
        person=person,
        person_name=name.strip()[:150],
        request=request,
        listened=listened,
        there_when_needed=there_when_needed,
        better=better.strip(),
        worker_may_read=bool(worker_may_read),
    )
    audit.record(user=None, case=case, action=Action.CREATE, what="feedback on the service recorded")
    return answer


@transaction.atomic
def alert_handled(*, alert: CheckInAlert, what_was_done: str, by: User) -> CheckInAlert:
    """The worker says what they did about a falling check-in: the alert leaves their page and the
    notification is settled."""
    what_was_done = what_was_done.strip()
    if not what_was_done:
        raise VoiceError(_("Say what you did."))
    locked = CheckInAlert.objects.select_for_update().get(pk=alert.pk)
    if locked.handled_at is not None:
        raise VoiceError(_("Someone has already said what they did about this check-in."))
    locked.handled_at, locked.handled_by, locked.what_was_done = timezone.now(), by, what_was_done
    locked.save(update_fields=["handled_at", "handled_by", "what_was_done"])
    audit.record(user=by, case=alert.case, action=Action.CHANGE, what="low check-in: what was done recorded")
    notices.check_in_low_settled(alert=locked)
    alert.handled_at, alert.handled_by, alert.what_was_done = locked.handled_at, by, what_was_done
    return alert
