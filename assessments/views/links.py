"""Shared links, from the worker's side: make one to a part of the assessment (the token is shown once and
never stored), list every link of the case, whatever it opens, with its state and last use, and revoke
one. The links themselves are the case's (`cases.models.SharedLink`)."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from cases import access, shared_links
from cases import services as case_services
from cases.case_page import posted, render_case
from cases.models import SharedLink

from .. import services
from ..forms.pages import LinkForm


@require_GET
def link_list(request, pk: int):
    # The links are the young person's and family's doors: for the staff who make and revoke them, not
    # for partners (404, like a page that does not exist).
    case = access.get_case_for_change(request.user, pk)
    links = (
        SharedLink.objects.filter(case=case)
        .select_related("case", "section_link__section", "created_by")
        .annotate(use_count=Count("uses"))
        .order_by("-created_at")
    )
    # Every kind of link, named by the app that makes it; a link to a section says which one.
    rows = [(link, shared_links.label(link.purpose)) for link in links]
    return render_case(request, "assessments/links.html", case, "assessment", {"links": rows}, viewed="shared links")


@never_cache
@require_http_methods(["GET", "POST"])
def link_new(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    sections = list(case.assessment.sections.all())
    initial = {"section": request.GET.get("section", ""), "contributor": "young_person", "days": 14}
    form = LinkForm(posted(request), sections=sections, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        section = next(s for s in sections if s.kind == data["section"])
        try:
            link, token = services.section_link_create(
                section=section,
                person=data["contributor"],
                name=data["name"].strip(),
                by=request.user,
                days=data["days"],
                passcode=data["passcode"],
            )
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            # The only time the token exists outside the young person's hands: this response, not cached.
            url, qr = shared_links.address_and_code(request, token)
            context = {"link": link, "url": url, "qr": qr, "has_passcode": bool(data["passcode"])}
            return render_case(
                request, "assessments/link_made.html", case, "assessment", context, viewed="shared link made"
            )
    context = {"form": form}
    return render_case(
        request, "assessments/link_new.html", case, "assessment", context, viewed="shared links (to make one)"
    )


@require_http_methods(["GET", "POST"])
def link_revoke(request, pk: int, link_pk: int):
    case = access.get_case_for_change(request.user, pk)
    link = get_object_or_404(SharedLink, pk=link_pk, case=case)
    if request.method == "POST":
        case_services.link_revoke(link=link, by=request.user)
        messages.success(request, _("The link is revoked: it no longer opens anything."))
        return redirect("assessments:links", pk=case.pk)
    context = {"link": link}
    viewed = f"shared link {link.pk} (to revoke)"
    return render_case(request, "assessments/link_revoke.html", case, "assessment", context, viewed=viewed)
