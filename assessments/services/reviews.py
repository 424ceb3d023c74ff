"""Writes to an assessment's reviews: holding a review, with a snapshot of what the assessment said then,
and the time between reviews."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import audit
from cases.models import AuditEvent

from ..models import Assessment, Contribution, ReviewPoint
from .contributions import AssessmentError, refuse_if_closed

Action = AuditEvent.Action


def snapshot(assessment: Assessment) -> dict:
    sections = []
    for section in assessment.sections.prefetch_related("contributions__shares"):
        sections.append(
            {
                "kind": section.kind,
                "judgement": {
                    "going_well": section.judgement_going_well,
                    "worries": section.judgement_worries,
                    "why": section.judgement_why,
                },
                "contributions": [
                    {
                        "id": c.pk,
                        "who": c.who,
                        "text": c.text,
                        "status": c.status,
                        # Words from a link (no author) are the family's: who they chose to share them with
                        # decides who reads them in the snapshot too.
                        "family": c.author_id is None,
                        "shared_with": [share.agency_id for share in c.shares.all() if share.withdrawn_at is None],
                    }
                    for c in section.contributions.all()
                    if c.status == Contribution.Status.ADDED
                ],
            }
        )
    return {"taken_at": timezone.now().isoformat(), "sections": sections}


@transaction.atomic
def review_hold(*, review: ReviewPoint, what_changed: str, next_due_on: date, by: User) -> ReviewPoint:
    """Record the review, keep a snapshot of the assessment as it is now, and agree the next date."""
    review = ReviewPoint.objects.select_for_update().get(pk=review.pk)
    if review.held_at is not None:
        raise AssessmentError(_("This review has already been held."))
    if not what_changed.strip():
        raise AssessmentError(_("Say what has changed since the last review."))
    if next_due_on <= timezone.localdate():
        raise AssessmentError(_("The next review must be in the future."))
    review.held_at = timezone.now()
    review.held_by = by
    review.what_changed = what_changed
    review.snapshot = snapshot(review.assessment)
    review.save(update_fields=["held_at", "held_by", "what_changed", "snapshot"])
    following = ReviewPoint.objects.create(assessment=review.assessment, due_on=next_due_on)
    audit.record(
        user=by, case=review.assessment.case, action=Action.CHANGE, what=f"assessment reviewed; next {next_due_on}"
    )
    return following


# The time between reviews

REVIEW_INTERVAL_WEEKS = (1, 26)


@transaction.atomic
def review_interval_change(*, assessment: Assessment, weeks: int, by: User) -> Assessment:
    """How many weeks apart this case's reviews are. The review already agreed keeps its date; the new
    interval sets the date offered at the next review."""
    low, high = REVIEW_INTERVAL_WEEKS
    if not low <= weeks <= high:
        raise AssessmentError(_("Reviews can be from %(low)s to %(high)s weeks apart.") % {"low": low, "high": high})
    case = assessment.case
    refuse_if_closed(case)
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.review_interval_weeks != weeks:
        before = locked.review_interval_weeks
        locked.review_interval_weeks = weeks
        locked.save(update_fields=["review_interval_weeks"])
        audit.record(
            user=by, case=case, action=Action.CHANGE, what=f"assessment: weeks between reviews {before} -> {weeks}"
        )
    assessment.review_interval_weeks = weeks
    return assessment
