"""The anonymised outcome export for evaluation: a CSV file of the team's cases, one row per case per period,
with a pseudonymous id, an age band, the stage, goal ratings, wellbeing, feedback scores and moves. Only a
team's managers make it (`dashboards:outcome-export`), and every export is recorded in the audit.

- `periods`: the months or quarters of an export;
- `queries`: a fixed number of queries, grouped by case and month in the database;
- `rows`: the rows assembled from those, and the CSV writing.
"""

from dataclasses import dataclass

from django.utils import timezone

from . import queries
from .periods import Period
from .rows import Tables, csv_lines, rows


@dataclass(frozen=True)
class Export:
    periods: list[Period]
    rows: list[list]

    @property
    def file_name(self) -> str:
        return f"act-outcomes-{self.periods[0].label}-to-{self.periods[-1].label}.csv"


def build(*, team_id: int, periods: list[Period]) -> Export:
    """The export of one team's cases over `periods` (in order): seven queries, however many cases."""
    starts_at, ends_at = periods[0].starts_at, periods[-1].ends_at
    cases = queries.team_cases(team_id, starts_at, ends_at)
    tables = Tables(
        history=queries.stage_history(cases, ends_at),
        goals=queries.goals_made_and_removed(cases, ends_at),
        ratings=queries.goal_ratings(cases, ends_at),
        check_ins=queries.check_ins(cases, starts_at, ends_at),
        feedback=queries.feedback(cases, starts_at, ends_at),
        moves=queries.moves(cases, periods[0].first_day, periods[-1].last_day),
        today=timezone.localdate(),
    )
    return Export(periods=periods, rows=rows(queries.case_facts(cases), periods, tables))


__all__ = ["Export", "Period", "build", "csv_lines"]
