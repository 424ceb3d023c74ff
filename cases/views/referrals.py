"""Referrals: the short form anyone on the staff can fill in, the list waiting for a decision, and the
manager's decision (accept and allocate, decline, or signpost)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access, audit, services
from ..allocation import allocation_choices
from ..case_page import posted
from ..forms.referrals import AcceptForm, DeclineForm, DuplicateForm, ReferralForm, SignpostForm
from ..models import Referral


@require_GET
def referral_list(request):
    user = request.user
    deciding = access.may_decide_referrals(user)
    referrals = access.visible_referrals(user).select_related("possible_duplicate")
    if deciding:
        waiting = referrals.filter(status=Referral.Status.WAITING, team_id=user.team_id).order_by(
            *Referral.waiting_order()
        )
        decided = (
            referrals.exclude(status=Referral.Status.WAITING).select_related("decided_by").order_by("-decided_at")[:10]
        )
        caseload = services.team_caseload(user.team)
    else:
        # What this person referred (a referral of a case they work on is reached from the case).
        waiting = referrals.filter(created_by=user).order_by("-received_at", "pk")
        decided, caseload = None, None
    page = Paginator(waiting, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    return render(
        request,
        "cases/referrals/list.html",
        {
            "page": page,
            "rows": [(referral, referral.wait(now)) for referral in page],
            "decided": decided,
            "deciding": deciding,
            "caseload": caseload,
        },
    )


@require_http_methods(["GET", "POST"])
def referral_new(request):
    user = request.user
    form = ReferralForm(posted(request), user=user)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "team"}
        team = user.team if user.team_id else form.cleaned_data["team"]
        referral = services.referral_create(team=team, by=user, fields=fields)
        messages.success(request, _("Referral sent. The team's manager will decide within one working day."))
        return redirect("referrals:detail", pk=referral.pk)
    return render(request, "cases/referrals/new.html", {"form": form})


def _detail(request, referral, status=200, **bound):
    # Every page that shows a referral (with or without the decision forms) is a view of it.
    audit.viewed(request, referral.case, "referral", referral=referral)
    deciding = access.may_decide_referrals(request.user) and referral.team_id == request.user.team_id
    context = {
        "referral": referral,
        "deciding": deciding,
        "words": access.may_read_referral_words(request.user, referral),
        "wait": referral.wait(),
    }
    if deciding:
        context["caseload"] = services.team_caseload(referral.team)
        if referral.status == Referral.Status.WAITING:
            duplicate_form = bound.get("duplicate_form") or DuplicateForm()
            duplicate_form.helper.form_action = reverse("referrals:duplicate", args=[referral.pk])
            context["duplicate_form"] = duplicate_form
    if referral.case_id and access.can_view(request.user, referral.case):
        context["case_link"] = referral.case
    return render(request, "cases/referrals/detail.html", context, status=status)


@require_GET
def referral_detail(request, pk: int):
    return _detail(request, access.get_referral_for_view(request.user, pk))


@require_POST
def resolve_duplicate(request, pk: int):
    referral = access.get_referral_for_decision(request.user, pk)
    form = DuplicateForm(request.POST)
    if form.is_valid():
        try:
            services.referral_resolve_duplicate(referral=referral, choice=form.cleaned_data["choice"], by=request.user)
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect("referrals:detail", pk=referral.pk)
    return _detail(request, referral, status=400, duplicate_form=form)


@dataclass(frozen=True)
class Decision:
    """One of the manager's three decisions: its form, its pages' words, and what it does once confirmed."""

    name: str
    form_class: type[AcceptForm | DeclineForm | SignpostForm]
    act: Callable[[HttpRequest, Referral, dict], HttpResponse]
    form_kwargs: Callable[[Referral], dict] = lambda referral: {}


def _decision(request, pk: int, decision: Decision):
    """A decision in two steps at one address: the form (GET, or a POST with errors: 400 with everything
    typed), then a confirmation page that sends the same answers again, confirmed; only then is anything
    done. A referral decided meanwhile (by another manager) says so, and nothing is done twice."""
    referral = access.get_referral_for_decision(request.user, pk)
    if request.method == "GET" and referral.status != Referral.Status.WAITING:
        messages.info(request, _("This referral has already been decided."))
        return redirect("referrals:detail", pk=referral.pk)
    if request.method == "GET" and referral.possible_duplicate_id and not referral.duplicate_choice:
        messages.info(request, _("First decide whether this is the young person the team already knows."))
        return redirect("referrals:detail", pk=referral.pk)
    form = decision.form_class(posted(request), **decision.form_kwargs(referral))
    form.helper.form_action = reverse(f"referrals:{decision.name}", args=[referral.pk])
    template = f"cases/referrals/{decision.name}.html"
    context: dict = {"referral": referral, "form": form, "wait": referral.wait()}
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["confirmed"]:
            audit.viewed(request, referral.case, f"referral: {decision.name} confirmation", referral=referral)
            context.update(confirming=True, carry=form.confirming(), data=form.cleaned_data)
            return render(request, template, context)
        try:
            return decision.act(request, referral, form.cleaned_data)
        except services.CaseError as error:
            form.add_error(None, str(error))
    audit.viewed(request, referral.case, f"referral: {decision.name}", referral=referral)
    if decision.name == "accept":
        context["caseload"] = services.team_caseload(referral.team)
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def _accept(request, referral: Referral, data: dict) -> HttpResponse:
    case = services.referral_accept(
        referral=referral,
        key_worker=data["key_worker"],
        by=request.user,
        over_capacity_reason=data.get("over_capacity_reason", ""),
    )
    messages.success(request, _("Referral accepted and allocated to %(worker)s.") % {"worker": data["key_worker"]})
    return redirect("cases:detail", pk=case.pk)


def _accept_form_kwargs(referral: Referral) -> dict:
    at_capacity = services.team_caseload(referral.team) >= referral.team.case_capacity
    return {"workers": allocation_choices(referral), "at_capacity": at_capacity}


def _decline(request, referral: Referral, data: dict) -> HttpResponse:
    services.referral_decline(referral=referral, reason=data["reason"], by=request.user)
    messages.success(request, _("Referral declined."))
    return redirect("referrals:list")


def _signpost(request, referral: Referral, data: dict) -> HttpResponse:
    services.referral_signpost(referral=referral, service=data["service"], reason=data["reason"], by=request.user)
    messages.success(request, _("Referral signposted to %(service)s.") % {"service": data["service"]})
    return redirect("referrals:list")


ACCEPT = Decision("accept", AcceptForm, _accept, _accept_form_kwargs)
DECLINE = Decision("decline", DeclineForm, _decline)
SIGNPOST = Decision("signpost", SignpostForm, _signpost)


@require_http_methods(["GET", "POST"])
def accept(request, pk: int):
    """Accept the referral and allocate a key worker, chosen from the team with each one's caseload."""
    return _decision(request, pk, ACCEPT)


@require_http_methods(["GET", "POST"])
def decline(request, pk: int):
    return _decision(request, pk, DECLINE)


@require_http_methods(["GET", "POST"])
def signpost(request, pk: int):
    return _decision(request, pk, SIGNPOST)
