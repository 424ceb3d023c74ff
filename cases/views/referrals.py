"""Referrals: the short form anyone on the staff can fill in, the list waiting for a decision, and the
manager's decision (accept and allocate, decline, or signpost)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import access, audit, services
from ..case_page import posted
from ..forms.referrals import AcceptForm, DeclineForm, DuplicateForm, ReferralForm, SignpostForm
from ..models import Referral


@require_GET
def referral_list(request):
    user = request.user
    deciding = access.may_decide_referrals(user)
    referrals = access.visible_referrals(user).select_related("possible_duplicate")
    if deciding:
        waiting = referrals.filter(status=Referral.Status.WAITING, team_id=user.team_id).order_by("received_at", "pk")
        decided = (
            referrals.exclude(status=Referral.Status.WAITING).select_related("decided_by").order_by("-decided_at")[:10]
        )
        caseload = services.team_caseload(user.team)
    else:
        waiting = referrals.order_by("-received_at", "pk")
        decided, caseload = None, None
    page = Paginator(waiting, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "cases/referrals/list.html",
        {
            "page": page,
            "decided": decided,
            "deciding": deciding,
            "caseload": caseload,
            "now": timezone.now(),
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


def _decision_forms(request, referral, **bound):
    at_capacity = services.team_caseload(referral.team) >= referral.team.case_capacity
    forms: dict[str, AcceptForm | DeclineForm | SignpostForm | DuplicateForm] = {
        "accept_form": AcceptForm(team=referral.team, at_capacity=at_capacity),
        "decline_form": DeclineForm(),
        "signpost_form": SignpostForm(),
        "duplicate_form": DuplicateForm(),
    }
    forms.update(bound)
    for name, action in [
        ("accept_form", "accept"),
        ("decline_form", "decline"),
        ("signpost_form", "signpost"),
        ("duplicate_form", "duplicate"),
    ]:
        forms[name].helper.form_action = reverse(f"referrals:{action}", args=[referral.pk])
    return forms


def _detail(request, referral, status=200, **bound):
    # Every page that shows a referral (with or without the decision forms) is a view of it.
    audit.viewed(request, referral.case, "referral", referral=referral)
    deciding = access.may_decide_referrals(request.user) and referral.team_id == request.user.team_id
    context = {"referral": referral, "deciding": deciding}
    if deciding:
        context["caseload"] = services.team_caseload(referral.team)
        if referral.status == Referral.Status.WAITING:
            context.update(_decision_forms(request, referral, **bound))
    if referral.case_id and access.can_view(request.user, referral.case):
        context["case_link"] = referral.case
    return render(request, "cases/referrals/detail.html", context, status=status)


@require_GET
def referral_detail(request, pk: int):
    return _detail(request, access.get_referral_for_view(request.user, pk))


def _decide(request, pk, form_class, form_name, act, form_kwargs=None):
    referral = access.get_referral_for_decision(request.user, pk)
    form = form_class(request.POST, **(form_kwargs(referral) if form_kwargs else {}))
    if form.is_valid():
        try:
            result = act(referral, form.cleaned_data)
        except services.CaseError as error:
            form.add_error(None, str(error))
        else:
            return result
    return _detail(request, referral, status=400, **{form_name: form})


@require_POST
def resolve_duplicate(request, pk: int):
    def act(referral, data):
        services.referral_resolve_duplicate(referral=referral, choice=data["choice"], by=request.user)
        messages.success(request, _("Saved."))
        return redirect("referrals:detail", pk=referral.pk)

    return _decide(request, pk, DuplicateForm, "duplicate_form", act)


@require_POST
def accept(request, pk: int):
    def act(referral, data):
        case = services.referral_accept(
            referral=referral,
            key_worker=data["key_worker"],
            by=request.user,
            over_capacity_reason=data.get("over_capacity_reason", ""),
        )
        messages.success(request, _("Referral accepted and allocated to %(worker)s.") % {"worker": data["key_worker"]})
        return redirect("cases:detail", pk=case.pk)

    def kwargs(referral):
        at_capacity = services.team_caseload(referral.team) >= referral.team.case_capacity
        return {"team": referral.team, "at_capacity": at_capacity}

    return _decide(request, pk, AcceptForm, "accept_form", act, form_kwargs=kwargs)


@require_POST
def decline(request, pk: int):
    def act(referral, data):
        services.referral_decline(referral=referral, reason=data["reason"], by=request.user)
        messages.success(request, _("Referral declined."))
        return redirect("referrals:list")

    return _decide(request, pk, DeclineForm, "decline_form", act)


@require_POST
def signpost(request, pk: int):
    def act(referral, data):
        services.referral_signpost(referral=referral, service=data["service"], reason=data["reason"], by=request.user)
        messages.success(request, _("Referral signposted to %(service)s.") % {"service": data["service"]})
        return redirect("referrals:list")

    return _decide(request, pk, SignpostForm, "signpost_form", act)
