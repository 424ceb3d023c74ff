"""Read-side expressions other parts of the service use to flag assessments."""

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .models import Assessment


def agreed_target_date(case_ref: str = "pk") -> Subquery:
    """The target date of the latest timescale the manager agreed (or changed) for the case: kept on the
    assessment, found by its case (a unique index)."""
    return Subquery(Assessment.objects.filter(case=OuterRef(case_ref)).values("agreed_target_on")[:1])


def past_agreed_date() -> Exists:
    """For a queryset of cases: the first full picture is not reached and the agreed date has passed. A
    lookup of the case's assessment by its own index, not a join of every assessment to every case (which
    the page's count would carry too), nor a second search for the agreed date."""
    overdue = Assessment.objects.filter(
        case=OuterRef("pk"), agreed_target_on__lt=timezone.localdate(), first_picture_at__isnull=True
    )
    return Exists(overdue)


def past_agreed_date_condition() -> Q:
    return Q(past_agreed_date())


def annotate_case_flags(cases: QuerySet, user) -> QuerySet:
    """The Cases page's and case header's assessment flags, registered in `cases.flags`: `agreed_target`
    and `assessment_overdue` (past the date agreed with the manager for the first full picture)."""
    return cases.annotate(agreed_target=agreed_target_date(), assessment_overdue=past_agreed_date())
