"""The young person's dashboard, "How things are going": their goals, each as a bar of where it is now and
in words ("You've moved from 3 to 6 since September"); their check-ins over time, a small line for each of
the five measures with words under it; their next meeting; and, truthfully, who else sees these numbers.

For the young person only: the check-ins are theirs (a parent's or carer's space has no such page). Everything
is found from the space's own case, never from the address; only the young person's own check-ins are read,
not a parent's. A fixed number of queries, however many goals, ratings and check-ins there are."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases import access, avatar
from cases.models import Person
from cases.views.shared_links import not_working
from feedback.charts import measure_line_svg
from feedback.models import CheckIn
from feedback.words import CHECK_IN_QUESTIONS
from plans.models import FamilyPlan, Goal, GoalRating
from plans.words import meeting_name

from . import Space
from .pictures import goal_bar_svg
from .progress_words import goal_words, measure_words
from .things import upcoming_meetings

# The lines show the latest check-ins: enough to see a trend, few enough to read on a phone (as the team's
# own page, feedback.views.voice).
CHECK_INS_SHOWN = 12


def _goals(plan: FamilyPlan | None, worker: str) -> list[dict]:
    """The plan's live goals, each with its scores (oldest first), a bar and its words: two queries."""
    if plan is None:
        return []
    goals = (
        Goal.objects.live()
        .filter(plan=plan)
        .prefetch_related(Prefetch("ratings", queryset=GoalRating.objects.order_by("rated_at", "pk")))
    )
    shown = []
    for goal in goals:
        ratings = list(goal.ratings.all())
        first, latest = (ratings[0], ratings[-1]) if ratings else (None, None)
        words = goal_words(first, latest, len(ratings), worker)
        picture = ""
        if latest is not None:
            start = first.score if first is not None and len(ratings) > 1 else None
            picture = goal_bar_svg(ident=f"goal-{goal.pk}", goal=goal.words, now=latest.score, start=start, desc=words)
        shown.append({"goal": goal, "ratings": ratings, "words": words, "picture": picture})
    return shown


def _measures(case, worker: str) -> tuple[list[CheckIn], list[dict]]:
    """The young person's own latest check-ins (oldest first; never a parent's) and, for each measure, its
    line, its words and its answers: one query."""
    check_ins = list(
        CheckIn.objects.filter(case=case, person=Person.YOUNG_PERSON).order_by("-at", "-pk")[:CHECK_INS_SHOWN]
    )[::-1]
    measures = []
    for question in CHECK_IN_QUESTIONS:
        answers = [(check.at, getattr(check, question.field)) for check in check_ins]
        measures.append(
            {
                "question": question,
                "picture": measure_line_svg(question, answers) if answers else "",
                "words": measure_words(question.field, question.words, answers, worker),
                "answers": [(at, score, question.words(score)) for at, score in answers],
            }
        )
    return check_ins, measures


def progress(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    if rest or request.method != "GET" or not space.is_young_person:
        return not_working(request)
    case = space.case
    key_worker = case.key_worker
    worker = key_worker.first_name if key_worker and key_worker.first_name else _("your worker")
    plan = FamilyPlan.objects.filter(case=case).first()
    check_ins, measures = _measures(case, worker)
    meeting = upcoming_meetings(space).select_related("case__young_person").first()
    look = case.young_person.look
    context = {
        "space": space,
        "title": _("How things are going"),
        # The header shows their image too: this one needs ids of its own.
        "picture": avatar.with_new_ids(look.svg) if look is not None else "",
        "plan_url": space.url("plan") if plan else "",
        "goals": _goals(plan, worker),
        "check_ins": check_ins,
        "measures": measures,
        "check_in_url": space.url("check-in"),
        "next_meeting": (meeting_name(meeting), meeting) if meeting else None,
        # Who sees these numbers, said from the policy itself: the check-ins are read by the staff who may
        # change the case; the goals' scores are part of the plan, read by everyone who may see the case.
        "check_in_readers": access.family_words_readers(case),
        "plan_agencies": [name for _pk, name, _people in access.partner_agencies_of(case)] if plan else [],
    }
    return render(request, "dashboards/space/progress.html", context)
