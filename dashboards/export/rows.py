"""Assembling the export's rows from the grouped counts and sums, and writing them as CSV.

One row per case and period in which the case was open. Every cell is a pseudonymous id, a period (YYYY-MM),
an age band, a stage's code, a count or an average: never a name, a date finer than the month, or words anyone
wrote. Every cell still goes through `cases.csvsafe`, as every cell of every CSV file the service writes."""

import csv
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from cases.csvsafe import safe_row
from cases.models import Stage
from cases.models.young_person import age_on

from .periods import Month, Period
from .queries import MEASURES, CaseFacts, MonthRatings

# The key of the pseudonymous ids is derived from OUTCOME_EXPORT_KEY (by default the service's secret key) with
# this salt of its own: the same
# case has the same id in every export (evaluators can follow it), and nobody without the key can go back
# from the id to the case.
PSEUDONYM_SALT = "act.dashboards.export.case"
PSEUDONYM_LENGTH = 16

AGE_BANDS = ((10, "under 10"), (13, "10-12"), (15, "13-14"), (17, "15-16"), (19, "17-18"))
OLDEST_BAND = "19+"

# (column, what it holds): the page lists these, so the page and the file always agree.
COLUMNS = (
    ("case", _("The case’s pseudonymous id: the same in every export, and no way back to the young person.")),
    ("period", _("The month (or the first month of the quarter) the row is about, as YYYY-MM.")),
    ("age_band", _("The young person’s age at the end of the period: under 10, 10-12, 13-14, 15-16, 17-18 or 19+.")),
    ("stage", _("The case’s stage at the end of the period, from the history of its stages.")),
    ("goals", _("Goals in the family plan at the end of the period (not those taken off it).")),
    ("goals_rated", _("Goals rated in the period, by the young person, their family or a worker.")),
    ("goal_rating", _("The average of each rated goal’s latest rating in the period (0 to 10).")),
    (
        "goal_rating_change",
        _(
            "The average change of those goals over the period: from the rating that stood when it began (or "
            "else their first rating in it) to their latest."
        ),
    ),
    ("check_ins", _("The young person’s wellbeing check-ins in the period (not their parents’ or carers’).")),
    ("wellbeing", _("The average of all five measures of those check-ins (1 to 5).")),
    ("mood", _("The average answer about their mood and how they feel (1 to 5).")),
    ("outlook", _("The average answer about how they see their life and what is ahead (1 to 5).")),
    ("healthy_relationships", _("The average answer about what a healthy relationship looks like (1 to 5).")),
    ("self_feeling", _("The average answer about how they feel about themselves (1 to 5).")),
    ("relationships", _("The average answer about how good their relationships are (1 to 5).")),
    ("feedback_answers", _("Feedback answers on the service in the period, from the young person and their family.")),
    ("listened", _("The average answer to “Did you feel listened to?” (1 to 5).")),
    ("there_when_needed", _("The average answer to “Is your worker there when you need them?” (1 to 5).")),
    ("moves", _("Moves of where the young person lives in the period.")),
    ("breakdowns", _("Of those moves, how many were a placement breaking down rather than planned.")),
)
HEADER = [name for name, _what in COLUMNS]


def pseudonym(case_pk: int) -> str:
    return salted_hmac(
        PSEUDONYM_SALT, str(case_pk), secret=settings.OUTCOME_EXPORT_KEY, algorithm="sha256"
    ).hexdigest()[:PSEUDONYM_LENGTH]


def age_band(date_of_birth: date, on: date) -> str:
    age = age_on(date_of_birth, on)
    for below, band in AGE_BANDS:
        if age < below:
            return band
    return OLDEST_BAND


def stage_at(history: list[tuple[datetime, str, str]], moment: datetime, now: str) -> str:
    """The stage the case was in just before `moment`, from its history (`now`, the case's stage, if it has
    none). Before its first change, the stage that change left (or, for the change that opened it, opened in)."""
    if not history:
        return now
    stage = None
    for at, _from_stage, to_stage in history:
        if at >= moment:
            break
        stage = to_stage
    return stage if stage is not None else (history[0][1] or history[0][2])


