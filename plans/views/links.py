"""Links for the young person and family, made by a worker: to their plan ("my plan") and to a meeting being
planned ("plan my meeting"). The token is shown once, on the page that makes it; the case's list of links
(the assessment's Shared links page) lists and revokes them with every other link of the case."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases import access
from cases.case_page import posted
from cases.forms.shared_links import KeyPersonLinkForm
from cases.views.links import make_link_page, make_passcode_link_page

from .. import services
from ..models import FamilyPlan, Meeting
from ..words import meeting_name


@never_cache
@require_http_methods(["GET", "POST"])
def plan_link_new(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    plan = get_object_or_404(FamilyPlan, case=case)
    plan.case = case

    def create(**kwargs):
        return services.plan_link_create(plan=plan, by=request.user, **kwargs)

    return make_passcode_link_page(
        request,
        case,
        "plan",
        title=_("Make a link to their plan"),
        explanation=_(
            "They read their plan in plain words on their phone, rate their goals and add to their safety plan. "
            "Agree a passcode with them: the plan holds the numbers they call."
        ),
        back_url=reverse("plans:plan", args=[case.pk]),
        what=_("their plan"),
        create=create,
        refused=services.PlanError,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def meeting_link_new(request, pk: int, meeting_pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    meeting = get_object_or_404(Meeting, pk=meeting_pk, case=case)
    meeting.case = case

    def create(**kwargs):
        return services.meeting_link_create(meeting=meeting, by=request.user, **kwargs)

    return make_passcode_link_page(
        request,
        case,
        "meetings",
        title=_("Make a “plan my meeting” link"),
        explanation=_(
            "They choose on their phone where and when the meeting is, who comes and who does not, their part in "
            "it, whether an advocate comes, and what is talked about first."
        ),
        back_url=reverse("plans:meeting", args=[case.pk, meeting.pk]),
        what=meeting_name(meeting),
        create=create,
        refused=services.PlanError,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def key_person_link_new(request, pk: int):
    """Invite someone close to the young person, from their network, to add their words to the plan, with the
    young person's agreement (the form will not make the link without it). Their link opens a short form and
    their own words, never the plan."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    plan = get_object_or_404(FamilyPlan, case=case)
    plan.case = case
    back_url = reverse("plans:plan", args=[case.pk])
    form = KeyPersonLinkForm(posted(request), case=case, initial={"days": 14})

    def create(data):
        return services.plan_words_link_create(plan=plan, by=request.user, **form.invitation())

    return make_link_page(
        request,
        case,
        "plan",
        form=form,
        create=create,
        refused=services.PlanError,
        new_template="plans/key_person_link_new.html",
        made_template="cases/shared_links/made.html",
        viewed="invite someone close to the plan (to make a link)",
        new_context={"back_url": back_url, "has_people": form.fields["member"].queryset.exists()},  # type: ignore[attr-defined]
        made_context={"what": _("their words for the plan"), "back_url": back_url},
    )
