"""Recording a check-in or feedback answer: once per request, every score 1 to 5."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases.models import Case

from ..models import CheckIn, FeedbackAnswer, Request, Score


class VoiceError(ValueError):
    """An answer that cannot be kept (asked once, answered twice; a score out of 1-5), in plain words."""


def _check_score(value) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value not in Score.values:
        raise VoiceError(_("Each answer is from 1 to 5."))
    return value


def _claim(request: Request | None, case: Case, kind: str) -> None:
    """Mark the request answered, or refuse it: another case's, another kind, or answered already. The row
    is locked first, so two answers sent at once cannot both be kept."""
    if request is None:
        return
    locked = Request.objects.select_for_update().filter(pk=request.pk, case=case, kind=kind).first()
    if locked is None:
        raise VoiceError(_("This was not asked of you."))
    if locked.answered_at is not None:
        raise VoiceError(_("You have already answered this one."))
    request.answered_at = timezone.now()
    Request.objects.filter(pk=request.pk).update(answered_at=request.answered_at)


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
    checked = {measure: _check_score(scores.get(measure)) for measure in CheckIn.MEASURES}
    _claim(request, case, "check_in")
    return CheckIn.objects.create(
        case=case, person=person, request=request, anything_else=anything_else, entered_by=entered_by, **checked
    )


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
    listened, there_when_needed = _check_score(listened), _check_score(there_when_needed)
    _claim(request, case, "feedback")
    return FeedbackAnswer.objects.create(
        case=case,
        person=person,
        person_name=name,
        request=request,
        listened=listened,
        there_when_needed=there_when_needed,
        better=better,
        worker_may_read=worker_may_read,
    )
