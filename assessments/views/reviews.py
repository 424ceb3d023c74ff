"""The assessment's review points.

Reviews come round at agreed dates; each keeps what the assessment said then, and the next date is agreed.
The team decides how many weeks apart this case's reviews are. Anyone who may see the case sees the page;
changes need change rights (404 otherwise), and a closed case is read-only."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from cases import access, panels
from cases.case_page import render_case

from .. import services
from ..forms.reviews import IntervalForm, ReviewForm
from ..sections import SectionKind
from .common import case_for_page

PAST_REVIEWS_PER_PAGE = 10


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


@require_http_methods(["GET", "POST"])
def reviews(request, pk: int):
    case = case_for_page(request, pk)
    assessment = case.assessment
    next_review = assessment.reviews.filter(held_at__isnull=True).first()
    review_form = _review_form(None, assessment, next_review)
    interval_form = IntervalForm(initial={"weeks": assessment.review_interval_weeks})
    if request.method == "POST":
        # Two forms on one page: the hidden "form" field says which was sent (an empty POST is a review).
        if request.POST.get("form") == "interval":
            interval_form, answer = _change_interval(request, case)
        else:
            review_form, answer = _hold_review(request, case, next_review)
        if answer is not None:
            return answer
    held = assessment.reviews.filter(held_at__isnull=False).select_related("held_by").order_by("-held_at", "-pk")
    page = Paginator(held, PAST_REVIEWS_PER_PAGE).get_page(request.GET.get("page"))
    may_read = _snapshot_reader(request.user, case)
    for review in page:
        review.readable = readable_snapshot(review.snapshot, may_read)
    today = timezone.localdate()
    last_held = assessment.reviews.filter(held_at__isnull=False).order_by("-held_at").values_list("held_at", flat=True)
    context = {
        # The family plan is reviewed at the same points: what its apps show since the last review.
        "since_last_review": panels.render("assessment-review", request, case, last_held.first()),
        "assessment": assessment,
        "next_review": next_review,
        "days_left": (next_review.due_on - today).days if next_review else None,
        "page": page,
        "review_form": review_form,
        "interval_form": interval_form,
    }
    return render_case(request, "assessments/reviews.html", case, "assessment", context, viewed="assessment reviews")


def _hold_review(request, case, next_review):
    """A review recorded, posted: (the form, the answer once it is recorded)."""
    assessment = case.assessment
    form = _review_form(request.POST, assessment, next_review)
    if not form.is_valid():
        return form, None
    seen = form.cleaned_data["review"]
    if next_review is None:
        form.add_error(None, _("There is no review waiting to be held."))
        return form, None
    if seen and seen != str(next_review.pk):
        form = _rebased_review_form(request.POST, assessment, next_review)
        form.add_error(
            None,
            _(
                "Someone else has just recorded this review: see it under past reviews. What you typed "
                "is still here; record it again only if it belongs to the next review."
            ),
        )
        return form, None
    try:
        following = services.review_hold(
            review=next_review,
            what_changed=form.cleaned_data["what_changed"],
            next_due_on=form.cleaned_data["next_due_on"],
            by=request.user,
        )
    except services.AssessmentError as error:
        form.add_error(None, str(error))
        return form, None
    message = _("Review recorded. The next review is on %(date)s.") % {"date": date_format(following.due_on, "j F Y")}
    messages.success(request, message)
    return form, redirect("assessments:reviews", pk=case.pk)


def _change_interval(request, case):
    """The weeks between reviews changed, posted: (the form, the answer once it is changed)."""
    assessment = case.assessment
    form = IntervalForm(request.POST, initial={"weeks": assessment.review_interval_weeks})
    if not form.is_valid():
        return form, None
    weeks = form.cleaned_data["weeks"]
    try:
        services.review_interval_change(assessment=assessment, weeks=weeks, by=request.user)
    except services.AssessmentError as error:
        form.add_error("weeks", str(error))
        return form, None
    text = ngettext(
        "Reviews for this case are now %(weeks)s week apart.",
        "Reviews for this case are now %(weeks)s weeks apart.",
        weeks,
    )
    messages.success(request, text % {"weeks": weeks})
    return form, redirect("assessments:reviews", pk=case.pk)


def _review_form(data, assessment, next_review) -> ReviewForm:
    """The form for the review that is open now (if any), offering the next date at the case's interval."""
    return ReviewForm(
        data, review_pk=next_review.pk if next_review else None, interval_weeks=assessment.review_interval_weeks
    )


def _rebased_review_form(data, assessment, next_review) -> ReviewForm:
    """The form as it was typed, now for the review that is open: sending it again is a choice made
    after seeing the review someone else recorded."""
    rebased = data.copy()
    rebased["review"] = str(next_review.pk)
    form = _review_form(rebased, assessment, next_review)
    form.is_valid()
    return form
