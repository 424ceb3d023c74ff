"""The export's queries: one for each kind of record, whatever the number of cases, each grouped by case and
month in the database (TruncMonth, Count, Sum, a window for the latest goal rating), so that Python only
assembles the sums. Every query is limited to the team's cases open in the range, through a subquery.

Each function answers a dict keyed by (case id, month), months as (year, month) in the service's time zone."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Q, QuerySet, Sum, Window
from django.db.models.expressions import BaseExpression
from django.db.models.functions import FirstValue, RowNumber, TruncMonth

from cases.models import Case, Move, Person, StageChange
from feedback.models import CheckIn, FeedbackAnswer
from plans.models import Goal, GoalRating

from .periods import Month

MEASURES = CheckIn.MEASURES


def _month(value: date | datetime) -> Month:
    return value.year, value.month


@dataclass(frozen=True)
class CaseFacts:
    pk: int
    date_of_birth: date
    opened_at: datetime
    stage: str  # now: used only when the case has no stage history


def team_cases(team_id: int, starts_at: datetime, ends_at: datetime) -> QuerySet[Case]:
    """The team's cases that were open at some time in the range (closed ones that closed before it are not)."""
    return Case.objects.filter(team_id=team_id, opened_at__lt=ends_at).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=starts_at)
    )


def case_facts(cases: QuerySet[Case]) -> list[CaseFacts]:
    rows = cases.order_by("pk").values_list("pk", "young_person__date_of_birth", "opened_at", "stage")
    return [
        CaseFacts(pk=pk, date_of_birth=born, opened_at=opened, stage=stage)
        for pk, born, opened, stage in rows.iterator()
    ]


def stage_history(cases: QuerySet[Case], ends_at: datetime) -> dict[int, list[tuple[datetime, str, str]]]:
    """Each case's stage changes up to the end of the range, oldest first: (when, from stage, to stage). A case
    changes stage a handful of times in its life."""
    rows = (
        StageChange.objects.filter(case__in=cases.values("pk"), changed_at__lt=ends_at)
        .order_by("case_id", "changed_at", "pk")
        .values_list("case_id", "changed_at", "from_stage", "to_stage")
    )
    history: dict[int, list[tuple[datetime, str, str]]] = defaultdict(list)
    for case_id, at, from_stage, to_stage in rows.iterator():
        history[case_id].append((at, from_stage, to_stage))
    return history


def goals_made_and_removed(
    cases: QuerySet[Case], ends_at: datetime
) -> dict[int, list[tuple[Month, Month | None, int]]]:
    """Each case's goals counted by the month they were added and the month they were removed (None: live)."""
    rows = (
        Goal.objects.filter(plan__case__in=cases.values("pk"), created_at__lt=ends_at)
        .annotate(made=TruncMonth("created_at"), gone=TruncMonth("removed_at"))
        .values("plan__case_id", "made", "gone")
        .annotate(count=Count("pk"))
        .order_by()
    )
    found: dict[int, list[tuple[Month, Month | None, int]]] = defaultdict(list)
    for row in rows:
        gone = _month(row["gone"]) if row["gone"] is not None else None
        found[row["plan__case_id"]].append((_month(row["made"]), gone, row["count"]))
    return found


@dataclass(frozen=True)
class MonthRatings:
    """One goal's ratings in one month: the first and the latest."""

    goal_id: int
    first: int
    last: int


def goal_ratings(cases: QuerySet[Case], ends_at: datetime) -> dict[int, dict[Month, list[MonthRatings]]]:
    """For each case and month up to the end of the range, each rated goal's first and latest rating of the
    month: one row per goal and month, chosen by a window in the database. The months before the range are
    needed too: the rating that stood when a period began is the latest one before it."""
    month = TruncMonth("rated_at")
    partition: list[BaseExpression | F] = [F("goal_id"), month]
    rows = (
        GoalRating.objects.filter(goal__plan__case__in=cases.values("pk"), rated_at__lt=ends_at)
        .annotate(
            month=month,
            case_id=F("goal__plan__case_id"),
            newest=Window(RowNumber(), partition_by=partition, order_by=[F("rated_at").desc(), F("pk").desc()]),
            first_score=Window(
                FirstValue("score"), partition_by=partition, order_by=[F("rated_at").asc(), F("pk").asc()]
            ),
        )
        .filter(newest=1)
        .values("case_id", "goal_id", "month", "score", "first_score")
        .order_by()
    )
    found: dict[int, dict[Month, list[MonthRatings]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        rating = MonthRatings(goal_id=row["goal_id"], first=row["first_score"], last=row["score"])
        found[row["case_id"]][_month(row["month"])].append(rating)
    return found


def check_ins(cases: QuerySet[Case], starts_at: datetime, ends_at: datetime) -> dict[tuple[int, Month], Mapping]:
    """The young person's check-ins in each month: how many, and the sum of each measure."""
    rows = (
        CheckIn.objects.filter(
            case__in=cases.values("pk"), person=Person.YOUNG_PERSON, at__gte=starts_at, at__lt=ends_at
        )
        .annotate(month=TruncMonth("at"))
        .values("case_id", "month")
        .annotate(count=Count("pk"), **{measure: Sum(measure) for measure in MEASURES})
        .order_by()
    )
    return {(row["case_id"], _month(row["month"])): row for row in rows}


def feedback(cases: QuerySet[Case], starts_at: datetime, ends_at: datetime) -> dict[tuple[int, Month], Mapping]:
    """Feedback on the service in each month (the young person's and their family's): how many, and the sums."""
    rows = (
        FeedbackAnswer.objects.filter(case__in=cases.values("pk"), at__gte=starts_at, at__lt=ends_at)
        .annotate(month=TruncMonth("at"))
        .values("case_id", "month")
        .annotate(count=Count("pk"), listened=Sum("listened"), there_when_needed=Sum("there_when_needed"))
        .order_by()
    )
    return {(row["case_id"], _month(row["month"])): row for row in rows}


def moves(cases: QuerySet[Case], first: date, last: date) -> dict[tuple[int, Month], Mapping]:
    """Moves of where the young person lives in each month: how many, and how many were a breakdown (not planned)."""
    rows = (
        Move.objects.filter(case__in=cases.values("pk"), moved_on__gte=first, moved_on__lte=last)
        .annotate(month=TruncMonth("moved_on"))
        .values("case_id", "month")
        .annotate(count=Count("pk"), breakdowns=Count("pk", filter=Q(planned=False)))
        .order_by()
    )
    return {(row["case_id"], _month(row["month"])): row for row in rows}
