"""Read-side helpers shared by the case pages: annotations that keep list pages to a fixed number of
queries."""

from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from . import access, flags
from .missing import with_missing_counts
from .models import Case, TimelineEntry

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


def outstanding_interviews(user):
    """Return home interviews still to do, of the missing episodes this person may see (a restricted
    episode must not show, even as a flag, to someone who may not see it)."""
    return TimelineEntry.objects.filter(
        access.visible_entries_q(user),
        case=OuterRef("pk"),
        kind=TimelineEntry.Kind.MISSING,
        return_interview_done_at__isnull=True,
        return_interview_due_at__isnull=False,
    )


class InterviewFlags(TypedDict):
    """The flags `with_flags` adds itself. Those the apps above register are known only once they have
    started, so a case's type names these alone (and a lookup of another annotation is not refused)."""

    interview_due: bool
    interview_overdue: bool
    missing_30: int
    missing_90: int
    missing_strategy: bool


def with_flags(cases: QuerySet[Case], user) -> "QuerySet[WithAnnotations[Case, InterviewFlags]]":
    """Adds `interview_due` and `interview_overdue` (return home interviews), the missing episodes of the last
    30 and 90 days (`cases.missing`) to each case, and the flags
    the apps above register in `cases.flags` (for example `assessment_overdue`)."""
    outstanding = outstanding_interviews(user)
    annotated = cases.annotate(
        interview_due=Exists(outstanding),
        interview_overdue=Exists(outstanding.filter(return_interview_due_at__lt=timezone.now())),
    )
    annotated = with_missing_counts(annotated, user)
    return flags.annotate(annotated, user)
