"""Answers a change asked of a closed case (`access.CaseClosed`, raised by a getter asked for `open_only`)
the same way on every page, with the one message that says why nothing was changed:
- opening a page that changes the case: the case's overview, which says when it closed and offers to reopen
  it, with the message;
- sending such a page (the case closed while they were on it): a page with the message and everything they
  typed, so that nothing is lost (409: nothing was changed)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from .access import CLOSED_MESSAGE, CaseClosed

# What a form sends that a person did not type.
NOT_TYPED = {"csrfmiddlewaretoken", "form", "action", "version", "decision", "review"}


def typed_values(data) -> list[tuple[str, str]]:
    """What the person typed or chose, as (field, value), in the order sent."""
    typed = []
    for name, values in data.lists():
        if name in NOT_TYPED:
            continue
        for value in values:
            if value.strip():
                typed.append((name.replace("_", " ").capitalize(), value))
    return typed


class CaseClosedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, CaseClosed):
            return None
        if request.method != "POST":
            messages.error(request, CLOSED_MESSAGE)
            return redirect("cases:detail", pk=exception.case.pk)
        context = {"case": exception.case, "message": CLOSED_MESSAGE, "typed": typed_values(request.POST)}
        return render(request, "cases/case_closed.html", context, status=409)
