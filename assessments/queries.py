"""Read-side expressions other parts of the service use to flag assessments."""

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from .models import TimescaleAgreement


def agreed_target_date(case_ref: str = "pk"):
    """The target date of the latest timescale the manager agreed (or changed) for the case."""
    decided = TimescaleAgreement.objects.filter(
        assessment__case=OuterRef(case_ref),
        status__in=[TimescaleAgreement.Status.AGREED, TimescaleAgreement.Status.CHANGED],
    ).order_by("-created_at", "-pk")
    return Subquery(decided.values("target_date")[:1])


def past_agreed_date_condition() -> Q:
    """For a queryset of cases annotated with `agreed_target`: the first full picture is not reached and
    the agreed date has passed."""
    return Q(agreed_target__lt=timezone.localdate(), assessment__first_picture_at__isnull=True)


def annotate_case_flags(cases: QuerySet, user) -> QuerySet:
    """The Cases page's and case header's assessment flags, registered in `cases.flags`: `agreed_target`
    and `assessment_overdue` (past the date agreed with the manager for the first full picture)."""
    return cases.annotate(agreed_target=agreed_target_date()).annotate(
        assessment_overdue=ExpressionWrapper(past_agreed_date_condition(), output_field=BooleanField())
    )
