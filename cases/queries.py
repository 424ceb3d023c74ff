"""Read-side helpers shared by the case pages: annotations that keep list pages to a fixed number of
queries."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, QuerySet
from django.utils import timezone

from .models import Case, TimelineEntry


def outstanding_interviews():
    return TimelineEntry.objects.filter(
        case=OuterRef("pk"),
        kind=TimelineEntry.Kind.MISSING,
        return_interview_done_at__isnull=True,
        return_interview_due_at__isnull=False,
    )


def with_flags(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Adds `interview_due` and `interview_overdue` (return home interviews) and `assessment_overdue`
    (past the date agreed with the manager for the first full picture) to each case."""
    from assessments.queries import agreed_target_date, past_agreed_date_condition

    return cases.annotate(
        interview_due=Exists(outstanding_interviews()),
        interview_overdue=Exists(outstanding_interviews().filter(return_interview_due_at__lt=timezone.now())),
        agreed_target=agreed_target_date(),
    ).annotate(
        assessment_overdue=ExpressionWrapper(past_agreed_date_condition(), output_field=BooleanField()),
    )
