"""What is due: review points within three days or overdue, and return home interviews coming due
(within a day) or overdue. Each kind is found with one query on a partial index; the messages are
keyed, so running again (at the same moment, after a restart, or after a day with no broker) never
tells anyone twice, and catches up on whatever came due meanwhile."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.notifications import Message
from cases import access
from cases.models import TimelineEntry

from .models import ReviewPoint

REVIEW_WARNING = timedelta(days=3)
INTERVIEW_WARNING = timedelta(hours=24)


class _Managers:
    """The managers of each team, looked up once per team in a run."""

    def __init__(self):
        self._by_team: dict[int, list[User]] = {}

    def of(self, case) -> list[User]:
        if case.team_id not in self._by_team:
            self._by_team[case.team_id] = list(access.team_managers(case.team_id))
        return self._by_team[case.team_id]


def due_messages(now=None) -> list[Message]:
    now = now or timezone.now()
    today = timezone.localdate(now)
    messages: list[Message] = []
    managers = _Managers()

    reviews = (
        ReviewPoint.objects.filter(held_at__isnull=True, due_on__lte=today + REVIEW_WARNING)
        .select_related("assessment__case__young_person", "assessment__case__key_worker")
        .exclude(assessment__case__stage="closed")
    )
    for review in reviews:
        case = review.assessment.case
        url = reverse("assessments:reviews", args=[case.pk])
        name = case.young_person.display_name
        if review.due_on < today:
            text = f"{name}'s assessment review is overdue (it was due on {review.due_on:%d %B %Y})."
            recipients = {case.key_worker, *managers.of(case)}
            messages += [Message(r, f"review-overdue:{review.pk}", text, url) for r in recipients if r]
        elif case.key_worker:
            text = f"{name}'s assessment review is due on {review.due_on:%d %B %Y}."
            messages.append(Message(case.key_worker, f"review-due:{review.pk}", text, url))

    interviews = (
        TimelineEntry.objects.filter(
            return_interview_done_at__isnull=True,
            return_interview_due_at__isnull=False,
            return_interview_due_at__lte=now + INTERVIEW_WARNING,
        )
        .select_related("case__young_person", "case__key_worker")
        .exclude(case__stage="closed")
    )
    for entry in interviews:
        case = entry.case
        url = reverse("cases:timeline-entry", args=[case.pk, entry.pk])
        name = case.young_person.display_name
        due = timezone.localtime(entry.return_interview_due_at)
        if entry.return_interview_due_at < now:
            text = f"{name}'s return home interview is overdue (it was due by {due:%d %B %H:%M})."
            recipients = {case.key_worker, *managers.of(case)}
            messages += [Message(r, f"rhi-overdue:{entry.pk}", text, url) for r in recipients if r]
        elif case.key_worker:
            text = f"{name}'s return home interview is due by {due:%d %B %H:%M}."
            messages.append(Message(case.key_worker, f"rhi-due:{entry.pk}", text, url))
    return messages
