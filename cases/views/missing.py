"""A missing episode in depth: the details the police report and the people around it add, and the return
home interview.

Who may do each is the policy's: whoever may record a missing episode (the police officer on the case
included) adds its details; the return home interview stays with the people who may change the case. The
episode must be one this person may see (`access.timeline_for`): anyone else gets 404.
"""

from typing import TYPE_CHECKING

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import access, services
from ..case_page import posted, render_case
from ..forms.missing import EpisodeForm, InterviewForm
from ..models import MissingEpisode, ReturnInterview, TimelineEntry

if TYPE_CHECKING:
    from .timeline import CaseGetter

Kind = TimelineEntry.Kind


def _episode(request, pk: int, entry_pk: int, getter: "CaseGetter"):
    case = getter(request.user, pk, open_only=True)
    visible = access.timeline_for(request.user, case).select_related("episode", "return_interview")
    entry = get_object_or_404(visible, pk=entry_pk, kind=Kind.MISSING)
    entry.case = case
    return case, entry


def _related(entry: TimelineEntry, name: str):
    try:
        return getattr(entry, name)
    except (MissingEpisode.DoesNotExist, ReturnInterview.DoesNotExist):
        return None


@require_http_methods(["GET", "POST"])
def episode_details(request, pk: int, entry_pk: int):
    case, entry = _episode(request, pk, entry_pk, access.get_case_for_missing_episode)
    detail = reverse("cases:timeline-entry", args=[case.pk, entry.pk])
    episode = _related(entry, "episode")
    choices = access.companion_choices(request.user, case)
    concerns = access.concern_choices(request.user, case)
    companions = access.episode_companions(request.user, episode) if episode else []
    named = access.episode_concerns(request.user, episode).filter(pk__in=concerns.values("pk")) if episode else []
    initial = EpisodeForm.initial_for(episode, companions, named)
    form = EpisodeForm(
        posted(request), initial=initial, entry=entry, choices=choices, concerns=concerns, cancel_url=detail
    )
    if request.method == "POST" and form.is_valid():
        with_cases = list(form.cleaned_data["with_cases"])
        with_concerns = list(form.cleaned_data["with_concerns"])
        facts = form.facts()

        def record():
            return services.episode_record(
                entry=entry, by=request.user, facts=facts, with_cases=with_cases, with_concerns=with_concerns
            )

        if written(form, record):
            messages.success(request, _("The details of the missing episode are saved."))
            return redirect(detail)
    context = {"form": form, "title": form.title, "back": detail, "entry": entry}
    viewed = f"timeline entry {entry.pk} (to record its details)"
    return render_case(request, "cases/timeline_form.html", case, "timeline", context, viewed=viewed)


@require_http_methods(["GET", "POST"])
def return_interview(request, pk: int, entry_pk: int):
    case, entry = _episode(request, pk, entry_pk, access.get_case_for_change)
    detail = reverse("cases:timeline-entry", args=[case.pk, entry.pk])
    if entry.returned_at is None:
        messages.info(request, _("Record that they are back first: the return home interview follows."))
        return redirect(detail)
    interview = _related(entry, "return_interview")
    if interview is not None and not _may_read_said(request.user, interview):
        # Correcting it would show (and could overwrite) words this person may not read.
        messages.info(request, _("Only the people who may read what was said may change this interview."))
        return redirect(detail)
    initial = InterviewForm.initial_for(interview, entry)
    form = InterviewForm(posted(request), initial=initial, entry=entry, cancel_url=detail)
    if request.method == "POST" and form.is_valid():
        facts = form.facts()
        if written(form, lambda: services.return_interview_record(entry=entry, by=request.user, facts=facts)):
            messages.success(request, _("The return home interview is saved."))
            return redirect(detail)
    context = {"form": form, "title": form.title, "back": detail, "entry": entry}
    viewed = f"timeline entry {entry.pk} (to record the return home interview)"
    return render_case(request, "cases/timeline_form.html", case, "timeline", context, viewed=viewed)


def _may_read_said(user, interview: ReturnInterview) -> bool:
    """What the interview was told, unless it is restricted and this person may not read restricted things
    (the rule of restricted timeline entries, `access.may_read_restricted`)."""
    case = interview.entry.case
    return not interview.said_restricted or access.may_read_restricted(user, case, interview.recorded_by_id)


def written(form, write):
    """What `write` answers, or None when the service refuses the change (its reason is shown with the form)."""
    try:
        return write()
    except services.CaseError as error:
        form.add_error(None, str(error))
        return None


def missing_depth(user, entry: TimelineEntry) -> dict:
    """What the page of a missing episode shows of its depth: the details (with the young people named as
    with them whose cases this person may see) and the return home interview, with whether this person
    may read what it was told. Nothing for another kind of entry."""
    if entry.kind != Kind.MISSING:
        return {}
    episode = _related(entry, "episode")
    interview = _related(entry, "return_interview")
    return {
        "episode": episode,
        "companions": list(access.episode_companions(user, episode)) if episode else [],
        "episode_concerns": list(access.episode_concerns(user, episode)) if episode else [],
        "rhi": interview,  # not "interview": the frame's name for the next interview due
        "may_read_said": interview is not None and _may_read_said(user, interview),
        "may_change_interview": interview is None or _may_read_said(user, interview),
    }
