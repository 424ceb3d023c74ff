"""The manager's dashboard's figures, each defined once as a condition on the team's cases.

A figure's number is `Count` of the team's cases with that condition (all figures in one query), and the
cases behind it are the team's cases filtered by the very same condition: the number and the list cannot
disagree. "The team's cases" are those the access policy lets the manager see, of their team only, and of the
chosen key worker when there is one (`Scope`).

Some figures are shares of things that are not cases (return home interviews, referral decisions): those are
counted from their own rows, bounded by the period, in `outcomes.py`; the cases behind them are still a figure
here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from assessments.models import ReviewPoint
from assessments.queries import agreed_target_date, past_agreed_date_condition
from cases import access
from cases.models import Case as CaseModel
from cases.models import Move, Person, Stage, TimelineEntry
from feedback.models import CheckInAlert, FeedbackAnswer
from plans.models import Goal, GoalRating, Meeting
from plans.queries import AMBITIONS_WITHIN, first_contact

# Feedback scores are 1 to 5: 1 is "really bad", 2 "not good".
LOW_FEEDBACK = 2


@dataclass(frozen=True)
class Scope:
    """Whose cases and which days: the manager (and so the team and what they may see), the key worker chosen
    (None: the whole team) and the period, the `days` up to and including `today`."""

    user: User
    team_id: int
    worker: User | None
    days: int
    today: date

    @property
    def first_day(self) -> date:
        return self.today - timedelta(days=self.days - 1)

    @cached_property
    def since(self) -> datetime:
        """The start of the period's first day, where the service is."""
        return _midnight(self.first_day)

    @cached_property
    def now(self) -> datetime:
        return timezone.now()


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def in_period(scope: Scope, field: str) -> Q:
    """`field` (a moment) falls within the period (up to now)."""
    return Q(**{f"{field}__gte": scope.since, f"{field}__lte": scope.now})


OPEN = ~Q(stage=Stage.CLOSED)


def _review_overdue(scope: Scope) -> Q:
    overdue = ReviewPoint.objects.filter(assessment__case=OuterRef("pk"), held_at__isnull=True, due_on__lt=scope.today)
    return OPEN & Q(Exists(overdue))


def missing_episodes(scope: Scope) -> QuerySet[TimelineEntry]:
    """Missing episodes this manager may see (restricted ones included only where the policy says so)."""
    return TimelineEntry.objects.filter(
        access.visible_entries_q(scope.user), kind=TimelineEntry.Kind.MISSING, return_interview_due_at__isnull=False
    )


def interviews_due_in_period(scope: Scope) -> QuerySet[TimelineEntry]:
    """Return home interviews whose 72 hours ended in the period: the ones that count for "done within 72
    hours" (one whose 72 hours are still running is not yet late, nor on time)."""
    return missing_episodes(scope).filter(in_period(scope, "return_interview_due_at"))


INTERVIEW_ON_TIME = Q(return_interview_done_at__lte=F("return_interview_due_at"))


def _interview_overdue(scope: Scope) -> Q:
    overdue = missing_episodes(scope).filter(
        case=OuterRef("pk"), return_interview_done_at__isnull=True, return_interview_due_at__lt=scope.now
    )
    return OPEN & Q(Exists(overdue))


def _interview_late(scope: Scope) -> Q:
    late = interviews_due_in_period(scope).filter(case=OuterRef("pk")).exclude(INTERVIEW_ON_TIME)
    return Q(Exists(late))


def _ambitions_due(scope: Scope) -> Q:
    """Cases whose 8 weeks for the Ambitions meeting ended in the period: the first contact's day plus 8 weeks
    is a day of the period before today (on that day itself the meeting is due, not yet late)."""
    return Q(
        first_contact_at__gte=_midnight(scope.first_day - AMBITIONS_WITHIN),
        first_contact_at__lt=_midnight(scope.today - AMBITIONS_WITHIN),
    )


def _ambitions_held_in_time(scope: Scope) -> Q:
    held = Meeting.objects.filter(
        case=OuterRef("pk"), kind=Meeting.Kind.AMBITIONS, status=Meeting.Status.HELD
    ).annotate(day=TruncDate("starts_at", tzinfo=timezone.get_current_timezone()))
    return _ambitions_due(scope) & Q(Exists(held.filter(day__lte=OuterRef("ambitions_due_on"))))


def _ambitions_late(scope: Scope) -> Q:
    return _ambitions_due(scope) & ~_ambitions_held_in_time(scope)


def _moved(scope: Scope, **more) -> Q:
    moves = Move.objects.filter(case=OuterRef("pk"), moved_on__gte=scope.first_day, moved_on__lte=scope.today, **more)
    return Q(Exists(moves))


def _ratings_in_period(scope: Scope, order: str) -> Subquery:
    ratings = GoalRating.objects.filter(goal=OuterRef("pk")).filter(in_period(scope, "rated_at"))
    return Subquery(ratings.order_by(order, order.replace("rated_at", "pk")).values("score")[:1])