def open_during(facts: CaseFacts, history: list[tuple[datetime, str, str]], period: Period) -> bool:
    """Open at some time in the period: opened before its end, and not closed from before its start to its end."""
    if facts.opened_at >= period.ends_at:
        return False
    if stage_at(history, period.starts_at, facts.stage) != Stage.CLOSED:
        return True
    return any(period.starts_at <= at < period.ends_at for at, _from_stage, _to_stage in history)


def _average(total, count: int, places: int = 1) -> float | str:
    return round(total / count, places) if count else ""


def _totals(table: Mapping[tuple[int, Month], Mapping], case_pk: int, period: Period, names: Iterable[str]) -> dict:
    totals = dict.fromkeys(["count", *names], 0)
    for month in period.months:
        found = table.get((case_pk, month))
        if found:
            for name in totals:
                totals[name] += found[name]
    return totals


def live_goals(goals: list[tuple[Month, Month | None, int]], period: Period) -> int:
    return sum(count for made, gone, count in goals if made <= period.last and (gone is None or gone > period.last))


def rating_cells(by_month: Mapping[Month, list[MonthRatings]], period: Period) -> list:
    """Goals rated in the period, the average of their latest ratings, and their average change: from the rating
    that stood when the period began (the latest before it) or else their first rating in it."""
    standing: dict[int, int] = {}
    first: dict[int, int] = {}
    latest: dict[int, int] = {}
    for month in sorted(month for month in by_month if month <= period.last):
        for rating in by_month[month]:
            if month < period.first:
                standing[rating.goal_id] = rating.last
            else:
                first.setdefault(rating.goal_id, rating.first)
                latest[rating.goal_id] = rating.last
    if not latest:
        return [0, "", ""]
    changes = [score - standing.get(goal_id, first[goal_id]) for goal_id, score in latest.items()]
    return [len(latest), _average(sum(latest.values()), len(latest)), _average(sum(changes), len(changes))]


@dataclass
class Tables:
    """The grouped counts and sums of every query (see queries.py)."""

    history: Mapping[int, list[tuple[datetime, str, str]]]
    goals: Mapping[int, list[tuple[Month, Month | None, int]]]
    ratings: Mapping[int, Mapping[Month, list[MonthRatings]]]
    check_ins: Mapping[tuple[int, Month], Mapping]
    feedback: Mapping[tuple[int, Month], Mapping]
    moves: Mapping[tuple[int, Month], Mapping]
    today: date = field(default_factory=timezone.localdate)


def check_in_cells(tables: Tables, case_pk: int, period: Period) -> list:
    totals = _totals(tables.check_ins, case_pk, period, MEASURES)
    count = totals["count"]
    everything = sum(totals[measure] for measure in MEASURES)
    return [count, _average(everything, count * len(MEASURES))] + [
        _average(totals[measure], count) for measure in MEASURES
    ]


def feedback_cells(tables: Tables, case_pk: int, period: Period) -> list:
    totals = _totals(tables.feedback, case_pk, period, ("listened", "there_when_needed"))
    count = totals["count"]
    return [count, _average(totals["listened"], count), _average(totals["there_when_needed"], count)]


def row(facts: CaseFacts, period: Period, tables: Tables) -> list:
    history = tables.history.get(facts.pk, [])
    moves = _totals(tables.moves, facts.pk, period, ("breakdowns",))
    return [
        pseudonym(facts.pk),
        period.label,
        age_band(facts.date_of_birth, min(period.last_day, tables.today)),
        stage_at(history, period.ends_at, facts.stage),
        live_goals(tables.goals.get(facts.pk, []), period),
        *rating_cells(tables.ratings.get(facts.pk, {}), period),
        *check_in_cells(tables, facts.pk, period),
        *feedback_cells(tables, facts.pk, period),
        moves["count"],
        moves["breakdowns"],
    ]


def rows(cases: list[CaseFacts], periods: list[Period], tables: Tables) -> list[list]:
    """A row for each case in each period it was open, case by case, periods in order."""
    return [
        row(facts, period, tables)
        for facts in cases
        for period in periods
        if open_during(facts, tables.history.get(facts.pk, []), period)
    ]


class _Line:
    """A file-like object whose write() answers the line, for csv.writer to write one row at a time."""

    def write(self, value: str) -> str:
        return value


def csv_lines(body: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield writer.writerow(safe_row(HEADER))
    for values in body:
        yield writer.writerow(safe_row(values))
