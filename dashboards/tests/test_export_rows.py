"""The outcome export's rows against a history counted by hand: three past months A, B and C.

Destiny's case opened in A; it moved to assessment in B. She turns 15 on the first day of C. Goal 1 was added in A
and rated 3 then 4 in A, and 7 in C; goal 2 was added in B, rated 5 then 6 in B, and removed in C. She checked in
twice in A (all 3s, all 4s; her mum's check-in of all 1s is not hers) and once in C (5, 4, 3, 2, 1). Two feedback
answers in B (4 and 2, 5 and 3: one from her mum). A planned move in B; in C a planned move and a breakdown.

Ben's case opened in C. Cara's case closed in B. Dan's case closed before A. Jordan's case is another team's."""

import pytest

from cases import services as case_services
from cases.models import Person, YoungPerson
from cases.tests.factories import CaseFactory
from dashboards.export.periods import PER_QUARTER, Period, periods, quarter_start
from dashboards.export.rows import HEADER, age_band, pseudonym
from plans import services as plan_services

from .export_helpers import (
    EXPORT_URL,
    answered,
    checked_in,
    closed_on,
    day,
    export_form,
    fifteen_on_the_first_of,
    goal_added,
    label,
    last_stage_change_on,
    months_ago,
    moved,
    on,
    opened_on,
    rated,
    rows_of,
)

A, B, C = months_ago(3), months_ago(2), months_ago(1)


@pytest.fixture
def destiny(case, key_worker, manager):
    YoungPerson.objects.filter(pk=case.young_person_id).update(date_of_birth=fifteen_on_the_first_of(C))
    opened_on(case, on(A, 5))
    case_services.case_change_stage(case=case, stage="assessment", by=key_worker)
    last_stage_change_on(case, on(B, 10))
    plan = plan_services.plan_start(case=case, by=key_worker)
    goal_1, goal_2 = goal_added(plan, on(A, 6), key_worker), goal_added(plan, on(B, 11), key_worker)
    for goal, score, when in [(goal_1, 3, on(A, 7)), (goal_1, 4, on(A, 20)), (goal_1, 7, on(C, 3))]:
        rated(goal, score, when, key_worker)
    for score, when in [(5, on(B, 12)), (6, on(B, 20))]:
        rated(goal_2, score, when, key_worker)
    plan_services.item_remove(item=goal_2, plan=plan, by=key_worker)
    type(goal_2).objects.filter(pk=goal_2.pk).update(removed_at=on(C, 2))
    checked_in(case, [3] * 5, on(A, 8))
    checked_in(case, [4] * 5, on(A, 9))
    checked_in(case, [1] * 5, on(A, 9), person=Person.PARENT_CARER)
    checked_in(case, [5, 4, 3, 2, 1], on(C, 4))
    answered(case, 4, 2, on(B, 3))
    answered(case, 5, 3, on(B, 4), person=Person.PARENT_CARER)
    moved(case, day(B, 14), key_worker)
    moved(case, day(C, 15), key_worker)
    moved(case, day(C, 16), key_worker, planned=False)
    return case


@pytest.fixture
def others(key_worker, manager, outsider_case):
    team = key_worker.team
    ben = opened_on(CaseFactory.create(given_name="Ben", team=team, key_worker=key_worker), on(C, 10))
    cara = opened_on(CaseFactory.create(given_name="Cara", team=team, key_worker=key_worker), on(A, 1))
    closed_on(cara, on(B, 15), manager)
    dan = opened_on(CaseFactory.create(given_name="Dan", team=team, key_worker=key_worker), on(months_ago(6), 1))
    closed_on(dan, on(months_ago(5), 1), manager)
    opened_on(outsider_case, on(A, 2))
    checked_in(outsider_case, [2] * 5, on(B, 2))
    return {"ben": ben, "cara": cara, "dan": dan, "jordan": outsider_case}


def blank(**values) -> dict:
    """A row's values: nothing counted unless said."""
    row = dict.fromkeys(HEADER, "")
    row.update(goals="0", goals_rated="0", check_ins="0", feedback_answers="0", moves="0", breakdowns="0")
    row.update({name: str(value) for name, value in values.items()})
    return row


