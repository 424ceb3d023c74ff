"""A link to a part of the assessment, made by the worker: the token is shown once and never stored. The
case lists and revokes all its links, whatever they open (`cases.views.links`)."""

from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases import access, shared_links
from cases.case_page import posted, render_case

from .. import services
from ..forms.pages import KeyPersonLinkForm, LinkForm


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


@never_cache
@require_http_methods(["GET", "POST"])
def key_person_link_new(request, pk: int):
    """Invite someone close to the young person, from their network, to add their words to one part, with the
    young person's agreement (the form will not make the link without it)."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    sections = list(case.assessment.sections.all())
    initial = {"section": request.GET.get("section", ""), "days": 14}
    form = KeyPersonLinkForm(posted(request), case=case, sections=sections, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        section = next(s for s in sections if s.kind == data["section"])
        try:
            link, token = services.key_person_link_create(
                section=section,
                member=data["member"],
                agreed=data["agreed"],
                by=request.user,
                days=data["days"],
                passcode=data["passcode"],
            )
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            url, qr = shared_links.address_and_code(request, token)
            context = {"link": link, "url": url, "qr": qr, "has_passcode": bool(data["passcode"])}
            return render_case(
                request, "assessments/link_made.html", case, "assessment", context, viewed="shared link made"
            )
    context = {"form": form, "has_people": form.fields["member"].queryset.exists()}  # type: ignore[attr-defined]
    return render_case(
        request,
        "assessments/key_person_link_new.html",
        case,
        "assessment",
        context,
        viewed="invite someone close (to make a link)",
        status=400 if form.errors else 200,
    )
