"""The worker's side of the assessment: the sections, everyone's words, the worker's judgement, and
the history. Nobody silently overwrites anybody: a save based on an old version is refused, with both
versions shown and nothing typed lost."""

from django.contrib import messages
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import access
from cases.case_page import posted, render_case

from .. import services
from ..forms.pages import ContributionForm, JudgementForm
from ..models import Contribution, ContributionShare, Revision, Section, TimescaleAgreement
from ..sections import Audience, SectionKind, prompts_for
from ..words import PartWords, partner_roles, parts_words, professional_label


def _section(case, kind: str) -> Section:
    if kind not in SectionKind.values:
        raise Http404
    return get_object_or_404(Section.objects.select_related("judgement_updated_by"), assessment__case=case, kind=kind)


@require_GET
def overview(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    assessment = case.assessment
    parts = parts_words(request.user, case)
    sections = [(section, parts.get(section.pk) or PartWords()) for section in assessment.sections.all()]
    context = {
        "assessment": assessment,
        "sections": sections,
        "timescale": assessment.timescales.exclude(status=TimescaleAgreement.Status.PROPOSED).first(),
        "proposal_waiting": _proposal_waiting(assessment),
        "next_review": assessment.reviews.filter(held_at__isnull=True).first(),
    }
    return render_case(request, "assessments/overview.html", case, "assessment", context, viewed="assessment")


def _proposal_waiting(assessment) -> bool:
    latest = assessment.timescales.first()
    return latest is not None and latest.status == TimescaleAgreement.Status.PROPOSED


def _own_contribution(section: Section, user) -> Contribution | None:
    return section.contributions.filter(author=user).exclude(status=Contribution.Status.ADDED).first()


def _case_for_section(request, pk: int):
    """Looking needs view rights; the judgement is the staff's, who may change the case; words may be added
    by anyone who contributes. Both need the case open."""
    if request.method != "POST":
        return access.get_case_for_view(request.user, pk)
    if request.POST.get("form") == "judgement":
        return access.get_case_for_change(request.user, pk, open_only=True)
    return access.get_case_for_contribution(request.user, pk, open_only=True)


@require_http_methods(["GET", "POST"])
def section(request, pk: int, kind: str):
    user = request.user
    case = _case_for_section(request, pk)
    section = _section(case, kind)
    own = _own_contribution(section, user)
    words_form = ContributionForm(
        initial={"text": own.text if own else "", "version": own.version if own else 0}, label=_("Your words")
    )
    judgement_form = JudgementForm(
        initial={
            "going_well": section.judgement_going_well,
            "worries": section.judgement_worries,
            "why": section.judgement_why,
            "version": section.judgement_version,
        }
    )
    conflict, status = None, 200
    if request.method == "POST":
        if request.POST.get("form") == "judgement":
            judgement_form, conflict = _save_judgement(request, section)
        else:
            words_form, conflict = _save_words(request, section, own)
        if conflict is None and not (judgement_form.errors or words_form.errors):
            return redirect("assessments:section", pk=case.pk, kind=kind)
        status = 409 if conflict else 200
    context = {
        "section": section,
        "prompts": prompts_for(kind, Audience.PARTNER if user.is_partner else Audience.KEY_WORKER),
        **_words_on_the_page(user, case, section),
        "own": own,
        "words_form": words_form,
        "judgement_form": judgement_form,
        "conflict": conflict,
    }
    viewed = f"assessment: {section.get_kind_display()}"
    return render_case(request, "assessments/section.html", case, "assessment", context, viewed=viewed, status=status)


def _save_judgement(request, section):
    """The worker's judgement, posted: (the form, a conflict if someone saved first)."""
    form = JudgementForm(posted(request))
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    try:
        services.judgement_save(
            section=section,
            going_well=data["going_well"],
            worries=data["worries"],
            why=data["why"],
            expected_version=data["version"],
            by=request.user,
        )
    except services.Conflict as clash:
        return _rebased(JudgementForm, request.POST, clash.current_version), ("judgement", clash)
    messages.success(request, _("Your judgement is saved."))
    return form, None


def _save_words(request, section, own):
    """A worker's or partner's own words, posted: (the form, a conflict if someone saved first)."""
    user = request.user
    form = ContributionForm(posted(request), label=_("Your words"))
    if not form.is_valid():
        return form, None
    if own is None:
        contributor = Audience.PARTNER if user.is_partner else Audience.KEY_WORKER
        name = f"{user.get_full_name()}{', ' + str(user.agency) if user.agency_id else ''}"
        own = services.contribution_start(section=section, contributor=contributor, name=name, author=user)
    try:
        services.contribution_save(
            contribution=own, text=form.cleaned_data["text"], expected_version=form.cleaned_data["version"], user=user
        )
    except services.Conflict as clash:
        return _rebased(ContributionForm, request.POST, clash.current_version), ("words", clash)
    messages.success(request, _("Your words are saved."))
    return form, None


def _words_on_the_page(user, case, section) -> dict:
    """The words this person may read (the policy decides) and their own: the young person's and family's
    ("In their own words") apart from the professionals' (each labelled with the writer's role and agency);
    how many people have written, what is waiting to be added, and, for those who read every family member's
    words, who is still writing through a link (names only: their words stay theirs until sent)."""
    reader = access.words_reader(user, case)
    contributions = list(
        section.contributions.filter(reader.condition() | Q(author=user))
        .exclude(text="")
        .select_related("author__agency", "author__team", "added_by")
        .prefetch_related(
            Prefetch(
                "shares",
                queryset=ContributionShare.objects.filter(withdrawn_at=None).select_related("agency"),
                to_attr="live_shares",
            )
        )
        .distinct()
    )
    family = [words for words in contributions if words.author_id is None]
    professionals = [words for words in contributions if words.author is not None]
    roles = partner_roles(case, {words.author_id for words in professionals})
    for words in professionals:
        words.label = professional_label(words.author, case, roles)
    return {
        "family_words": family,
        "professional_words": professionals,
        "part": parts_words(user, case, section).get(section.pk) or PartWords(),
        "reads_all_family": reader.all_family,
    }


def _rebased(form_class, data, version: int):
    """The form as the person typed it, now based on the version that is saved: saving again is a
    deliberate choice to replace it, made after seeing both."""
    rebased = data.copy()
    rebased[f"{form_class.prefix}-version"] = str(version)
    form = form_class(rebased)
    form.is_valid()
    return form


@require_GET
def history(request, pk: int, kind: str):
    case = access.get_case_for_view(request.user, pk)
    section = _section(case, kind)
    # Words still being written by a young person or carer are theirs until they send them, and reach a
    # partner agency only where they chose to share them: the policy's rule, applied through the relation.
    revisions = (
        access.readable_words(request.user, case, Revision.objects.filter(section=section), through="contribution__")
        .select_related("contribution")
        .order_by("-changed_at", "-pk")
    )
    context = {"section": section, "revisions": revisions[:200]}
    viewed = f"assessment history: {section.get_kind_display()}"
    return render_case(request, "assessments/history.html", case, "assessment", context, viewed=viewed)


@require_POST
def contribution_add(request, pk: int, contribution_pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    contribution = get_object_or_404(
        Contribution.objects.select_related("section"), pk=contribution_pk, section__assessment__case=case
    )
    if contribution.status == Contribution.Status.DRAFT:
        raise Http404  # not sent yet: it is still theirs
    try:
        services.contribution_add(contribution=contribution, by=request.user)
    except services.AssessmentError as error:
        messages.error(request, str(error))
    else:
        name = contribution.contributor_name or contribution.get_contributor_display()
        messages.success(request, _("%(who)s’s words are added to the assessment.") % {"who": name})
    return redirect(reverse("assessments:section", args=[case.pk, contribution.section.kind]))
