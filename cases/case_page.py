"""The frame every page of a case is drawn in, whichever app the page belongs to: the header, the
sub-navigation, the warnings that follow the young person across the record (the return home interview
countdown, flags from other apps), and the entry in the audit that says this person looked.

Every page of a case renders through `render_case`, which asks what the page shows (`viewed`) and
records it: a new page cannot forget the audit. Access was decided once, by the `cases.access` getter
that fetched the case; the frame and the templates read that decision (`case_access`) and never ask the
database again.
"""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, IntegerField, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import render

from accounts.notifications import unread

from . import access, audit, flags
from .missing import with_missing_counts
from .models import Case, TimelineEntry
from .queries import outstanding_interviews

# The flags the header shows, named by the apps that register them in `cases.flags`.
HEADER_FLAGS = (
    "assessment_overdue",
    "agreed_target",
    "ambitions_overdue",
    "ambitions_due_by",
    "actions_overdue",
    "check_in_low",
    "risk_level",
    "risk_since",
    "direction_overdue",
    "missing_30",
    "missing_90",
    "missing_strategy",
)


def render_case(
    request, template: str, case: Case, tab: str, context: dict | None = None, *, viewed: str, status: int = 200
):
    """The page, in the case's frame. `viewed` says what the page shows, for the audit ("timeline",
    "assessment: About me"): a GET that shows the page records it."""
    user = request.user
    if request.method == "GET" and status < 400:
        audit.viewed(request, case, viewed)
    frame = _frame(user, case)
    interview = _interview(case, frame)
    base = {
        "case": case,
        "young_person": case.young_person,
        "tab": tab,
        "case_access": access.access_to(user, case),
        "interview": interview,
        "interview_hours_left": interview.return_interview_hours_left if interview else None,
        # Read with the flags, so the base template's lazy count (act.context_processors) is not asked again.
        "unread_notifications": frame.get("unread_notifications", 0),
        **{name: frame.get(name) for name in HEADER_FLAGS},
    }
    return render(request, template, {**base, **(context or {})}, status=status)


# What the frame reads besides the flags: the next return home interview due, among the missing episodes this
# person may see (its id and when it is due), and the count of the person's unread notifications.
FRAME_EXTRAS = ("interview_id", "interview_due_at", "unread_notifications")


def _frame(user, case: Case) -> Mapping[str, Any]:
    """Everything the frame shows besides the case itself, in one query: the flags, the next return home
    interview and the header's count of notifications (each a subquery of the one case)."""
    interviews = outstanding_interviews(user).order_by("return_interview_due_at", "pk")
    if user.is_authenticated:
        counted = unread(user).order_by().values("recipient").annotate(n=Count("pk")).values("n")
        unread_count: Any = Coalesce(Subquery(counted, output_field=IntegerField()), 0)
    else:
        unread_count = Value(0)
    row = (
        _header_flags(Case.objects.filter(pk=case.pk), user)
        .annotate(
            interview_id=Subquery(interviews.values("pk")[:1]),
            interview_due_at=Subquery(interviews.values("return_interview_due_at")[:1]),
            unread_notifications=unread_count,
        )
        .values(*HEADER_FLAGS, *FRAME_EXTRAS)
        .first()
    )
    return row or {}


def _header_flags(cases, user):
    """The flags of `with_flags` that the header shows: the missing episodes of the last 30 and 90 days and
    the flags the apps above register. Not its "interview due" and "interview overdue": the header shows the
    interview itself, and building a subquery costs as much as running it (the frame is on every page)."""
    return flags.annotate(with_missing_counts(cases, user), user)


def _interview(case: Case, frame: Mapping[str, Any]) -> TimelineEntry | None:
    """The next return home interview due, as the missing episode the header links to. Only its id and
    due time were read: an outstanding interview is one not done, so that is all its countdown needs."""
    if frame.get("interview_id") is None:
        return None
    return TimelineEntry(
        pk=frame["interview_id"],
        case=case,
        kind=TimelineEntry.Kind.MISSING,
        return_interview_due_at=frame["interview_due_at"],
        return_interview_done_at=None,
    )


def posted(request):
    """The form data of a POST, or None for a GET. (Not `request.POST or None`: an empty POST is still
    a submission, and must show its errors.)"""
    return request.POST if request.method == "POST" else None
