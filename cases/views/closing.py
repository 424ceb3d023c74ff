"""Closing a case with the manager's agreement: the close page (the key worker asks, the manager closes
directly, anyone else who may change the case sees where it stands) and the manager's answer to a request."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, services
from ..case_page import posted, render_case
from ..forms.closing import AgreeCloseForm, SendBackForm
from ..forms.record import CloseForm
from ..models import Case, CloseRequest


def _close(request, case: Case, form: CloseForm) -> None:
    data = form.cleaned_data
    services.close_directly(
        case=case, reason=data["reason"], outcome=data["outcome"], summary=data["summary"], by=request.user
    )
    messages.success(request, _("The case is closed. Partner agencies no longer have access to it."))


def _ask(request, case: Case, form: CloseForm) -> None:
    data = form.cleaned_data
    services.close_ask(
        case=case, reason=data["reason"], outcome=data["outcome"], summary=data["summary"], by=request.user
    )
    messages.success(request, _("You asked the manager to agree to close the case. You will be told their answer."))


def close_page(request, case: Case):
    """The close page of an open case, to someone who may change it."""
    user = request.user
    back = reverse("cases:detail", args=[case.pk])
    requests = CloseRequest.objects.filter(case=case).select_related("asked_by", "answered_by")
    waiting = next((each for each in requests[:5] if each.waiting), None)
    manages = access.may_close_directly(user, case)
    may_ask = access.may_ask_to_close(user, case) and waiting is None
    form = None
    if manages or may_ask:
        form = CloseForm(posted(request), cancel_url=back, asking=not manages)
    if request.method == "POST":
        if form is None:
            return redirect(reverse("cases:close", args=[case.pk]))
        if form.is_valid():
            (_close if manages else _ask)(request, case, form)
            return redirect(back)
    context = {
        "form": form,
        "manages": manages,
        "waiting": waiting,
        "answered": [each for each in requests[:5] if not each.waiting],
    }
    return render_case(request, "cases/close.html", case, "overview", context, viewed="closing the case")


@require_http_methods(["GET", "POST"])
def close_decide(request, pk: int, close_pk: int):
    """The team's manager answers a request to close: agree (the case closes) or send it back."""
    asked = access.get_close_request_for_decision(request.user, pk, close_pk)
    case = asked.case
    back = reverse("cases:detail", args=[case.pk])
    agreeing = request.method == "POST" and "agree" in request.POST
    agree = AgreeCloseForm(request.POST if agreeing else None)
    send_back = SendBackForm(None if agreeing else posted(request), cancel_url=back)
    if agreeing:
        services.close_agree(request=asked, by=request.user)
        messages.success(request, _("The case is closed. Partner agencies no longer have access to it."))
        return redirect(back)
    if request.method == "POST" and send_back.is_valid():
        services.close_send_back(request=asked, comment=send_back.cleaned_data["comment"], by=request.user)
        messages.success(request, _("The request is sent back to the key worker with your comment."))
        return redirect(back)
    context = {"asked": asked, "agree": agree, "send_back": send_back}
    return render_case(
        request, "cases/close_decide.html", case, "overview", context, viewed="request to close the case"
    )
