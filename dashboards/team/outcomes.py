"""The numbers of the manager's dashboard that are not counts of cases: shares of return home interviews and
referral decisions within their targets, and the outcomes month by month (goal ratings, wellbeing, feedback,
moves). Each is one query over the team's cases of the figures (`figures.team_cases`), aggregated in the
database and bounded by the period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Avg, Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext

from cases.models import Move, Person, Referral
from cases.models.referral import DECISION_TARGET_WORKING_DAYS
from cases.working_days import add_working_days
from feedback.models import CheckIn, FeedbackAnswer
from plans.models import GoalRating

from .figures import INTERVIEW_ON_TIME, Scope, in_period, interviews_due_in_period, team_cases


@dataclass(frozen=True)
class Share:
    done: int
    of: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.of) if self.of else None

    @property
    def words(self) -> str:
        """ "3 of 4 (75%)", or "None in this period"."""
        if not self.of:
            return gettext("None in this period")
        return gettext("%(done)s of %(of)s (%(percent)s%%)") % {
            "done": self.done,
            "of": self.of,
            "percent": self.percent,
        }


def months(scope: Scope) -> list[date]:
    """The first day of each month the period touches, oldest first."""
    month = scope.first_day.replace(day=1)
    found = []
    while month <= scope.today:
        found.append(month)
        month = (
            month.replace(year=month.year + 1, month=1) if month.month == 12 else month.replace(month=month.month + 1)
        )
    return found


def _month_of(value: date | datetime) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _by_month(scope: Scope, rows, field: str) -> list:
    """`rows` (each with a `month`) as one value per month of the period, None where a month has none."""
    found = {_month_of(row["month"]): row[field] for row in rows}
    return [found.get(month) for month in months(scope)]


def _monthly(scope: Scope, query: QuerySet, moment: str, **values) -> list[dict]:
    tz = timezone.get_current_timezone()
    return list(
        query.filter(in_period(scope, moment))
        .annotate(month=TruncMonth(moment, tzinfo=tz))
        .order_by()
        .values("month")
        .annotate(**values)
    )


def interview_share(scope: Scope) -> Share:
    """Return home interviews whose 72 hours ended in the period, and how many of them were done in time."""
    found = (
        interviews_due_in_period(scope)
        .filter(case__in=team_cases(scope).values("pk"))
        .aggregate(of=Count("pk"), done=Count("pk", filter=INTERVIEW_ON_TIME))
    )
    return Share(done=found["done"], of=found["of"])


def referrals_waiting(scope: Scope) -> int:
    return Referral.objects.filter(team_id=scope.team_id, status=Referral.Status.WAITING).count()


def decision_share(scope: Scope) -> Share:
    """Referrals decided in the period, and how many within the target of working days of their receipt. The
    working days are England's calendar (cases.working_days), so this is counted here from the period's
    decisions only: two moments a referral, never the whole table."""
    decided = Referral.objects.filter(team_id=scope.team_id, decided_at__isnull=False).filter(
        in_period(scope, "decided_at")
    )
    moments = list(decided.values_list("received_at", "decided_at"))
    done = sum(
        decided_at is not None and decided_at <= add_working_days(received_at, DECISION_TARGET_WORKING_DAYS)
        for received_at, decided_at in moments
    )
    return Share(done=done, of=len(moments))


def goal_ratings(scope: Scope) -> list[float | None]:
    """The average goal rating (0 to 10) of each month."""
    ratings = GoalRating.objects.filter(goal__plan__case__in=team_cases(scope).values("pk"))
    return _by_month(scope, _monthly(scope, ratings, "rated_at", average=Avg("score")), "average")


def wellbeing(scope: Scope) -> list[float | None]:
    """The average of the five measures of the young people's check-ins (1 to 5) of each month."""
    total = sum((F(measure) for measure in CheckIn.MEASURES[1:]), F(CheckIn.MEASURES[0]))
    check_ins = CheckIn.objects.filter(case__in=team_cases(scope).values("pk"), person=Person.YOUNG_PERSON)
    average = Avg(Cast(total, FloatField()) / len(CheckIn.MEASURES))
    return _by_month(scope, _monthly(scope, check_ins, "at", average=average), "average")


def feedback(scope: Scope) -> list[float | None]:
    """The average of the two feedback scores (1 to 5) of each month."""
    answers = FeedbackAnswer.objects.filter(case__in=team_cases(scope).values("pk"))
    average = Avg(Cast(F("listened") + F("there_when_needed"), FloatField()) / 2)
    return _by_month(scope, _monthly(scope, answers, "at", average=average), "average")


@dataclass(frozen=True)
class Moves:
    planned: list[int]
    breakdown: list[int]

    @property
    def total(self) -> int:
        return sum(self.planned) + sum(self.breakdown)


def moves(scope: Scope) -> Moves:
    """Moves of where the young people live, each month: planned, and because a placement broke down."""
    rows = list(
        Move.objects.filter(
            case__in=team_cases(scope).values("pk"), moved_on__gte=scope.first_day, moved_on__lte=scope.today
        )
        .annotate(month=TruncMonth("moved_on"))
        .order_by()
        .values("month")
        .annotate(planned_moves=Count("pk", filter=Q(planned=True)), breakdowns=Count("pk", filter=Q(planned=False)))
    )
    return Moves(
        planned=[value or 0 for value in _by_month(scope, rows, "planned_moves")],
        breakdown=[value or 0 for value in _by_month(scope, rows, "breakdowns")],
    )
