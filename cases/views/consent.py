"""Consent to share information with partner agencies: what holds now, its history, and recording it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, services
from ..case_page import posted, render_case
from ..forms.consent import ConsentForm


@require_GET
def consent(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    consents = list(case.consents.select_related("recorded_by"))
    context = {"current": consents[0] if consents else None, "consents": consents}
    return render_case(request, "cases/consent.html", case, "overview", context, viewed="consent to share")


@require_http_methods(["GET", "POST"])
def consent_add(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    back = reverse("cases:consent", args=[case.pk])
    form = ConsentForm(posted(request), cancel_url=back)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.consent_record(
            case=case,
            basis=data["basis"],
            given_by=data["given_by"],
            given_on=data["given_on"],
            excludes=data["excludes"],
            notes=data["notes"],
            by=request.user,
        )
        messages.success(request, _("Consent to share is recorded."))
        return redirect(back)
    context = {"form": form, "title": _("Record consent to share")}
    return render_case(
        request, "cases/case_form.html", case, "overview", context, viewed="consent to share (to record)"
    )
