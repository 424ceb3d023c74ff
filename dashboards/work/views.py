"""The worker's home page, "My work": their caseload, what is due this week, new words from young people and
families, low check-ins, and the feedback about them they may read. Everything is their own (see `mine`);
a person with no case of their own (a partner, an administrator, a manager who holds none) is told so and
shown nobody else's.

Like the Cases page, it is a view of several cases at once and writes no audit entry: it names the young
people and says what is due, and each case's own pages, where the record is read, record the view."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from cases import access
from cases.models import Person
from feedback.words import feedback_questions

from . import alerts, due, mine, words

LISTENED, THERE_WHEN_NEEDED = feedback_questions(Person.YOUNG_PERSON)


def _feedback_rows(feedback: alerts.Feedback) -> list[dict]:
    rows = []
    for answer in feedback.answers:
        listened, there = feedback_questions(answer.person)
        rows.append(
            {
                "answer": answer,
                "listened": listened.words(answer.listened),
                "there_when_needed": there.words(answer.there_when_needed),
            }
        )
    return rows


def _average(value: float | None, question) -> dict | None:
    return None if value is None else {"value": value, "words": question.words(round(value))}


@require_GET
def my_work(request):
    user = request.user
    cases = mine.caseload(user)
    # Their cases, found once: each list asks for its rows by them.
    theirs = mine.Mine.of(cases)
    feedback = alerts.feedback_about(user)
    context = {
        "cases": cases,
        "due": due.due_this_week(user, mine=theirs),
        "words": words.new_words(user, mine=theirs),
        "alerts": alerts.low_check_ins(user, mine=theirs),
        "feedback": feedback,
        "feedback_rows": _feedback_rows(feedback),
        "listened": _average(feedback.listened, LISTENED),
        "there_when_needed": _average(feedback.there_when_needed, THERE_WHEN_NEEDED),
        "questions": (LISTENED, THERE_WHEN_NEEDED),
        "manages_team": access.managed_team_id(user) is not None,
        "week_days": mine.WEEK.days,
        "new_days": mine.NEW_FOR.days,
    }
    return render(request, "dashboards/my_work.html", context)
