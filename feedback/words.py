"""The words of check-ins and feedback, as a young person or a parent or carer reads them, said once.

The five measures come from the co-design report ("moods and emotional state, outlook on life and
experiences, perceptions of a healthy relationship, improvements in self-esteem and the quality of
relationships"), asked in a young person's words. Every answer is 1 to 5, always shown with its words (and,
on their pages, a face): never a colour or a number alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from cases.models import Person

from .models import CheckIn, Score

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


# The 1-5 labels of the check-in: the model's, so a staff page and a young person's page say the same words.
SCORES: tuple[tuple[int, StrOrPromise], ...] = tuple((value, label) for value, label in Score.choices)

# Feedback asks "did you...?" and "is your worker...?": its answers say how often, not how good.
FEEDBACK_SCORES: tuple[tuple[int, StrOrPromise], ...] = (
    (1, _("Not at all")),
    (2, _("Not really")),
    (3, _("Sometimes")),
    (4, _("Mostly")),
    (5, _("Yes, always")),
)


@dataclass(frozen=True)
class Question:
    field: str
    # What they are asked, in their words.
    asks: StrOrPromise
    # A short name for a column or a chart (staff pages).
    short: StrOrPromise
    # The answers, 1 to 5, each with its words.
    scale: tuple[tuple[int, StrOrPromise], ...] = SCORES

    def words(self, value: int | None) -> str:
        """The words of an answer ("Mostly"), or "" for none."""
        return next((str(label) for number, label in self.scale if number == value), "")


CHECK_IN_QUESTIONS: tuple[Question, ...] = (
    Question("mood", _("How are you feeling at the moment?"), _("Mood")),
    Question("outlook", _("How do you feel about your life and what’s ahead?"), _("Life and what’s ahead")),
    Question(
        "healthy_relationships",
        _("How sure are you about what a healthy relationship looks like?"),
        _("Healthy relationships"),
    ),
    Question("self_feeling", _("How do you feel about yourself?"), _("About myself")),
    Question("relationships", _("How good are your relationships with the people around you?"), _("Relationships")),
)
assert tuple(q.field for q in CHECK_IN_QUESTIONS) == CheckIn.MEASURES, "one question for each measure, in order"

ANYTHING_ELSE = _("Anything else you want to say? (you don’t have to)")

# Feedback on the help they get: the same two scores for everyone, asked of the young person about
# "your worker" and of a parent or carer about "the worker".
FEEDBACK_QUESTIONS: dict[str, tuple[Question, ...]] = {
    Person.YOUNG_PERSON: (
        Question("listened", _("Did you feel listened to?"), _("Listened to"), FEEDBACK_SCORES),
        Question(
            "there_when_needed",
            _("Is your worker there when you need them?"),
            _("There when needed"),
            FEEDBACK_SCORES,
        ),
    ),
    Person.PARENT_CARER: (
        Question("listened", _("Did you feel listened to?"), _("Listened to"), FEEDBACK_SCORES),
        Question(
            "there_when_needed",
            _("Is the worker there when you or your family need them?"),
            _("There when needed"),
            FEEDBACK_SCORES,
        ),
    ),
}
BETTER = _("What would make it better? (you don’t have to say)")
WHO_READS_WORDS = _("Who can read your words?")


def feedback_questions(person: str) -> tuple[Question, ...]:
    return FEEDBACK_QUESTIONS.get(person, FEEDBACK_QUESTIONS[Person.PARENT_CARER])
