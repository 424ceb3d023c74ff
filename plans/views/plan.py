"""The family plan's staff pages: the plan itself, one page per thing added or changed, and its history.

Anyone who may see the case reads the plan; adding and changing need change rights on an open case (the
key worker, co-workers, the plan coordinator and the team's managers; 404 otherwise). Every item is found
within this case's plan, so a number from another case answers 404 too."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from cases import access
from cases.case_page import posted, render_case

from .. import services
from ..forms.plan import ActionForm, GoalForm, PriorityForm, RatingForm, SafetyForm, StrengthForm, WorriesForm
from ..models import Action, FamilyPlan, Goal, KeyPersonWords, PlanChange, Priority, RatedBy, SafetyItem, Strength
from ..plan_page import plan_context

HISTORY_PER_PAGE = 25


def _for_change(request, pk: int):
    """The case and its plan, for a change: change rights, the case open, and a plan started."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    plan = FamilyPlan.objects.filter(case=case).first()
    if plan is None:
        raise Http404
    plan.case = case
    return case, plan


def _plan_url(case, anchor: str = "") -> str:
    return reverse("plans:plan", args=[case.pk]) + (f"#{anchor}" if anchor else "")


@require_http_methods(["GET"])
def plan_page(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    plan = FamilyPlan.objects.filter(case=case).first()
    context = plan_context(plan) if plan else {"plan": None}
    return render_case(request, "plans/plan.html", case, "plan", context, viewed="family plan")


@require_POST
def plan_start(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    services.plan_start(case=case, by=request.user)
    return redirect(_plan_url(case))


def _form_page(request, case, form, title: str, viewed: str):
    return render_case(
        request,
        "cases/case_form.html",
        case,
        "plan",
        {"form": form, "title": title},
        viewed=viewed,
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def worries(request, pk: int):
    case, plan = _for_change(request, pk)
    form = WorriesForm(posted(request), initial={"worries": plan.worries}, cancel_url=_plan_url(case))
    if form.is_valid():
        services.worries_save(plan=plan, worries=form.cleaned_data["worries"], by=request.user)
        messages.success(request, _("The worries are saved."))
        return redirect(_plan_url(case, "going-well"))
    return _form_page(request, case, form, _("What worries you"), "family plan: worries form")


@require_http_methods(["GET", "POST"])
def strength_add(request, pk: int):
    case, plan = _for_change(request, pk)
    form = StrengthForm(posted(request), cancel_url=_plan_url(case))
    if form.is_valid():
        services.strength_add(
            plan=plan, whose=form.cleaned_data["whose"], text=form.cleaned_data["text"], by=request.user
        )
        messages.success(request, _("The strength is added."))
        return redirect(_plan_url(case, "going-well"))
    return _form_page(request, case, form, _("Add what is going well"), "family plan: strength form")


@require_http_methods(["GET", "POST"])
def priority_add(request, pk: int):
    case, plan = _for_change(request, pk)
    form = PriorityForm(posted(request), cancel_url=_plan_url(case))
    if form.is_valid():
        services.priority_add(
            plan=plan, whose=form.cleaned_data["whose"], words=form.cleaned_data["words"], by=request.user
        )
        messages.success(request, _("The priority is added at the end of their list. Move it to where they put it."))
        return redirect(_plan_url(case, "priorities"))
    return _form_page(request, case, form, _("Add a priority"), "family plan: priority form")


@require_POST
def priority_move(request, pk: int, item_pk: int, direction: str):
    """One place up or down in that person's list, as they order it."""
    case, plan = _for_change(request, pk)
    priority = get_object_or_404(Priority.objects.live(), pk=item_pk, plan=plan)
    order = list(Priority.objects.live().filter(plan=plan, whose=priority.whose).values_list("pk", flat=True))
    at = order.index(priority.pk)
    swap = at - 1 if direction == "up" else at + 1
    if direction in ("up", "down") and 0 <= swap < len(order):
        order[at], order[swap] = order[swap], order[at]
        services.priorities_order(plan=plan, whose=priority.whose, ordered_pks=order, by=request.user)
    return redirect(_plan_url(case, "priorities"))


@require_http_methods(["GET", "POST"])
def goal_add(request, pk: int):
    case, plan = _for_change(request, pk)
    form = GoalForm(posted(request), cancel_url=_plan_url(case))
    if form.is_valid():
        goal = services.goal_add(plan=plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("The goal is added. Record where things are now with a rating."))
        return redirect(_plan_url(case, f"goal-{goal.pk}"))
    return _form_page(request, case, form, _("Add a goal"), "family plan: goal form")


def _goal(plan, goal_pk: int) -> Goal:
    goal = get_object_or_404(Goal.objects.live(), pk=goal_pk, plan=plan)
    goal.plan = plan
    return goal


@require_http_methods(["GET", "POST"])
def goal_change(request, pk: int, goal_pk: int):
    case, plan = _for_change(request, pk)
    goal = _goal(plan, goal_pk)
    initial = {"owner": goal.owner, "owner_name": goal.owner_name, "words": goal.words, "why": goal.why}
    form = GoalForm(posted(request), initial=initial, cancel_url=_plan_url(case, f"goal-{goal.pk}"), button=_("Save"))
    if form.is_valid():
        services.goal_change(goal=goal, by=request.user, **form.cleaned_data)
        messages.success(request, _("The goal is saved."))
        return redirect(_plan_url(case, f"goal-{goal.pk}"))
    return _form_page(request, case, form, _("Change the goal"), "family plan: goal form")


@require_http_methods(["GET", "POST"])
def goal_rate(request, pk: int, goal_pk: int):
    case, plan = _for_change(request, pk)
    goal = _goal(plan, goal_pk)
    form = RatingForm(posted(request), goal=goal, cancel_url=_plan_url(case, f"goal-{goal.pk}"))
    if form.is_valid():
        data = form.cleaned_data
        mine = data["rated_by"] == RatedBy.WORKER
        name = request.user.get_full_name() or request.user.get_username() if mine else data["name"].strip()
        services.goal_rate(
            goal=goal,
            score=int(data["score"]),
            rated_by=data["rated_by"],
            name=name,
            by=request.user,
            note=data["note"],
        )
        messages.success(request, _("The rating is recorded."))
        return redirect(_plan_url(case, f"goal-{goal.pk}"))
    return _form_page(request, case, form, _("Rate the goal"), "family plan: rating form")


def _people(case) -> list[tuple[int, str]]:
    """Who on the case has an account, for an action's "who": the key worker, the coordinator and the
    partners in the network (those told when an action of theirs is past its date)."""
    people = {}
    for user in (case.key_worker, case.plan_coordinator):
        if user is not None:
            people[user.pk] = user.get_full_name() or user.get_username()
    for member in case.network.filter(removed_at__isnull=True, user__isnull=False).select_related("user"):
        people[member.user.pk] = member.user.get_full_name() or member.user.get_username()
    return sorted(people.items(), key=lambda item: item[1])


@require_http_methods(["GET", "POST"])
def action_add(request, pk: int, goal_pk: int):
    case, plan = _for_change(request, pk)
    goal = _goal(plan, goal_pk)
    people = _people(case)
    form = ActionForm(posted(request), people=people, cancel_url=_plan_url(case, f"goal-{goal.pk}"))
    if form.is_valid():
        data = form.cleaned_data
        # The choice was checked against `_people`: someone with an account on this case.
        who_user = User.objects.get(pk=int(data["who_user"])) if data["who_user"] else None
        services.action_add(
            goal=goal,
            what=data["what"],
            who_name=data["who_name"],
            due_on=data["due_on"],
            by=request.user,
            who_user=who_user,
        )
        messages.success(request, _("The action is added."))
        return redirect(_plan_url(case, f"goal-{goal.pk}"))
    title = _("Add an action to “%(goal)s”") % {"goal": goal.words}
    return _form_page(request, case, form, title, "family plan: action form")


@require_POST
def action_done(request, pk: int, action_pk: int):
    case, plan = _for_change(request, pk)
    action = get_object_or_404(Action.objects.live().select_related("goal"), pk=action_pk, goal__plan=plan)
    action.goal.plan = plan
    services.action_done(action=action, by=request.user)
    messages.success(request, _("“%(what)s” is marked done.") % {"what": action.what})
    return redirect(_plan_url(case, f"goal-{action.goal_id}"))


@require_http_methods(["GET", "POST"])
def safety_add(request, pk: int):
    case, plan = _for_change(request, pk)
    form = SafetyForm(posted(request), initial={"part": request.GET.get("part")}, cancel_url=_plan_url(case, "safety"))
    if form.is_valid():
        name = request.user.get_full_name() or request.user.get_username()
        services.safety_add(plan=plan, by=request.user, name=name, from_young_person=False, **form.cleaned_data)
        messages.success(request, _("It is added to My Safety Plan."))
        return redirect(_plan_url(case, "safety"))
    return _form_page(request, case, form, _("Add to My Safety Plan"), "family plan: safety plan form")


REMOVABLE: dict[str, type[Strength | Priority | Goal | Action | SafetyItem | KeyPersonWords]] = {
    "strength": Strength,
    "priority": Priority,
    "goal": Goal,
    "action": Action,
    "safety": SafetyItem,
    "words": KeyPersonWords,
}


@require_http_methods(["GET", "POST"])
def item_remove(request, pk: int, kind: str, item_pk: int):
    """Taking something off the plan, after a confirmation. Its row stays, in the plan's history."""
    case, plan = _for_change(request, pk)
    model = REMOVABLE.get(kind)
    if model is None:
        raise Http404
    plan_field = "goal__plan" if model is Action else "plan"
    item = get_object_or_404(model.objects.live(), pk=item_pk, **{plan_field: plan})
    if request.method == "POST":
        services.item_remove(item=item, plan=plan, by=request.user)
        messages.success(request, _("“%(what)s” is taken off the plan. The history keeps it.") % {"what": item})
        return redirect(_plan_url(case))
    context = {"item": item, "cancel": _plan_url(case)}
    return render_case(request, "plans/remove.html", case, "plan", context, viewed="family plan: remove")


@require_http_methods(["GET"])
def history(request, pk: int):
    """Every change to the plan, newest first, with who and when, and the versions agreed at meetings."""
    case = access.get_case_for_view(request.user, pk)
    plan = get_object_or_404(FamilyPlan, case=case)
    changes = PlanChange.objects.filter(plan=plan).select_related("by_user")
    page = Paginator(changes, HISTORY_PER_PAGE).get_page(request.GET.get("page"))
    agreed = {a.version: a for a in plan.agreed_versions.select_related("meeting")}
    context = {"plan": plan, "page": page, "agreed": agreed}
    return render_case(request, "plans/history.html", case, "plan", context, viewed="family plan history")
