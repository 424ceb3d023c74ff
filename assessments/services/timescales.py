"""Writes to an assessment's timescale: the key worker's proposals, the manager's decision, and the first
full picture the timescale aims at."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import audit
from cases.models import AuditEvent

from .. import notices
from ..models import Assessment, TimescaleAgreement
from .contributions import AssessmentError, refuse_if_closed

Action = AuditEvent.Action


class ProposalReplaced(AssessmentError):
    """The proposal is no longer the latest version: a newer proposal, or a decision on it, came first."""

    def __init__(self):
        super().__init__(_("This proposal has been replaced by a newer version: decide on that one."))


def _take_turn(assessment_id: int) -> None:
    """Proposals and decisions on one assessment wait for each other, so that a manager always decides
    on the latest proposal, and a proposal sent while they were deciding is not hidden behind the
    decision (it stays the latest version, waiting for them)."""
    Assessment.objects.select_for_update().only("pk").get(pk=assessment_id)


def timescale_is_latest(proposal: TimescaleAgreement) -> bool:
    """Whether this is still the assessment's latest version: only the latest proposal may be decided."""
    latest = TimescaleAgreement.objects.filter(assessment_id=proposal.assessment_id).values_list("pk", flat=True)
    return latest.first() == proposal.pk


@transaction.atomic
def timescale_propose(
    *, assessment: Assessment, weeks: int, strategy: str, target_date: date, by: User
) -> TimescaleAgreement:
    """The key worker's proposal, for the manager to agree. It becomes the latest version: a proposal
    still waiting is replaced by it (and kept)."""
    _take_turn(assessment.pk)
    proposal = TimescaleAgreement.objects.create(
        assessment=assessment,
        getting_to_know_weeks=weeks,
        engagement_strategy=strategy,
        target_date=target_date,
        created_by=by,
    )
    audit.record(user=by, case=assessment.case, action=Action.CREATE, what="assessment timescale proposed")
    return proposal


@transaction.atomic
def timescale_decide(
    *,
    proposal: TimescaleAgreement,
    by: User,
    comment: str = "",
    weeks: int | None = None,
    strategy: str | None = None,
    target_date: date | None = None,
) -> TimescaleAgreement:
    """The manager agrees the proposal as it is, or changes it (with a comment). A new version is kept.
    Only the latest proposal is decided: ProposalReplaced otherwise."""
    _take_turn(proposal.assessment_id)
    if not timescale_is_latest(proposal):
        raise ProposalReplaced
    changed = (
        (weeks is not None and weeks != proposal.getting_to_know_weeks)
        or (strategy is not None and strategy != proposal.engagement_strategy)
        or (target_date is not None and target_date != proposal.target_date)
    )
    if changed and not comment.strip():
        raise AssessmentError(_("Say why you are changing the timescale."))
    decision = TimescaleAgreement.objects.create(
        assessment=proposal.assessment,
        getting_to_know_weeks=weeks if weeks is not None else proposal.getting_to_know_weeks,
        engagement_strategy=strategy if strategy is not None else proposal.engagement_strategy,
        target_date=target_date or proposal.target_date,
        status=TimescaleAgreement.Status.CHANGED if changed else TimescaleAgreement.Status.AGREED,
        comment=comment,
        created_by=by,
    )
    assessment = proposal.assessment
    assessment.agreed_target_on = decision.target_date
    assessment.save(update_fields=["agreed_target_on"])
    audit.record(user=by, case=proposal.assessment.case, action=Action.CHANGE, what="assessment timescale agreed")
    notices.timescale_decided(proposal=proposal, decision=decision, by=by)
    return decision


# The first full picture the timescale aims at


@transaction.atomic
def first_picture_reached(*, assessment: Assessment, by: User) -> Assessment:
    """The key worker marks that the first full picture has been reached (what the agreed timescale
    aims at). Marking it again changes nothing: the first time is the one that counts."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    case = assessment.case
    refuse_if_closed(case)
    if locked.first_picture_at is None:
        locked.first_picture_at = timezone.now()
        locked.save(update_fields=["first_picture_at"])
        audit.record(user=by, case=case, action=Action.CHANGE, what="assessment: first full picture reached")
    assessment.first_picture_at = locked.first_picture_at
    return assessment
