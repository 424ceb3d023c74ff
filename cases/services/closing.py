"""Closing a case with the manager's agreement (see `cases.models.closing`): the key worker asks, the team's
manager agrees (the case closes, through `case_close`) or sends it back with a comment, or closes it directly.
The team's managers are told when someone asks, and the person who asked when it is answered: once each."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import Message, tell

from .. import access, audit
from ..models import AuditEvent, Case, CloseOutcome, CloseRequest
from .case import CaseError, case_close


def _check(*, case: Case, reason: str, outcome: str, summary: str) -> None:
    if case.is_closed:
        raise CaseError(_("The case is already closed."))
    if not reason.strip():
        raise CaseError(_("Say why the case is closing."))
    if outcome not in CloseOutcome.values:
        raise CaseError(_("Choose the outcome."))
    if not summary.strip():
        raise CaseError(_("Write the closing summary for the young person."))


def _who(user: User) -> str:
    return user.get_full_name() or user.username


@transaction.atomic
def close_ask(*, case: Case, reason: str, outcome: str, summary: str, by: User) -> CloseRequest:
    """The key worker asks the team's manager to agree to close the case."""
    _check(case=case, reason=reason, outcome=outcome, summary=summary)
    if CloseRequest.objects.filter(case=case, state=CloseRequest.State.ASKED).exists():
        raise CaseError(_("Closing this case has already been asked: the manager has not answered yet."))
    request = CloseRequest.objects.create(case=case, reason=reason, outcome=outcome, summary=summary, asked_by=by)
    audit.record(user=by, case=case, action=AuditEvent.Action.CREATE, what="asked to close the case")
    url = reverse("cases:close-decide", args=[case.pk, request.pk])
    text = _("%(who)s asks you to agree to close %(name)s's case.") % {
        "who": _who(by),
        "name": case.young_person.display_name,
    }
    managers = access.team_managers(case.team_id).exclude(pk=by.pk)
    tell([Message(manager, f"close-asked:{request.pk}", text, url) for manager in managers])
    return request


def _answered(request: CloseRequest, *, by: User, agreed: bool) -> None:
    if request.asked_by_id == by.pk:
        return
    words = {"who": _who(by), "name": request.case.young_person.display_name}
    text = (
        _("%(who)s agreed to close %(name)s's case: it is closed.")
        if agreed
        else _("%(who)s sent back your request to close %(name)s's case.")
    ) % words
    url = reverse("cases:close", args=[request.case_id])
    tell([Message(request.asked_by, f"close-answered:{request.pk}", text, url)])


def _waiting(request: CloseRequest) -> CloseRequest:
    """The request, locked, if it is still waiting for an answer."""
    locked = CloseRequest.objects.select_for_update().get(pk=request.pk)
    if not locked.waiting:
        raise CaseError(_("This request has already been answered."))
    locked.case = request.case
    return locked


@transaction.atomic
def close_agree(*, request: CloseRequest, by: User) -> CloseRequest:
    """The manager agrees: the case closes, with the reason and outcome the key worker gave."""
    request = _waiting(request)
    case_close(case=request.case, reason=request.reason, outcome=request.outcome, by=by)
    request.state = CloseRequest.State.AGREED
    request.answered_by = by
    request.answered_at = timezone.now()
    request.save(update_fields=["state", "answered_by", "answered_at"])
    _answered(request, by=by, agreed=True)
    return request


@transaction.atomic
def close_send_back(*, request: CloseRequest, comment: str, by: User) -> CloseRequest:
    """The manager does not agree yet: the request goes back to the key worker with a comment."""
    if not comment.strip():
        raise CaseError(_("Say why you are sending it back."))
    request = _waiting(request)
    request.state = CloseRequest.State.SENT_BACK
    request.answered_by = by
    request.answered_at = timezone.now()
    request.comment = comment
    request.save(update_fields=["state", "answered_by", "answered_at", "comment"])
    audit.record(user=by, case=request.case, action=AuditEvent.Action.CHANGE, what="request to close sent back")
    _answered(request, by=by, agreed=False)
    return request


@transaction.atomic
def close_directly(*, case: Case, reason: str, outcome: str, summary: str, by: User) -> CloseRequest:
    """The manager closes the case without a request: kept as a request they agreed themselves (so every
    closing has its summary in one place). A request still waiting is answered by it."""
    _check(case=case, reason=reason, outcome=outcome, summary=summary)
    waiting = list(CloseRequest.objects.select_for_update().filter(case=case, state=CloseRequest.State.ASKED))
    now = timezone.now()
    for earlier in waiting:
        earlier.case = case
        earlier.state, earlier.answered_by, earlier.answered_at = CloseRequest.State.AGREED, by, now
        earlier.save(update_fields=["state", "answered_by", "answered_at"])
        _answered(earlier, by=by, agreed=True)
    case_close(case=case, reason=reason, outcome=outcome, by=by)
    return CloseRequest.objects.create(
        case=case,
        reason=reason,
        outcome=outcome,
        summary=summary,
        asked_by=by,
        state=CloseRequest.State.AGREED,
        answered_by=by,
        answered_at=now,
    )
