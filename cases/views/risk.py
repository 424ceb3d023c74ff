"""The case's Risk page: the level of concern now and since when, its history (newest first), the warning
signs with their dates; and the forms to change the level and to record a sign noticed or no longer seen.

Anyone who sees the case sees the level and why (it is part of the case's record, like the timeline's
unrestricted entries); only those who may change the case change it, while it is open."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, services
from ..case_page import posted, render_case
from ..forms.risk import ENDED, NOTICED, RiskChangeForm, WarningSignForm
from ..models import RiskChange, WarningSign


def _signs(case) -> list[dict]:
    """Every sign of the checklist with its spells (newest first): one query."""
    spells: dict[str, list[WarningSign]] = {value: [] for value in WarningSign.Sign.values}
    for spell in case.warning_signs.select_related("noticed_by", "ended_by").order_by("-noticed_on", "-pk"):
        spells[spell.sign].append(spell)
    return [
        {"value": value, "label": label, "spells": spells[value], "seen_now": any(s.seen_now for s in spells[value])}
        for value, label in WarningSign.Sign.choices
    ]


def _raised(request, history: list[RiskChange]) -> RiskChange | None:
    """The change just saved, when it raised the level to high or very high: the page then prompts a My
    Safety Plan meeting. Only the newest change, and only right after saving it (`?raised=<its pk>`)."""
    newest = history[0] if history else None
    if newest is None or request.GET.get("raised") != str(newest.pk):
        return None
    return newest if newest.calls_for_safety_meeting else None


@require_GET
def risk(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    history = list(case.risk_changes.select_related("changed_by").order_by("-changed_at", "-pk"))
    context = {
        "current": history[0] if history else None,
        "history": history,
        "signs": _signs(case),
        "raised": _raised(request, history) if access.access_to(request.user, case).may_change_now else None,
    }
    return render_case(request, "cases/risk.html", case, "risk", context, viewed="risk and warning signs")


@require_http_methods(["GET", "POST"])
def risk_change(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    back = reverse("cases:risk", args=[case.pk])
    form = RiskChangeForm(posted(request), cancel_url=back)
    if request.method == "POST" and form.is_valid():
        try:
            change = services.risk_change(case=case, by=request.user, **form.cleaned_data)
        except services.RiskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The level of concern is saved."))
            if change.calls_for_safety_meeting:
                return redirect(f"{back}?raised={change.pk}")
            return redirect(back)
    context = {"form": form, "title": _("Change the level of concern")}
    return render_case(
        request, "cases/case_form.html", case, "risk", context, viewed="risk (to change the level of concern)"
    )


def _initial(request) -> dict:
    """The sign and the change the Risk page's link asked for (`?sign=new_phone&change=ended`)."""
    sign, change = request.GET.get("sign"), request.GET.get("change", NOTICED)
    initial = {"change": change if change in (NOTICED, ENDED) else NOTICED}
    if sign in WarningSign.Sign.values:
        initial["sign"] = sign
    return initial


@require_http_methods(["GET", "POST"])
def warning_sign(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    back = reverse("cases:risk", args=[case.pk])
    form = WarningSignForm(posted(request), cancel_url=back, initial=_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["change"] == NOTICED:
                services.warning_sign_record(case=case, sign=data["sign"], noticed_on=data["on"], by=request.user)
            else:
                services.warning_sign_no_longer_seen(case=case, sign=data["sign"], ended_on=data["on"], by=request.user)
        except services.RiskError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The warning sign is saved."))
            return redirect(back)
    context = {"form": form, "title": _("Record a warning sign")}
    return render_case(request, "cases/case_form.html", case, "risk", context, viewed="risk (to record a warning sign)")
