"""A case's shared links, from the worker's side: every link of the case, whatever it opens (a part of the
assessment, their plan, a meeting), with its state and last use, and revoking one. Links are made by the
app that owns what they open (the assessment's parts, the plan, a meeting); they are all listed here."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, services, shared_links
from ..case_page import render_case
from ..models import SharedLink


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
