"""What every page of a case shows around its own content: the header, the sub-navigation and the
return home interview countdown. Every case view renders through `render_case`."""

from django.shortcuts import render
from django.utils import timezone

from .. import access
from ..models import Case, TimelineEntry
from ..queries import with_flags


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


def render_case(request, template: str, case: Case, tab: str, context: dict | None = None, status: int = 200):
    user = request.user
    interview = outstanding_interview(user, case)
    flags = (
        with_flags(Case.objects.filter(pk=case.pk), user).values("assessment_overdue", "agreed_target").first() or {}
    )
    base = {
        "case": case,
        "young_person": case.young_person,
        "tab": tab,
        "may_change": access.can_change(user, case),
        "may_audit": access.may_audit(user, case),
        "is_team_manager": access.is_team_manager(user, case),
        "interview": interview,
        "interview_hours_left": _hours_left(interview),
        "assessment_overdue": flags.get("assessment_overdue"),
        "agreed_target": flags.get("agreed_target"),
    }
    return render(request, template, {**base, **(context or {})}, status=status)


def _hours_left(interview: TimelineEntry | None) -> int | None:
    if interview is None:
        return None
    return int((interview.return_interview_due_at - timezone.now()).total_seconds() // 3600)


def posted(request):
    """The form data of a POST, or None for a GET. (Not `request.POST or None`: an empty POST is still
    a submission, and must show its errors.)"""
    return request.POST if request.method == "POST" else None
