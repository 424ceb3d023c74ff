"""The outcome export of the demo, as its manager makes it: no young person's name, date of birth, postcode or
words anyone wrote appear anywhere in the file, every cell is one of the few kinds of value the file may hold,
and no case of another team is in it. The names and words are read from the seeded database, so whatever the
demo comes to hold is checked too."""

import csv
import io
import re

import pytest
from django.core.management import call_command

from accounts.models import User
from cases.models import Case, Move, StageChange, YoungPerson
from dashboards.export.rows import HEADER, OLDEST_BAND, pseudonym
from feedback.models import CheckIn, FeedbackAnswer
from plans.models import Goal, GoalRating, Priority, Strength

from .export_helpers import EXPORT_URL, content_of, export_form, months_ago, on

STAGES = "getting_to_know|assessment|support|moving_on|closed"
NUMBER = r"\d+(\.\d)?"
AVERAGE_OR_NOTHING = rf"(|-?{NUMBER})"
# What each column may hold, and nothing else.
CELLS = {
    "case": r"[0-9a-f]{16}",
    "period": r"\d{4}-\d{2}",
    "age_band": rf"(under 10|10-12|13-14|15-16|17-18|{re.escape(OLDEST_BAND)})",
    "stage": rf"({STAGES})",
    "goal_rating_change": AVERAGE_OR_NOTHING,
}
COUNT_COLUMNS = {"goals", "goals_rated", "check_ins", "feedback_answers", "moves", "breakdowns"}
POSTCODE = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b", re.IGNORECASE)
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y%m%d", "%d %B %Y", "%d %b %Y", "%m/%d/%Y"]
DATE_FORMATS += ["%d/%m/%y", "%Y-%m", "%B %Y"]


@pytest.fixture
def demo(db, tmp_path):
    """The demo, its cases opened 35 months ago (with the stage they opened in), so that every record of theirs
    (some dated before the day the demo is seeded) falls in an export of the last three years."""
    call_command("seed_demo", "--force", f"--backup-codes-file={tmp_path / 'codes.txt'}", stdout=io.StringIO())
    long_ago = on(months_ago(35), 1)
    Case.objects.update(opened_at=long_ago)
    StageChange.objects.filter(from_stage="").update(changed_at=long_ago)
    return User.objects.get(username="manager")


@pytest.fixture
def exported(client_for, demo) -> tuple[str, list[dict]]:
    response = client_for(demo).post(EXPORT_URL, export_form(months_ago(35), months_ago(0)))
    assert response.status_code == 200
    text = content_of(response)
    return text, rows_of_text(text)


def rows_of_text(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def names_and_dates_of_birth() -> list[str]:
    found = []
    for given, family, preferred, born in YoungPerson.objects.values_list(
        "given_name", "family_name", "preferred_name", "date_of_birth"
    ):
        found += [given, family, preferred, *(born.strftime(pattern) for pattern in DATE_FORMATS)]
        found.append(f"{born.day}/{born.month}/{born.year}")
    for first, last in User.objects.values_list("first_name", "last_name"):
        found += [first, last]
    return [value for value in found if value]


def free_text() -> list[str]:
    """Every piece of writing of the demo the export is near: goals, ratings' notes, check-ins, moves, feedback."""
    texts = [
        *Goal.objects.values_list("words", flat=True),
        *Goal.objects.values_list("why", flat=True),
        *GoalRating.objects.values_list("note", flat=True),
        *CheckIn.objects.values_list("anything_else", flat=True),
        *Move.objects.values_list("reason", flat=True),
        *FeedbackAnswer.objects.values_list("better", flat=True),
        *StageChange.objects.values_list("reason", flat=True),
        *Priority.objects.values_list("words", flat=True),
        *Strength.objects.values_list("text", flat=True),
        *Case.objects.values_list("close_reason", flat=True),
    ]
    return [text for text in texts if text.strip()]


def test_the_demo_s_export_holds_no_name_date_of_birth_postcode_or_words(exported):
    text, rows = exported
    assert rows, "the demo's manager has cases: the file must have rows to check"
    assert sum(int(row["goals"]) for row in rows) and sum(int(row["check_ins"]) for row in rows)
    assert sum(int(row["feedback_answers"]) for row in rows)
    lowered = text.lower()
    for value in names_and_dates_of_birth():
        assert not re.search(rf"\b{re.escape(value.lower())}\b", lowered), f"the export holds {value!r}"
    writing = free_text()
    assert len(writing) > 10, "the demo has words to look for"
    for words in writing:
        assert words.lower() not in lowered, f"the export holds words someone wrote: {words!r}"
    assert not POSTCODE.search(text)


def test_every_cell_of_the_demo_s_export_is_a_value_the_file_may_hold(exported):
    text, rows = exported
    assert text.splitlines()[0] == ",".join(HEADER)
    for row in rows:
        for column, value in row.items():
            if column in CELLS:
                pattern = CELLS[column]
            elif column in COUNT_COLUMNS:
                pattern = r"\d+"
            else:
                pattern = rf"(|{NUMBER})"
            assert re.fullmatch(pattern, value), f"{column} holds {value!r}"


def test_the_demo_s_export_has_every_case_of_the_team_and_none_of_another_team(exported, demo):
    _text, rows = exported
    found = {row["case"] for row in rows}
    ours = {pseudonym(pk) for pk in Case.objects.filter(team=demo.team).values_list("pk", flat=True)}
    theirs = {pseudonym(pk) for pk in Case.objects.exclude(team=demo.team).values_list("pk", flat=True)}
    assert theirs, "the demo has another team's cases"
    assert found == ours
    assert not found & theirs
