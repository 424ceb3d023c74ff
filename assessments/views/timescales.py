"""The assessment's timescale.

The key worker proposes how long getting to know the young person will take, how they will build the
relationship, and when the first full picture is due; the team's manager agrees it or changes it with a
comment. Every version is kept. Anyone who may see the case sees the page; changes need change rights
(404 otherwise), and a closed case is read-only."""

from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases import access
from cases.case_page import posted, render_case

from .. import services
from ..forms.timescales import AgreeForm, ChangeForm, TimescaleForm
from ..models import Assessment, TimescaleAgreement
from .common import case_for_page

PROPOSED = TimescaleAgreement.Status.PROPOSED


@dataclass(frozen=True)
class Version:
    """A version of the timescale as the page shows it: its number, what became of it (a proposal is
    "waiting", "replaced" or "decided"; a decision is its status), and what the manager changed."""

    agreement: TimescaleAgreement
    number: int
    outcome: str
    changes: list[tuple[str, str, str]]


def _versions(assessment: Assessment) -> list[Version]:
    """Every version, newest first, each with its number and what became of it."""
    agreements = list(assessment.timescales.select_related("created_by"))
    total = len(agreements)
    versions = []
    for index, agreement in enumerate(agreements):
        newer = agreements[index - 1] if index else None
        older = agreements[index + 1] if index + 1 < total else None
        if agreement.status == PROPOSED:
            outcome = "waiting" if newer is None else ("replaced" if newer.status == PROPOSED else "decided")
        else:
            outcome = agreement.status
        changes = _changes(older, agreement) if agreement.status == TimescaleAgreement.Status.CHANGED else []
        versions.append(Version(agreement, total - index, outcome, changes))
    return versions


def _changes(before: TimescaleAgreement | None, after: TimescaleAgreement) -> list[tuple[str, str, str]]:
    """What the manager changed from the proposal: (what, from, to)."""
    if before is None:
        return []
    changes = []
    if before.getting_to_know_weeks != after.getting_to_know_weeks:
        changes.append((_("Weeks"), str(before.getting_to_know_weeks), str(after.getting_to_know_weeks)))
    if before.target_date != after.target_date:
        changes.append(
            (
                _("Target date"),
                date_format(before.target_date, "j F Y"),
                date_format(after.target_date, "j F Y"),
            )
        )
    if before.engagement_strategy != after.engagement_strategy:
        changes.append((_("Engagement strategy"), before.engagement_strategy, after.engagement_strategy))
    return changes


def _timescale_context(assessment: Assessment) -> dict:
    versions = _versions(assessment)
    agreements = [version.agreement for version in versions]
    current = next((a for a in agreements if a.status != PROPOSED), None)
    return {
        "assessment": assessment,
        "versions": versions,
        "waiting": agreements[0] if agreements and agreements[0].status == PROPOSED else None,
        "current": current,
        "past_target": bool(current and not assessment.first_picture_at and current.target_date < timezone.localdate()),
    }


def _proposal_initial(version: TimescaleAgreement | None) -> dict:
    """A new proposal starts from the one on the table, so that a small change is a small edit."""
    if version is None:
        return {}
    initial = {"weeks": version.getting_to_know_weeks, "strategy": version.engagement_strategy}
    if version.target_date > timezone.localdate():
        initial["target_date"] = version.target_date
    return initial


@require_http_methods(["GET", "POST"])
def timescales(request, pk: int):
    case = case_for_page(request, pk)
    assessment = case.assessment
    context = _timescale_context(assessment)
    waiting, current = context["waiting"], context["current"]
    form = TimescaleForm(
        posted(request),
        initial=_proposal_initial(waiting or current),
        button=_("Send the new proposal to the manager") if waiting else None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.timescale_propose(
            assessment=assessment,
            weeks=data["weeks"],
            strategy=data["strategy"],
            target_date=data["target_date"],
            by=request.user,
        )
        messages.success(request, _("Your proposal is with the manager to agree."))
        return redirect("assessments:timescales", pk=case.pk)
    context["form"] = form
    return render_case(
        request, "assessments/timescales.html", case, "assessment", context, viewed="assessment timescales"
    )


@require_http_methods(["GET", "POST"])
def timescale_decide(request, pk: int, proposal_pk: int):
    """The team's manager agrees the proposal as it is, or changes it and says why."""
    case = access.get_case_for_management(request.user, pk, open_only=True)
    proposal = get_object_or_404(
        TimescaleAgreement.objects.select_related("created_by", "assessment"),
        pk=proposal_pk,
        assessment__case=case,
        status=PROPOSED,
    )
    if not services.timescale_is_latest(proposal):
        return _replaced(request, case, services.ProposalReplaced())
    agree_form, change_form = AgreeForm(), ChangeForm(proposal=proposal)
    if request.method == "POST":
        # Two forms: agree it as it is, or change it. The hidden "decision" field says which was sent;
        # anything else (an empty POST too) is a change, and shows what a change needs.
        if request.POST.get("decision") == "agree":
            agree_form, answer = _agree(request, case, proposal)
        else:
            change_form, answer = _change(request, case, proposal)
        if answer is not None:
            return answer
    # The decision is made on the timescale page itself, with the proposal and what went before in view.
    context = {
        **_timescale_context(proposal.assessment),
        "deciding": True,
        "agree_form": agree_form,
        "change_form": change_form,
    }
    return render_case(
        request, "assessments/timescales.html", case, "assessment", context, viewed="assessment timescales"
    )


def _agree(request, case, proposal):
    """The proposal agreed as it is, posted: (the form, the answer once it is decided)."""
    form = AgreeForm(request.POST)
    return form, _decide(request, case, proposal, form)


def _change(request, case, proposal):
    """The proposal changed, with the reason, posted: (the form, the answer once it is decided)."""
    form = ChangeForm(request.POST, proposal=proposal)
    return form, _decide(request, case, proposal, form)


def _decide(request, case, proposal, form: AgreeForm | ChangeForm) -> HttpResponse | None:
    """The decision the form holds, if it is valid: the answer, or None (the form says what is wrong)."""
    if not form.is_valid():
        return None
    try:
        decision = services.timescale_decide(proposal=proposal, by=request.user, **form.changes())
    except services.ProposalReplaced as replaced:
        return _replaced(request, case, replaced)
    except services.AssessmentError as error:
        form.add_error(None, str(error))
        return None
    if decision.status == TimescaleAgreement.Status.CHANGED:
        messages.success(request, _("Timescale agreed with your changes. The key worker can see why."))
    else:
        messages.success(request, _("Timescale agreed."))
    return redirect("assessments:timescales", pk=case.pk)


def _replaced(request, case, replaced: services.ProposalReplaced) -> HttpResponse:
    """Back to the timescale page, which shows the latest version and says why."""
    messages.info(request, str(replaced))
    return redirect("assessments:timescales", pk=case.pk)


@require_POST
def first_picture(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    assessment = case.assessment
    if assessment.first_picture_at:
        messages.info(
            request,
            _("The first full picture was already marked as reached on %(date)s.")
            % {"date": date_format(timezone.localtime(assessment.first_picture_at), "j F Y")},
        )
    else:
        services.first_picture_reached(assessment=assessment, by=request.user)
        messages.success(request, _("Recorded: the first full picture has been reached."))
    return redirect("assessments:timescales", pk=case.pk)
