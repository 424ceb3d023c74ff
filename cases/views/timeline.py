"""The case's timeline: contacts, significant events and missing episodes, newest first.

What a person sees of it comes only from `access.timeline_for`: a restricted entry (for example police
intelligence) is not in the list, the counts, the filter or the pages of anyone who may not see it, and
its page answers 404 to them exactly like an entry that does not exist.

Who may add what is the policy's too: anyone who may add to the record adds contacts and events, and
records a missing episode and the return (`access.get_case_for_missing_episode`: the police officer on the
case often knows first); the return home interview stays with the people who may change the case.
"""

from collections.abc import Callable
from typing import Protocol

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User

from .. import access, services
from ..case_page import posted, render_case
from ..forms.timeline import CAME_BACK, ENTRY_FORMS, INTERVIEW_DONE, EpisodeStep, EpisodeStepForm, TimelineFilterForm
from ..models import Case, Referral, TimelineEntry
from .missing import missing_depth, written

PAGE_SIZE = 25
Kind = TimelineEntry.Kind


class CaseGetter(Protocol):
    """An access getter (`access.get_case_for_change`, ...): the rule of a page."""

    def __call__(self, user: User, pk: int, *, open_only: bool = ...) -> Case: ...


def _counts(entries) -> dict[str, int]:
    """How many entries of each kind, in one query, of the entries given (already those this person
    may see)."""
    totals = entries.aggregate(
        everything=Count("pk"), **{kind: Count("pk", filter=Q(kind=kind)) for kind in Kind.values}
    )
    return {"": totals.pop("everything"), **totals}


@require_GET
def timeline(request, pk: int):
    user = request.user
    case = access.get_case_for_view(user, pk)
    visible = access.timeline_for(user, case)
    counts = _counts(visible)
    form = TimelineFilterForm(request.GET or None, counts=counts)
    entries = visible.select_related("author", "author__agency")
    if form.chosen:
        entries = entries.filter(kind=form.chosen)
    paginator = Paginator(entries, PAGE_SIZE)
    paginator.count = counts[form.chosen]  # counted above, with the same filter: no second count
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    # The referral that brought the case is its first entry: shown with everything, not with one kind.
    referrals = [] if form.chosen else list(access.case_referrals(user, case))
    context = {"page": page, "items": _with_referrals(page, entries, referrals), "filter_form": form}
    context["query"] = query.urlencode()
    return render_case(request, "cases/timeline.html", case, "timeline", context, viewed="timeline")


def _with_referrals(page, entries, referrals: list[Referral]) -> list[tuple[str, TimelineEntry | Referral]]:
    """The page's entries, newest first, as ("entry", entry), with each referral of the case that belongs on
    this page as ("referral", referral) in its place by the date it was received: after every entry at or
    after that moment. A referral older than every entry (the usual case) ends the last page."""
    shown: list[TimelineEntry] = list(page.object_list)
    if not referrals:
        return [("entry", entry) for entry in shown]
    # The oldest moment on the pages before this one: one query, only past the first page.
    newer = entries.values_list("occurred_at", flat=True)[page.start_index() - 2] if page.number > 1 else None
    older = shown[-1].occurred_at if page.has_next() else None
    here = [
        referral
        for referral in reversed(referrals)  # newest first, like the entries
        if (newer is None or referral.received_at <= newer) and (older is None or referral.received_at > older)
    ]
    items: list[tuple[str, TimelineEntry | Referral]] = []
    for entry in shown:
        while here and here[0].received_at > entry.occurred_at:
            items.append(("referral", here.pop(0)))
        items.append(("entry", entry))
    items.extend(("referral", referral) for referral in here)
    return items


@require_http_methods(["GET", "POST"])
def entry_add(request, pk: int, kind: str):
    form_class = ENTRY_FORMS.get(kind)
    if form_class is None:
        raise Http404("No such kind of entry.")
    if kind == Kind.MISSING:
        case = access.get_case_for_missing_episode(request.user, pk, open_only=True)
    else:
        case = access.get_case_for_contribution(request.user, pk, open_only=True)
    back = reverse("cases:timeline", args=[case.pk])
    form = form_class(posted(request), cancel_url=back)
    if request.method == "POST" and form.is_valid():
        entry = written(
            form, lambda: services.timeline_add(case=case, by=request.user, kind=kind, **form.entry_fields())
        )
        if entry:
            messages.success(request, _added_message(entry))
            return redirect(back)
    context = {"form": form, "title": form.title, "back": back}
    return render_case(request, "cases/timeline_form.html", case, "timeline", context, viewed="timeline (to add)")


