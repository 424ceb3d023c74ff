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

from django.shortcuts import render

from . import access, audit
from .models import Case, TimelineEntry
from .queries import with_flags


def outstanding_interview(user, case: Case) -> TimelineEntry | None:
    """The next return home interview due, among the missing episodes this person may see."""
    return (
        access.timeline_for(user, case)
        .filter(
            kind=TimelineEntry.Kind.MISSING,
            return_interview_due_at__isnull=False,
            return_interview_done_at__isnull=True,
        )
        .order_by("return_interview_due_at")
        .first()
    )


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
    interview = outstanding_interview(user, case)
    flags: Mapping[str, Any] = with_flags(Case.objects.filter(pk=case.pk), user).values(*HEADER_FLAGS).first() or {}
    base = {
        "case": case,
        "young_person": case.young_person,
        "tab": tab,
        "case_access": access.access_to(user, case),
        "interview": interview,
        "interview_hours_left": interview.return_interview_hours_left if interview else None,
        **{name: flags.get(name) for name in HEADER_FLAGS},
    }
    return render(request, template, {**base, **(context or {})}, status=status)


def posted(request):
    """The form data of a POST, or None for a GET. (Not `request.POST or None`: an empty POST is still
    a submission, and must show its errors.)"""
    return request.POST if request.method == "POST" else None
