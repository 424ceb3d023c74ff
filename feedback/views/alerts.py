"""Low check-ins: a check-in that fell two points or more on a measure, or has an answer of 1. They stay on
this page (and the key worker's notifications) until a worker says what they did."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import access
from cases.case_page import posted, render_case

from .. import services
from ..forms.rhythms import HandledForm
from ..models import CheckInAlert

TAB = "check-ins"
# The handled alerts shown below the open ones, newest first: enough to see what was done lately.
HANDLED_SHOWN = 10


def _form(alert: CheckInAlert, data=None) -> HandledForm:
    action = reverse("feedback:alert-handled", args=[alert.case_id, alert.pk])
    return HandledForm(data, prefix=f"alert-{alert.pk}", button_id=f"done-{alert.pk}", action=action)


def _forms(alerts, posted_for: int | None = None, data=None) -> list:
    return [(alert, _form(alert, data if alert.pk == posted_for else None)) for alert in alerts]


def _page(request, case, *, posted_for: int | None = None, data=None, status: int = 200):
    alerts = CheckInAlert.objects.filter(case=case).select_related("check_in", "check_in__entered_by", "handled_by")
    open_alerts = list(alerts.filter(handled_at__isnull=True).order_by("made_at", "pk"))
    context = {
        "open": _forms(open_alerts, posted_for, data),
        "handled": list(alerts.filter(handled_at__isnull=False).order_by("-handled_at", "-pk")[:HANDLED_SHOWN]),
        "may_change": access.access_to(request.user, case).may_change_now,
        "rhythms_url": reverse("feedback:case-rhythms", args=[case.pk]),
    }
    return render_case(request, "feedback/alerts.html", case, TAB, context, viewed="low check-ins", status=status)


@require_http_methods(["GET"])
def case_alerts(request, pk: int):
    case = access.get_case_for_change(request.user, pk)
    return _page(request, case)


@require_http_methods(["POST"])
def alert_handled(request, pk: int, alert_pk: int):
    """Say what was done about a low check-in: it leaves the open ones."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    alert = get_object_or_404(CheckInAlert, pk=alert_pk, case=case, handled_at__isnull=True)
    alert.case = case
    form = _form(alert, posted(request))
    if form.is_valid():
        try:
            services.alert_handled(alert=alert, what_was_done=form.cleaned_data["what_was_done"], by=request.user)
        except services.VoiceError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Saved: what you did is kept with the check-in."))
        return redirect(reverse("feedback:case-alerts", args=[case.pk]))
    return _page(request, case, posted_for=alert.pk, data=request.POST, status=400)
