"""A case's shared links, from the worker's side: every link of the case, whatever it opens (a part of the
assessment, their plan, a meeting), with its state and last use, and revoking one. Links are made by the
app that owns what they open (the assessment's parts, the plan, a meeting, the space), each through
`make_link_page` here: they are all listed here."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, services, shared_links
from ..case_page import posted, render_case
from ..forms.shared_links import LinkForm
from ..models import Case, Person, SharedLink


def make_link_page(
    request: HttpRequest,
    case: Case,
    tab: str,
    *,
    form: forms.Form,
    create: Callable[[dict[str, Any]], tuple[SharedLink, str]],
    refused: type[Exception],
    new_template: str,
    made_template: str,
    viewed: str,
    new_context: dict[str, Any] | None = None,
    made_context: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page that makes a link, the same for every kind: the app's form; a valid answer made into a link by
    `create(cleaned_data)` (the app's service, which raises `refused` with words for the worker, shown on the
    form); then the link's address and QR code, the only time the token is ever shown. The view that calls
    this has decided access (`get_case_for_change(..., open_only=True)`) and is never cached."""
    if request.method == "POST" and form.is_valid():
        try:
            link, token = create(form.cleaned_data)
        except refused as error:
            form.add_error(None, str(error))
        else:
            url, qr = shared_links.address_and_code(request, token)
            has_passcode = bool(form.cleaned_data.get("passcode"))
            made = {"link": link, "url": url, "qr": qr, "has_passcode": has_passcode, **(made_context or {})}
            return render_case(request, made_template, case, tab, made, viewed="shared link made")
    context = {"form": form, **(new_context or {})}
    return render_case(request, new_template, case, tab, context, viewed=viewed, status=400 if form.errors else 200)


def make_passcode_link_page(
    request: HttpRequest,
    case: Case,
    tab: str,
    *,
    title: str,
    explanation: str,
    back_url: str,
    what: str,
    create: Callable[..., tuple[SharedLink, str]],
    refused: type[Exception],
    days: int = 14,
) -> HttpResponse:
    """`make_link_page` for a link to one place of theirs that always has a passcode (their plan, a meeting to
    plan, their space): for the young person or a parent or carer. `create(person=, name=, days=, passcode=)`."""

    def made(data: dict[str, Any]) -> tuple[SharedLink, str]:
        return create(
            person=data["contributor"], name=data["name"].strip(), days=data["days"], passcode=data["passcode"]
        )

    form = LinkForm(
        posted(request),
        passcode_required=True,
        initial={"contributor": Person.YOUNG_PERSON, "days": days},
    )
    return make_link_page(
        request,
        case,
        tab,
        form=form,
        create=made,
        refused=refused,
        new_template="cases/shared_links/new.html",
        made_template="cases/shared_links/made.html",
        viewed=f"{title} (to make one)",
        new_context={"title": title, "explanation": explanation, "back_url": back_url},
        made_context={"what": what, "back_url": back_url},
    )


@require_GET
def link_list(request, pk: int):
    # The links are the young person's and family's doors: for the staff who make and revoke them, not
    # for partners (404, like a page that does not exist).
    case = access.get_case_for_change(request.user, pk)
    links = list(
        SharedLink.objects.filter(case=case)
        .select_related("case")
        .annotate(use_count=Count("uses"))
        .order_by("-created_at")
    )
    context = {"links": shared_links.described(links)}
    return render_case(request, "cases/shared_links/list.html", case, "overview", context, viewed="shared links")


@require_http_methods(["GET", "POST"])
def link_revoke(request, pk: int, link_pk: int):
    case = access.get_case_for_change(request.user, pk)
    link = get_object_or_404(SharedLink, pk=link_pk, case=case)
    if request.method == "POST":
        services.link_revoke(link=link, by=request.user)
        messages.success(request, _("The link is revoked: it no longer opens anything."))
        return redirect("cases:shared-links", pk=case.pk)
    context = {"link": link}
    viewed = f"shared link {link.pk} (to revoke)"
    return render_case(request, "cases/shared_links/revoke.html", case, "overview", context, viewed=viewed)
