"""The space's home page: what is waiting for them, their plan and how their goals are going, their next
meeting, and the ways into the rest of their space. Everything is found from the space's case and person."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from assessments.sections import prompts_for
from cases.views.shared_links import not_working
from feedback.models import Kind
from feedback.space import waiting_for
from plans.models import FamilyPlan
from plans.plan_page import goals_of
from plans.words import meeting_name

from . import Space
from .things import sections_to_write, upcoming_meetings

# The other pages of a space, in the order the home page offers them: (page, words, who it is for).
MENU = (
    ("progress", _("How things are going"), _("Your goals and your check-ins over time, as pictures.")),
    ("me", _("My picture and colours"), _("Make a picture of yourself and choose your colours.")),
    ("people", _("My people"), _("The people around you, as you see them.")),
    ("check-in", _("How I'm doing"), _("Five quick questions about how you are.")),
    ("feedback", _("Tell us how we're doing"), _("What you think of the help you get.")),
    ("looked", _("Who has looked at my record"), _("The people who have opened your record lately.")),
)


def _goals(case):
    plan = FamilyPlan.objects.filter(case=case).first()
    if plan is None:
        return None, []
    goals = list(goals_of(plan))
    for goal in goals:
        ratings = list(goal.ratings.all())
        goal.latest = ratings[-1] if ratings else None
        goal.first = ratings[0] if len(ratings) > 1 else None
    return plan, goals


def home(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    from .pages import PAGES

    if rest:
        return not_working(request)
    case = space.case
    plan, goals = _goals(case)
    meetings = list(upcoming_meetings(space).select_related("case__young_person")[:5])
    family = not space.is_young_person
    menu = [
        (space.url(page), words, hint)
        for page, words, hint in MENU
        if page in PAGES and space.person in PAGES[page].people
    ]
    context = {
        "space": space,
        "title": _("My space"),
        # Each part named as its own page names it for this person ("About me").
        "sections": [
            (space.url(f"section/{link.pk}"), prompts_for(link.section.kind, space.person).title)
            for link in sections_to_write(space)
        ],
        # Only the young person chooses how a meeting goes; a parent or carer sees when it is.
        "meetings_to_plan": [] if family else [(space.url(f"meeting/{m.pk}"), meeting_name(m), m) for m in meetings],
        "next_meeting": (meeting_name(meetings[0], for_family=family), meetings[0]) if meetings else None,
        "plan_url": space.url("plan") if plan else "",
        "goals": goals,
        # Their dashboard, beside their goals: for the young person only (`PAGES`), as in the menu.
        "progress_url": next((url for url, _words, _hint in menu if url == space.url("progress")), ""),
        "menu": menu,
        "waiting": _waiting(space),
    }
    return render(request, "dashboards/space/home.html", context)


def _waiting(space: Space) -> list[tuple[str, str]]:
    """Check-ins and feedback waiting for them, from the app that asks for them: (address, words). One line
    for each kind, however many are waiting: its page answers the oldest first."""
    kinds = {request.kind for request in waiting_for(space.case, space.person, space.link.person_name)}
    lines = []
    if Kind.CHECK_IN in kinds:
        lines.append((space.url("check-in"), str(_("A check-in is waiting for you"))))
    if Kind.FEEDBACK in kinds:
        lines.append((space.url("feedback"), str(_("We'd like to know what you think of the help you get"))))
    return lines
