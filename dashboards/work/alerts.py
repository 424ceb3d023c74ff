"""My work's low or falling check-ins, and the feedback about the person: a feedback answer's words show only
where the writer let their worker read them (or to the team's manager)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Avg, Count, F, Q, TextField, Value, When, Window
from django.db.models import Case as CaseWhen
from django.utils import timezone

from accounts.models import User
from cases import access
from feedback.models import CheckInAlert, FeedbackAnswer

from .mine import SHOWN, Mine

FEEDBACK_SHOWN = 10
FEEDBACK_OVER = timedelta(days=91)  # three months


def low_check_ins(user: User, *, mine: Mine | None = None) -> list[CheckInAlert]:
    """Low or falling check-ins no one has yet said what they did about, oldest first."""
    mine = mine if mine is not None else Mine.find(user)
    found = CheckInAlert.objects.filter(case_id__in=mine.changeable_ids, handled_at__isnull=True)
    alerts = list(found.order_by("made_at", "pk")[:SHOWN])
    for alert in alerts:
        # The case as found for the page, with its young person (the page names them).
        alert.case = mine.cases[alert.case_id]
    return alerts


@dataclass(frozen=True)
class Feedback:
    answers: Sequence[FeedbackAnswer]
    count: int
    listened: float | None
    there_when_needed: float | None


def feedback_about(user: User) -> Feedback:
    """Feedback on the cases they are the key worker of (it asks about "your worker"), of the last three months:
    the scores, and the words only where the writer let their worker read them (the team's manager reads them
    all). The words of the rest are never loaded."""
    cases = access.changeable_cases(user).filter(key_worker_id=user.pk)
    answers = FeedbackAnswer.objects.filter(case__in=cases, at__gte=timezone.now() - FEEDBACK_OVER)
    readable = Q(worker_may_read=True)
    team_id = access.managed_team_id(user)
    if team_id is not None:
        readable |= Q(case__team_id=team_id)
    words = CaseWhen(When(readable, then=F("better")), default=Value(""), output_field=TextField())
    # The number and the averages are of all the answers (a window over them all is computed before the
    # limit), carried on each of the latest: one query. No answer: no row, and nothing to average.
    latest = (
        answers.defer("better")
        .annotate(
            words=words,
            all_count=Window(Count("pk")),
            all_listened=Window(Avg("listened")),
            all_there=Window(Avg("there_when_needed")),
        )
        .select_related("case__young_person")
    )
    found = list(latest.order_by("-at", "-pk")[:FEEDBACK_SHOWN])
    first = found[0] if found else None
    return Feedback(
        answers=found,
        count=first.all_count if first else 0,
        listened=first.all_listened if first else None,
        there_when_needed=first.all_there if first else None,
    )
