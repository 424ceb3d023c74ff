"""The team's feedback, for its managers: every answer of the team's cases, newest first, with its words
(feedback on the service goes to the manager, `access.may_read_all_feedback_words`), and the average scores
over the last three months. Anyone who manages no team gets 404, as for the other managers' pages. Each
page shown is recorded in the audit."""

from datetime import timedelta

from django.core.paginator import Paginator
from django.db.models import Avg, Count
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cases import access, audit
from cases.models import Person

from ..models import FeedbackAnswer
from ..words import feedback_questions

ANSWERS_PER_PAGE = 25
AVERAGE_OVER_DAYS = 91  # three months


LISTENED, THERE_WHEN_NEEDED = feedback_questions(Person.YOUNG_PERSON)


def _averages(answers) -> dict:
    since = timezone.now() - timedelta(days=AVERAGE_OVER_DAYS)
    found = answers.filter(at__gte=since).aggregate(
        listened=Avg("listened"), there_when_needed=Avg("there_when_needed"), count=Count("pk")
    )
    for question in (LISTENED, THERE_WHEN_NEEDED):
        value = found[question.field]
        found[f"{question.field}_words"] = question.words(round(value)) if value is not None else ""
    return found


@require_GET
def team_feedback(request):
    team_id = access.managed_team_id(request.user)
    if team_id is None:
        raise Http404("No such page.")
    answers = FeedbackAnswer.objects.filter(case__team_id=team_id)
    listed = answers.select_related("case__young_person").order_by("-at", "-pk")
    page = Paginator(listed, ANSWERS_PER_PAGE).get_page(request.GET.get("page"))
    # The page shows young people's names and their words: its viewing is recorded, like the list of cases
    # behind a figure of the team's dashboard (one entry for the page, naming it).
    audit.viewed(request, None, f"team feedback, page {page.number}")
    rows = [
        {
            "answer": answer,
            "listened": LISTENED.words(answer.listened),
            "there_when_needed": THERE_WHEN_NEEDED.words(answer.there_when_needed),
            "words": answer.better
            if answer.worker_may_read or access.may_read_all_feedback_words(request.user, answer.case)
            else "",
        }
        for answer in page
    ]
    context = {
        "page": page,
        "rows": rows,
        "averages": _averages(answers),
        "questions": (LISTENED, THERE_WHEN_NEEDED),
        "team": request.user.team,
        "days": AVERAGE_OVER_DAYS,
    }
    return render(request, "feedback/team.html", context)
