"""The case's meetings: planned, held and cancelled; planning one, the young person's choices, changing,
cancelling and recording it.

Anyone who may see the case reads its meetings; those who may change the case (the key worker, the plan
coordinator, the team's managers) plan and change them (404 for anyone else, a partner included), and only
while the case is open."""

import re

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from cases import access
from cases.case_page import posted, render_case
from cases.models import Case, NetworkMember

from ..forms.meetings import CancelForm, ChoicesForm, MeetingForm
from ..forms.record import RecordForm
from ..models import Attendee, ChoiceOverride, Goal, Meeting
from ..services import meetings as services
from ..services.meeting_record import meeting_record as meeting_record_service

EMAIL = re.compile(r"[^@\s,;<>()]+@[^@\s,;<>()]+\.[A-Za-z]{2,}")


def _meeting(case: Case, meeting_pk: int, *, planned=False) -> Meeting:
    """A meeting of this case (the case already checked), or 404."""
    found = Meeting.objects.select_related("organiser")
    if planned:
        found = found.filter(status=Meeting.Status.PLANNED)
    meeting = get_object_or_404(found, case=case, pk=meeting_pk)
    meeting.case = case  # the services read it: no need to fetch it again
    return meeting


def _candidates(case: Case, meeting: Meeting | None = None) -> dict[str, services.AttendeeData]:
    """Who may be invited from the case: its staff (the key worker and the plan coordinator) and the people in
    its network now, with an email when one is known (the network's contact details may hold one). Those
    already invited to `meeting` are left out."""
    invited_users, invited_members = set(), set()
    if meeting is not None:
        for a in meeting.attendees.filter(removed_at__isnull=True):
            invited_users.add(a.user_id)
            invited_members.add(a.network_member_id)
    found: dict[str, services.AttendeeData] = {}
    staff = [(case.key_worker, _("Key worker")), (case.plan_coordinator, _("Plan coordinator"))]
    for user, role in staff:
        if user is not None and user.pk not in invited_users:
            name = user.get_full_name() or user.get_username()
            found[f"user:{user.pk}"] = services.AttendeeData(name=name, role=str(role), email=user.email, user=user)
    members = NetworkMember.objects.filter(case=case, removed_at__isnull=True).select_related("user")
    for member in members:
        if member.pk in invited_members or (member.user_id and member.user_id in invited_users):
            continue
        email = member.user.email if member.user else ""
        match = EMAIL.search(member.contact_details)
        role = member.relationship or member.agency or member.get_kind_display()
        found[f"member:{member.pk}"] = services.AttendeeData(
            name=member.name,
            role=str(role),
            email=email or (match.group(0) if match else ""),
            user=member.user,
            network_member=member,
        )
    return found


def _form_page(request, case: Case, form, title: str, *, viewed: str, meeting: Meeting | None = None, **extra):
    back = (
        reverse("plans:meeting", args=[case.pk, meeting.pk]) if meeting else reverse("plans:meetings", args=[case.pk])
    )
    context = {"form": form, "title": title, "back": back, "meeting": meeting, **extra}
    return render_case(request, "plans/meeting_form.html", case, "meetings", context, viewed=viewed)