def test_each_case_has_a_row_for_each_month_it_was_open_with_the_numbers_counted_by_hand(
    client_for, manager, destiny, others
):
    response = client_for(manager).post(EXPORT_URL, export_form(A, C))

    assert response.status_code == 200
    found = {(row["case"], row["period"]): row for row in rows_of(response)}
    d, ben, cara = pseudonym(destiny.pk), pseudonym(others["ben"].pk), pseudonym(others["cara"].pk)
    a, b, c = label(A), label(B), label(C)
    assert set(found) == {(d, a), (d, b), (d, c), (ben, c), (cara, a), (cara, b)}
    assert found[d, a] == blank(
        case=d, period=a, age_band="13-14", stage="getting_to_know", goals=1, goals_rated=1, goal_rating=4.0,
        goal_rating_change=1.0, check_ins=2, wellbeing=3.5, mood=3.5, outlook=3.5, healthy_relationships=3.5,
        self_feeling=3.5, relationships=3.5,
    )  # fmt: skip
    assert found[d, b] == blank(
        case=d, period=b, age_band="13-14", stage="assessment", goals=2, goals_rated=1, goal_rating=6.0,
        goal_rating_change=1.0, feedback_answers=2, listened=4.5, there_when_needed=2.5, moves=1,
    )  # fmt: skip
    assert found[d, c] == blank(
        case=d, period=c, age_band="15-16", stage="assessment", goals=1, goals_rated=1, goal_rating=7.0,
        goal_rating_change=3.0, check_ins=1, wellbeing=3.0, mood=5.0, outlook=4.0, healthy_relationships=3.0,
        self_feeling=2.0, relationships=1.0, moves=2, breakdowns=1,
    )  # fmt: skip
    assert found[cara, b]["stage"] == "closed" and found[cara, a]["stage"] == "getting_to_know"
    assert found[ben, c]["stage"] == "getting_to_know"


def test_a_row_for_each_quarter_adds_up_the_months(client_for, manager, destiny, others):
    response = client_for(manager).post(EXPORT_URL, export_form(A, C, per=PER_QUARTER))

    mine = [row for row in rows_of(response) if row["case"] == pseudonym(destiny.pk)]
    assert [row["period"] for row in mine] == sorted({label(quarter_start(month)) for month in (A, B, C)})
    assert sum(int(row["check_ins"]) for row in mine) == 3
    assert sum(int(row["feedback_answers"]) for row in mine) == 2
    assert sum(int(row["moves"]) for row in mine) == 3
    assert mine[-1]["stage"] == "assessment"


def test_a_quarter_takes_the_latest_rating_in_it_and_the_change_from_the_rating_before_it(destiny, others):
    from dashboards.export import build

    quarter = Period(A, C)  # not a calendar quarter, but counted the same way: three months in one row
    (row,) = [row for row in build(team_id=destiny.team_id, periods=[quarter]).rows if row[0] == pseudonym(destiny.pk)]
    values = dict(zip(HEADER, row, strict=True))
    assert (values["goals_rated"], values["goal_rating"], values["goal_rating_change"]) == (2, 6.5, 2.5)
    assert (values["check_ins"], values["wellbeing"], values["mood"]) == (3, 3.3, 4.0)


def test_quarters_are_whole_calendar_quarters():
    assert [p.label for p in periods((2026, 2), (2026, 4), PER_QUARTER)] == ["2026-01", "2026-04"]
    assert periods((2026, 11), (2027, 1), PER_QUARTER)[-1] == Period((2027, 1), (2027, 3))
    assert [p.label for p in periods((2025, 12), (2026, 1), "month")] == ["2025-12", "2026-01"]


@pytest.mark.parametrize(
    "age,band",
    [(9, "under 10"), (10, "10-12"), (12, "10-12"), (13, "13-14"), (16, "15-16"), (18, "17-18"), (19, "19+")],
)
def test_ages_are_given_in_bands(age, band):
    from datetime import date

    assert age_band(date(2000, 6, 1), date(2000 + age, 6, 1)) == band


def test_the_pseudonymous_id_is_the_same_every_time_differs_between_cases_and_needs_the_key(settings):
    first = pseudonym(1)
    assert first == pseudonym(1) != pseudonym(2)
    assert len(first) == 16 and set(first) <= set("0123456789abcdef")
    settings.SECRET_KEY = "a rotated secret key"
    assert pseudonym(1) == first, "rotating SECRET_KEY must not renumber the cases"
    settings.OUTCOME_EXPORT_KEY = "another key entirely, of another service"
    assert pseudonym(1) != first