def _ratings_moved(scope: Scope, lookup: str) -> Q:
    """A goal of the case whose last rating in the period is above (`gt`) or below (`lt`) its first."""
    goals = Goal.objects.filter(plan__case=OuterRef("pk")).annotate(
        first_score=_ratings_in_period(scope, "rated_at"), last_score=_ratings_in_period(scope, "-rated_at")
    )
    return Q(Exists(goals.filter(**{f"last_score__{lookup}": F("first_score")})))


def _check_in_low(scope: Scope) -> Q:
    # The young person's own check-ins, as in the wellbeing chart (a parent's check-in is about the parent).
    alerts = CheckInAlert.objects.filter(case=OuterRef("pk"), check_in__person=Person.YOUNG_PERSON)
    alerts = alerts.filter(in_period(scope, "made_at"))
    return Q(Exists(alerts))


def _feedback_low(scope: Scope) -> Q:
    low = Q(listened__lte=LOW_FEEDBACK) | Q(there_when_needed__lte=LOW_FEEDBACK)
    answers = FeedbackAnswer.objects.filter(low, case=OuterRef("pk")).filter(in_period(scope, "at"))
    return Q(Exists(answers))


@dataclass(frozen=True)
class Figure:
    key: str
    # What the list of its cases is called ("Open cases").
    label: str | Promise
    condition: Callable[[Scope], Q]


FIGURES: dict[str, Figure] = {
    figure.key: figure
    for figure in (
        Figure("open", _("Open cases"), lambda scope: OPEN),
        Figure("unallocated", _("Open cases with no key worker"), lambda scope: OPEN & Q(key_worker__isnull=True)),
        Figure(
            "assessment_overdue",
            _("Assessments past their agreed date"),
            lambda scope: OPEN & past_agreed_date_condition(),
        ),
        Figure("review_overdue", _("Reviews overdue"), _review_overdue),
        Figure("interview_overdue", _("Return home interviews overdue"), _interview_overdue),
        Figure("interview_late", _("Return home interviews not done within 72 hours"), _interview_late),
        Figure("ambitions_due", _("Ambitions meetings due in the period"), _ambitions_due),
        Figure("ambitions_in_time", _("Ambitions meetings held within 8 weeks"), _ambitions_held_in_time),
        Figure("ambitions_late", _("Ambitions meetings not held within 8 weeks"), _ambitions_late),
        Figure("ratings_up", _("Goal ratings gone up"), lambda scope: _ratings_moved(scope, "gt")),
        Figure("ratings_down", _("Goal ratings gone down"), lambda scope: _ratings_moved(scope, "lt")),
        Figure("check_in_low", _("Low or falling check-ins"), _check_in_low),
        Figure("feedback_low", _("Low feedback scores"), _feedback_low),
        Figure("moved", _("Moved home"), _moved),
        Figure("breakdown", _("Moved because a placement broke down"), lambda scope: _moved(scope, planned=False)),
    )
}


def team_cases(scope: Scope) -> QuerySet[CaseModel]:
    """The cases every figure counts: what the manager may see, of their team, of the chosen key worker; with
    what the figures' conditions read (computed in the database)."""
    cases = access.visible_cases(scope.user).filter(team_id=scope.team_id)
    if scope.worker is not None:
        cases = cases.filter(key_worker=scope.worker)
    # The first contact's day where the service is, plus 8 weeks (see plans.queries).
    due_on = TruncDate("first_contact_at", tzinfo=timezone.get_current_timezone()) + AMBITIONS_WITHIN
    return cases.annotate(agreed_target=agreed_target_date(), first_contact_at=first_contact()).annotate(
        ambitions_due_on=ExpressionWrapper(due_on, output_field=DateField())
    )


def counts(scope: Scope) -> dict[str, int]:
    """Every figure's number, in one query: each case marked 1 or 0 by each figure's condition, then summed
    (over the marked cases as a subquery, where the conditions' references to the case still resolve)."""
    marked = team_cases(scope).annotate(
        **{f"is_{key}": Case(When(figure.condition(scope), then=1), default=0) for key, figure in FIGURES.items()}
    )
    found = marked.aggregate(**{key: Sum(f"is_{key}") for key in FIGURES})
    return {key: value or 0 for key, value in found.items()}


def cases_behind(scope: Scope, key: str) -> QuerySet[CaseModel]:
    """The cases a figure counts, by the same condition."""
    return team_cases(scope).filter(FIGURES[key].condition(scope))


def caseload_by_worker(scope: Scope) -> dict[int | None, int]:
    """Open cases by key worker (None: not allocated), in one query."""
    rows = team_cases(scope).filter(OPEN).order_by().values("key_worker").annotate(count=Count("pk"))
    return {row["key_worker"]: row["count"] for row in rows}
