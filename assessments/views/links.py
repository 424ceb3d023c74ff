"""Links to a part of the assessment, made by the worker: for the young person or a parent or carer, or for
someone close to the young person. The token is shown once and never stored. The case lists and revokes all
its links, whatever they open (`cases.views.links`), and every link is made through its one page shape."""

from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases import access
from cases.case_page import posted
from cases.views.links import make_link_page

from .. import services
from ..forms.pages import KeyPersonLinkForm, LinkForm


def _section_of(sections, data):
    return next(s for s in sections if s.kind == data["section"])


@never_cache
@require_http_methods(["GET", "POST"])
def link_new(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    sections = list(case.assessment.sections.all())
    initial = {"section": request.GET.get("section", ""), "contributor": "young_person", "days": 14}

    def create(data):
        return services.section_link_create(
            section=_section_of(sections, data),
            person=data["contributor"],
            name=data["name"].strip(),
            by=request.user,
            days=data["days"],
            passcode=data["passcode"],
        )

    return make_link_page(
        request,
        case,
        "assessment",
        form=LinkForm(posted(request), sections=sections, initial=initial),
        create=create,
        refused=services.AssessmentError,
        new_template="assessments/link_new.html",
        made_template="assessments/link_made.html",
        viewed="shared links (to make one)",
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

    def create(data):
        return services.key_person_link_create(
            section=_section_of(sections, data), by=request.user, **form.invitation()
        )

    return make_link_page(
        request,
        case,
        "assessment",
        form=form,
        create=create,
        refused=services.AssessmentError,
        new_template="assessments/key_person_link_new.html",
        made_template="assessments/link_made.html",
        viewed="invite someone close (to make a link)",
        new_context={"has_people": form.fields["member"].queryset.exists()},  # type: ignore[attr-defined]
    )
