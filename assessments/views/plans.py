"""The assessment's timescale and its review points.

The key worker proposes how long getting to know the young person will take, how they will build the
relationship, and when the first full picture is due; the team's manager agrees it or changes it with a
comment. Every version is kept. Reviews come round at agreed dates; each keeps what the assessment said
then. Anyone who may see the case sees these pages; changes need change rights (404 otherwise), and a
closed case is read-only."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from cases import access
from cases.case_page import posted, render_case

from .. import services
from ..forms.plans import AgreeForm, ChangeForm, IntervalForm, ReviewForm, TimescaleForm
from ..models import Assessment, TimescaleAgreement
from ..sections import SectionKind

PROPOSED = TimescaleAgreement.Status.PROPOSED
PAST_REVIEWS_PER_PAGE = 10


def _case(request, pk: int):
    """Looking needs view rights; a POST changes the case, so it needs change rights (404 otherwise) and
    the case open."""
    if request.method == "POST":
        return access.get_case_for_change(request.user, pk, open_only=True)
    return access.get_case_for_view(request.user, pk)


def _take_turn(assessment: Assessment) -> None:
    """Proposals and decisions on one assessment wait for each other, so that a manager always decides
    on the latest proposal, and a proposal sent while they were deciding is not hidden behind the
    decision (it stays the latest version, waiting for them)."""
    Assessment.objects.select_for_update().only("pk").get(pk=assessment.pk)


def _latest_pk(assessment: Assessment) -> int | None:
    return assessment.timescales.values_list("pk", flat=True).first()


# Timescales


def _versions(assessment: Assessment) -> list[TimescaleAgreement]:
    """Every version, newest first, each with its number and what became of it."""
    versions = list(assessment.timescales.select_related("created_by"))
    total = len(versions)
    for index, version in enumerate(versions):
        newer = versions[index - 1] if index else None
        older = versions[index + 1] if index + 1 < total else None
        version.number = total - index
        if version.status == PROPOSED:
            version.outcome = "waiting" if newer is None else ("replaced" if newer.status == PROPOSED else "decided")
        else:
            version.outcome = version.status
        version.changes = _changes(older, version) if version.status == TimescaleAgreement.Status.CHANGED else []
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
    current = next((v for v in versions if v.status != PROPOSED), None)
    return {
        "assessment": assessment,
        "versions": versions,
        "waiting": versions[0] if versions and versions[0].status == PROPOSED else None,
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
    case = _case(request, pk)
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
        with transaction.atomic():
            _take_turn(assessment)
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


class _Replaced(Exception):
    """The proposal is no longer the latest version."""


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
    back = reverse("assessments:timescales", args=[case.pk])
    replaced = _("This proposal has been replaced by a newer version: decide on that one.")
    if _latest_pk(proposal.assessment) != proposal.pk:
        messages.info(request, replaced)
        return redirect(back)
    data = posted(request)
    # Two forms: agree it as it is, or change it. The hidden "decision" field says which was sent; anything
    # else (an empty POST too) is a change, and shows what a change needs.
    agreeing = data is not None and data.get("decision") == "agree"
    agree_form = AgreeForm(data if agreeing else None)
    change_form = ChangeForm(None if agreeing else data, proposal=proposal)
    form = agree_form if agreeing else change_form
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                _take_turn(proposal.assessment)
                if _latest_pk(proposal.assessment) != proposal.pk:
                    raise _Replaced
                decision = services.timescale_decide(proposal=proposal, by=request.user, **form.changes())
        except _Replaced:
            messages.info(request, replaced)
            return redirect(back)
        except services.AssessmentError as error:
            form.add_error(None, str(error))
        else:
            if decision.status == TimescaleAgreement.Status.CHANGED:
                messages.success(request, _("Timescale agreed with your changes. The key worker can see why."))
            else:
                messages.success(request, _("Timescale agreed."))
            return redirect(back)
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


# Reviews


def readable_snapshot(snapshot: dict | None, may_read) -> dict | None:
    """What the assessment said at a review, in the order and words of the page: each part's title, the
    worker's judgement and the words added by everyone that this person may read (`may_read(words)`).
    Tolerant of what an older snapshot lacks."""
    if not snapshot:
        return None
    titles = dict(SectionKind.choices)
    sections = []
    for part in snapshot.get("sections") or []:
        judgement = part.get("judgement") or {}
        contributions = [
            {"who": c.get("who", ""), "text": c.get("text", "")} for c in part.get("contributions") or [] if may_read(c)
        ]
        section = {
            "title": titles.get(part.get("kind"), part.get("kind") or ""),
            "going_well": judgement.get("going_well", ""),
            "worries": judgement.get("worries", ""),
            "why": judgement.get("why", ""),
            "contributions": contributions,
        }
        section["empty"] = not (section["going_well"] or section["worries"] or section["why"] or contributions)
        sections.append(section)
    return {"taken_at": parse_datetime(snapshot.get("taken_at") or ""), "sections": sections}


def _snapshot_reader(user, case):
    """Which words of a snapshot this person may read: the policy's rule for the family's words (an older
    snapshot that does not say whose words they are counts them as the family's)."""
    reader = access.words_reader(user, case)

    def may_read(words: dict) -> bool:
        return reader.may_read(family=words.get("family") is not False, shared_with=words.get("shared_with") or [])

    return may_read


def _rebased_review_form(data, next_review, interval_weeks: int) -> ReviewForm:
    """The form as it was typed, now for the review that is open: sending it again is a choice made
    after seeing the review someone else recorded."""
    rebased = data.copy()
    rebased["review"] = str(next_review.pk)
    form = ReviewForm(rebased, review_pk=next_review.pk, interval_weeks=interval_weeks)
    form.is_valid()
    return form


@require_http_methods(["GET", "POST"])
def reviews(request, pk: int):
    case = _case(request, pk)
    assessment = case.assessment
    next_review = assessment.reviews.filter(held_at__isnull=True).first()
    data = posted(request)
    # Two forms on one page: the hidden "form" field says which was sent (an empty POST is a review).
    changing_interval = data is not None and data.get("form") == "interval"
    review_form = ReviewForm(
        None if changing_interval else data,
        review_pk=next_review.pk if next_review else None,
        interval_weeks=assessment.review_interval_weeks,
    )
    interval_form = IntervalForm(
        data if changing_interval else None, initial={"weeks": assessment.review_interval_weeks}
    )
    if request.method == "POST":
        if changing_interval:
            if interval_form.is_valid():
                weeks = interval_form.cleaned_data["weeks"]
                try:
                    services.review_interval_change(assessment=assessment, weeks=weeks, by=request.user)
                except services.AssessmentError as error:
                    interval_form.add_error("weeks", str(error))
                else:
                    text = ngettext(
                        "Reviews for this case are now %(weeks)s week apart.",
                        "Reviews for this case are now %(weeks)s weeks apart.",
                        weeks,
                    )
                    messages.success(request, text % {"weeks": weeks})
                    return redirect("assessments:reviews", pk=case.pk)
        elif review_form.is_valid():
            seen = review_form.cleaned_data["review"]
            if next_review is None:
                review_form.add_error(None, _("There is no review waiting to be held."))
            elif seen and seen != str(next_review.pk):
                review_form = _rebased_review_form(data, next_review, assessment.review_interval_weeks)
                review_form.add_error(
                    None,
                    _(
                        "Someone else has just recorded this review: see it under past reviews. What you typed "
                        "is still here; record it again only if it belongs to the next review."
                    ),
                )
            else:
                try:
                    following = services.review_hold(
                        review=next_review,
                        what_changed=review_form.cleaned_data["what_changed"],
                        next_due_on=review_form.cleaned_data["next_due_on"],
                        by=request.user,
                    )
                except services.AssessmentError as error:
                    review_form.add_error(None, str(error))
                else:
                    messages.success(
                        request,
                        _("Review recorded. The next review is on %(date)s.")
                        % {"date": date_format(following.due_on, "j F Y")},
                    )
                    return redirect("assessments:reviews", pk=case.pk)
    held = assessment.reviews.filter(held_at__isnull=False).select_related("held_by").order_by("-held_at", "-pk")
    page = Paginator(held, PAST_REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    may_read = _snapshot_reader(request.user, case)
    for review in page:
        review.readable = readable_snapshot(review.snapshot, may_read)
    today = timezone.localdate()
    context = {
        "assessment": assessment,
        "next_review": next_review,
        "days_left": (next_review.due_on - today).days if next_review else None,
        "page": page,
        "review_form": review_form,
        "interval_form": interval_form,
    }
    return render_case(request, "assessments/reviews.html", case, "assessment", context, viewed="assessment reviews")