def _due(entry: TimelineEntry) -> str:
    return date_format(timezone.localtime(entry.return_interview_due_at), "j F Y, H:i")


def _added_message(entry: TimelineEntry) -> str:
    if entry.kind == Kind.MISSING and entry.returned_at is None:
        return _("Missing episode recorded. When they are back, record it on the episode.")
    if entry.kind == Kind.MISSING:
        return _("Missing episode recorded. The return home interview is due by %(due)s.") % {"due": _due(entry)}
    if entry.kind == Kind.CONTACT:
        return _("Contact added to the timeline.")
    return _("Significant event added to the timeline.")


@require_GET
def entry_detail(request, pk: int, entry_pk: int):
    case = access.get_case_for_view(request.user, pk)
    visible = access.timeline_for(request.user, case).select_related(
        "author__agency", "episode", "return_interview__recorded_by"
    )
    entry = get_object_or_404(visible, pk=entry_pk)
    entry.case = case
    context = {"entry": entry, **missing_depth(request.user, entry)}
    return render_case(
        request, "cases/timeline_entry.html", case, "timeline", context, viewed=f"timeline entry {entry.pk}"
    )


def _missing_episode(request, pk: int, entry_pk: int, getter: CaseGetter) -> tuple[Case, TimelineEntry]:
    """The case (open, fetched by `getter`: the rule of the step) and one of its missing episodes this person
    may see."""
    case = getter(request.user, pk, open_only=True)
    entry = get_object_or_404(access.timeline_for(request.user, case), pk=entry_pk, kind=Kind.MISSING)
    entry.case = case
    return case, entry


def _episode_step_page(
    step: EpisodeStep,
    *,
    getter: CaseGetter,
    not_now: Callable[[TimelineEntry], str | None],
    record: Callable[[TimelineEntry, dict, User], str],
    viewed: str,
):
    """The view of a page that records a step of a missing episode, for the people `getter` (an access
    getter) lets record it. `not_now(entry)` says why the step
    cannot be recorded yet or again (the page then goes back to the episode); `record(entry, cleaned_data,
    by)` writes it and answers what to tell the person; `viewed` says in the audit what the page was for."""

    @require_http_methods(["GET", "POST"])
    def page(request, pk: int, entry_pk: int):
        case, entry = _missing_episode(request, pk, entry_pk, getter)
        detail = reverse("cases:timeline-entry", args=[case.pk, entry.pk])
        reason = not_now(entry)
        if reason:
            messages.info(request, reason)
            return redirect(detail)
        form = EpisodeStepForm(posted(request), step=step, entry=entry, cancel_url=detail)
        if request.method == "POST" and form.is_valid():
            done = written(form, lambda: record(entry, form.cleaned_data, request.user))
            if done:
                messages.success(request, done)
                return redirect(detail)
        context = {"form": form, "title": form.title, "back": detail, "entry": entry}
        audit = f"timeline entry {entry.pk} ({viewed})"
        return render_case(request, "cases/timeline_form.html", case, "timeline", context, viewed=audit)

    return page


def _already_back(entry: TimelineEntry) -> str | None:
    if entry.returned_at is not None:
        return _("This missing episode has already ended.")
    return None


def _record_return(entry: TimelineEntry, data: dict, by: User) -> str:
    services.missing_episode_end(entry=entry, returned_at=data["returned_at"], where_found=data["where_found"], by=by)
    return _("Recorded that they are back. The return home interview is due by %(due)s.") % {"due": _due(entry)}


def _interview_not_now(entry: TimelineEntry) -> str | None:
    if entry.return_interview_due_at is None:
        return _("Record that they are back first: the return home interview follows.")
    if entry.return_interview_done_at is not None:
        return _("The return home interview is already recorded.")
    return None


def _record_interview(entry: TimelineEntry, data: dict, by: User) -> str:
    services.return_interview_done(entry=entry, done_at=data["done_at"], by=by)
    return _("Return home interview recorded.")


missing_returned = _episode_step_page(
    CAME_BACK,
    getter=access.get_case_for_missing_episode,
    not_now=_already_back,
    record=_record_return,
    viewed="to record the return",
)
interview_done = _episode_step_page(
    INTERVIEW_DONE,
    getter=access.get_case_for_change,
    not_now=_interview_not_now,
    record=_record_interview,
    viewed="to record the interview",
)