@require_GET
def meeting_list(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    meetings = list(Meeting.objects.filter(case=case).select_related("organiser"))
    now = timezone.now()
    upcoming = sorted(
        (m for m in meetings if m.status == Meeting.Status.PLANNED and m.ends_at >= now), key=lambda m: m.starts_at
    )
    past = [m for m in meetings if m not in upcoming]
    held = Meeting.Status.HELD
    context = {
        "upcoming": upcoming,
        "past": past,
        "meetings": meetings,
        "now": now,
        "ambitions_held": any(m.kind == Meeting.Kind.AMBITIONS and m.status == held for m in meetings),
    }
    return render_case(request, "plans/meetings.html", case, "meetings", context, viewed="meetings")


@require_http_methods(["GET", "POST"])
def meeting_new(request, pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    # A page that prompts a kind of meeting (a rise in concern prompts a My Safety Plan meeting) links here
    # with ?kind=: the form starts with it chosen. Anything else is ignored.
    kind = request.GET.get("kind", "")
    initial = {"kind": kind} if kind in Meeting.Kind.values else {}
    form = MeetingForm(posted(request), case=case, candidates=_candidates(case), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = services.meeting_plan(
            case=case,
            kind=data["kind"],
            title=data["title"],
            starts_at=data["starts_at"],
            minutes=data["minutes"],
            place=data["place"],
            attendees=form.added(),
            by=request.user,
        )
        messages.success(request, _("Meeting planned. Everyone with an email is sent an invitation."))
        return redirect("plans:meeting", pk=case.pk, meeting_pk=meeting.pk)
    return _form_page(request, case, form, _("Plan a meeting"), viewed="meetings (to plan one)")


@require_GET
def meeting_page(request, pk: int, meeting_pk: int):
    case = access.get_case_for_view(request.user, pk)
    meeting = _meeting(case, meeting_pk)
    attendees = list(Attendee.objects.filter(meeting=meeting, removed_at__isnull=True))
    context = {
        "meeting": meeting,
        "attendees": attendees,
        "not_wanted_invited": services.not_wanted_among(meeting, [a.name for a in attendees]),
        "overrides": list(ChoiceOverride.objects.filter(meeting=meeting).select_related("by")),
        "actions": list(meeting.actions.filter(removed_at__isnull=True).select_related("goal")),
        "now": timezone.now(),
    }
    return render_case(request, "plans/meeting.html", case, "meetings", context, viewed=f"meeting {meeting.pk}")


@require_http_methods(["GET", "POST"])
def meeting_choices(request, pk: int, meeting_pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    meeting = _meeting(case, meeting_pk, planned=True)
    form = ChoicesForm(posted(request), meeting=meeting)
    name = case.young_person.called
    if request.method == "POST" and form.is_valid():
        worker = request.user.get_full_name() or request.user.get_username()
        label = _("%(name)s, with %(worker)s") % {"name": name, "worker": worker}
        services.meeting_choices_save(meeting=meeting, **form.choices(), by_label=label, by=request.user)
        messages.success(request, _("%(name)s's choices are saved.") % {"name": name})
        return redirect("plans:meeting", pk=case.pk, meeting_pk=meeting.pk)
    title = _("%(name)s's choices for the %(meeting)s") % {"name": name, "meeting": meeting.name}
    return _form_page(request, case, form, title, viewed=f"meeting {meeting.pk} (choices)", meeting=meeting)


@require_http_methods(["GET", "POST"])
def meeting_change(request, pk: int, meeting_pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    meeting = _meeting(case, meeting_pk, planned=True)
    form = MeetingForm(posted(request), case=case, candidates=_candidates(case, meeting), meeting=meeting)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.meeting_change(
                meeting=meeting,
                starts_at=data["starts_at"],
                minutes=data["minutes"],
                place=data["place"],
                keep=form.kept(),
                add=form.added(),
                reason=data["reason"],
                by=request.user,
            )
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Meeting changed. Everyone with an email is sent the update."))
            return redirect("plans:meeting", pk=case.pk, meeting_pk=meeting.pk)
    title = _("Change the %(meeting)s") % {"meeting": meeting.name}
    return _form_page(request, case, form, title, viewed=f"meeting {meeting.pk} (to change)", meeting=meeting)


@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk: int, meeting_pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    meeting = _meeting(case, meeting_pk, planned=True)
    form = CancelForm(posted(request))
    if request.method == "POST" and form.is_valid():
        services.meeting_cancel(meeting=meeting, reason=form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("Meeting cancelled. Everyone with an email is sent the cancellation."))
        return redirect("plans:meetings", pk=case.pk)
    title = _("Cancel the %(meeting)s") % {"meeting": meeting.name}
    return _form_page(request, case, form, title, viewed=f"meeting {meeting.pk} (to cancel)", meeting=meeting)


@require_http_methods(["GET", "POST"])
def meeting_record(request, pk: int, meeting_pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    meeting = _meeting(case, meeting_pk, planned=True)
    attendees = list(Attendee.objects.filter(meeting=meeting, removed_at__isnull=True))
    goals = list(Goal.objects.live().filter(plan__case=case))
    form = RecordForm(posted(request), meeting=meeting, attendees=attendees, goals=goals)
    started = meeting.starts_at <= timezone.now()
    if request.method == "POST" and started and form.is_valid():
        try:
            meeting_record_service(meeting=meeting, record=form.record(), by=request.user)
        except services.MeetingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Meeting recorded. Its actions are on the family plan."))
            return redirect("plans:meeting", pk=case.pk, meeting_pk=meeting.pk)
    title = _("Record the %(meeting)s") % {"meeting": meeting.name}
    context = {"no_goals": not goals, "not_started": not started}
    return _form_page(
        request, case, form, title, viewed=f"meeting {meeting.pk} (to record)", meeting=meeting, **context
    )
