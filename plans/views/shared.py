"""What a young person's or family member's links to the plan open (after the case's door, `cases.views.
shared_links`, has found the link, slowed guessing, checked the passcode and recorded the opening).

"My plan": the plan in plain words; they rate their own goals and (the young person) add to their safety
plan. It shows nothing staff-only: no worker's notes, no history, no one else's contact details. The
page says who can read the plan, from the access policy."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases import access
from cases import services as case_services
from cases.models import LinkUse, Person
from cases.views.shared_links import not_working

from .. import services
from ..forms.shared import RateForm, SafetyWordsForm, first_error
from ..models import FamilyPlan, Goal, Meeting, RatedBy, SafetyPart, Whose
from ..plan_page import plan_context
from ..words import meeting_name

Event = LinkUse.Event

# Whose goals each person rates: their own, and those they share.
RATES = {Person.YOUNG_PERSON: (Whose.YOUNG_PERSON, Whose.BOTH), Person.PARENT_CARER: (Whose.FAMILY, Whose.BOTH)}
RATED_BY = {Person.YOUNG_PERSON: RatedBy.YOUNG_PERSON, Person.PARENT_CARER: RatedBy.FAMILY}


def _plan_of(link) -> FamilyPlan | None:
    return FamilyPlan.objects.filter(pk=link.target_id, case=link.case).select_related("case").first()


def plan_page(request, link, address: str):
    # The whole plan is for the young person and a parent or carer only. Someone close to the young person has
    # a "plan-words" link of their own; a "plan" link for anyone else opens nothing.
    if link.person not in RATES:
        return not_working(request)
    plan = _plan_of(link)
    if plan is None:
        return not_working(request)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "rate":
            return _rate(request, link, plan, address)
        if action == "safety" and link.person == Person.YOUNG_PERSON:
            return _safety(request, link, plan, address)
        return _page(request, link, plan, error=_("Something in that could not be kept. Try again."), status=400)
    return _page(request, link, plan)


def _page(request, link, plan, *, error: str = "", status: int = 200, safety_form=None):
    case = link.case
    worker = case.key_worker
    context = plan_context(plan, with_changes=False)
    mine = RATES[link.person]
    for goal in context["goals"]:
        goal.rateable = goal.owner in mine
    meetings = (
        Meeting.objects.filter(case=case).exclude(status=Meeting.Status.CANCELLED).select_related("case__young_person")
    )
    family = link.person != Person.YOUNG_PERSON
    held = [m for m in meetings.filter(status=Meeting.Status.HELD).exclude(family_summary="")[:5]]
    upcoming = meetings.filter(status=Meeting.Status.PLANNED).order_by("starts_at").first()
    context.update(
        {
            "link": link,
            "name": link.person_name,
            "young_person": case.young_person,
            "is_young_person": link.person == Person.YOUNG_PERSON,
            "worker_name": worker.first_name if worker else _("your worker"),
            "readers": access.plan_readers(case),
            "held": [(meeting_name(m, for_family=family), m) for m in held],
            "upcoming": (meeting_name(upcoming, for_family=family), upcoming) if upcoming else None,
            "safety_parts": SafetyPart.choices,
            "safety_form": safety_form,
            "error": error,
            "scores": range(11),
        }
    )
    return render(request, "plans/shared_plan.html", context, status=status)


def _rate(request, link, plan, address):
    form = RateForm(request.POST)
    if not form.is_valid():
        return _page(request, link, plan, error=first_error(form), status=400)
    goal = Goal.objects.live().filter(pk=form.cleaned_data["goal"], plan=plan, owner__in=RATES[link.person]).first()
    if goal is None:
        # Another plan's goal, one taken off the plan, or one that is not theirs to rate: nothing is said of it.
        return _page(request, link, plan, error=_("Something in that could not be kept. Try again."), status=400)
    goal.plan = plan
    services.goal_rate(
        goal=goal,
        score=form.cleaned_data["score"],
        rated_by=RATED_BY[link.person],
        name=link.person_name,
        by=None,
        note=form.cleaned_data["note"],
    )
    case_services.link_used(link=link, event=Event.SAVED, address_hash=address)
    messages.success(request, _("Thank you. Your rating is saved in your plan."))
    return redirect(f"{request.path}#goal-{goal.pk}")


def _safety(request, link, plan, address):
    form = SafetyWordsForm(request.POST)
    if not form.is_valid():
        return _page(request, link, plan, error=first_error(form), status=400, safety_form=form)
    data = form.cleaned_data
    services.safety_add(
        plan=plan,
        part=data["part"],
        text=data["text"],
        phone=data["phone"],
        by=None,
        name=link.person_name,
        from_young_person=True,
    )
    case_services.link_used(link=link, event=Event.SAVED, address_hash=address)
    messages.success(request, _("Added to My Safety Plan."))
    return redirect(f"{request.path}#safety")
