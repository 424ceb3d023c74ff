"""Staff pages for asking: how and when the young person is asked how they are (a check-in) and the young
person or a parent or carer what they think of the service (feedback), set with them by a worker who may
change the case; and stopping it. Their address is staff-only: these pages are for those who may change
the case (a partner who may only look gets 404, as for a case that does not exist)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import access, messaging
from cases.case_page import posted, render_case
from cases.models import Person

from .. import services
from ..forms.rhythms import RhythmForm
from ..models import CheckInAlert, Kind, Rhythm

TAB = "check-ins"


def _rhythms_url(case) -> str:
    return reverse("feedback:case-rhythms", args=[case.pk])


@require_http_methods(["GET"])
def case_rhythms(request, pk: int):
    """The live rhythms of the case, with their next time, and how many low check-ins wait for a worker."""
    case = access.get_case_for_change(request.user, pk)
    live = list(Rhythm.objects.filter(case=case, stopped_at__isnull=True).order_by("kind", "person", "person_name"))
    context = {
        "check_in": next((r for r in live if r.kind == Kind.CHECK_IN), None),
        "feedback": [r for r in live if r.kind == Kind.FEEDBACK],
        "open_alerts": CheckInAlert.objects.filter(case=case, handled_at__isnull=True).count(),
        "can_text": messaging.can_text(),
    }
    return render_case(request, "feedback/rhythms.html", case, TAB, context, viewed="check-ins and feedback")


def _initial(rhythm: Rhythm | None, kind: str) -> dict:
    if rhythm is None:
        days = services.FEEDBACK_DAYS if kind == Kind.FEEDBACK else 7
        return {"every_days": days, "person": Person.YOUNG_PERSON, "channel": Rhythm.Channel.NONE}
    return {
        "person": rhythm.person,
        "name": rhythm.person_name,
        "every_days": rhythm.every_days,
        "weekday": rhythm.weekday,
        "earliest": f"{rhythm.earliest:%H:%M}",
        "latest": f"{rhythm.latest:%H:%M}",
        "channel": rhythm.channel,
        "address": rhythm.address,
        "after_meetings": rhythm.after_meetings,
    }


def _set(request, case, kind: str, rhythm: Rhythm | None):
    """The form for a rhythm of `kind` (a change of `rhythm` when given): saved, or shown with its errors."""
    form = RhythmForm(posted(request), kind=kind, initial=_initial(rhythm, kind))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.rhythm_set(
                case=case,
                kind=kind,
                person=data.get("person", Person.YOUNG_PERSON),
                name=data.get("name", ""),
                every_days=data["every_days"],
                weekday=data["weekday"],
                earliest=data["earliest"],
                latest=data["latest"],
                channel=data["channel"],
                address=data["address"],
                after_meetings=data.get("after_meetings", False),
                by=request.user,
            )
        except services.VoiceError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved. Nothing is sent outside the day and hours chosen."))
            return redirect(_rhythms_url(case))
    title = _("Check-ins") if kind == Kind.CHECK_IN else _("Feedback on the service")
    context = {"form": form, "title": title, "kind": kind, "rhythm": rhythm, "back_url": _rhythms_url(case)}
    status = 400 if form.errors else 200
    return render_case(request, "feedback/rhythm_form.html", case, TAB, context, viewed=f"{kind} rhythm", status=status)


@require_http_methods(["GET", "POST"])
def check_in_rhythm(request, pk: int):
    """Start the young person's check-ins, or change them (there is one rhythm of check-ins a case)."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    live = services.live_rhythm(case=case, kind=Kind.CHECK_IN, person=Person.YOUNG_PERSON)
    return _set(request, case, Kind.CHECK_IN, live)


@require_http_methods(["GET", "POST"])
def feedback_rhythm_new(request, pk: int):
    """Ask the young person or a parent or carer for feedback on a rhythm."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    return _set(request, case, Kind.FEEDBACK, None)


@require_http_methods(["GET", "POST"])
def rhythm_change(request, pk: int, rhythm_pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    rhythm = get_object_or_404(Rhythm, pk=rhythm_pk, case=case, stopped_at__isnull=True)
    return _set(request, case, rhythm.kind, rhythm)


@require_http_methods(["GET", "POST"])
def rhythm_stop(request, pk: int, rhythm_pk: int):
    """Stop asking, after a confirmation."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    rhythm = get_object_or_404(Rhythm, pk=rhythm_pk, case=case, stopped_at__isnull=True)
    rhythm.case = case
    if request.method == "POST":
        services.rhythm_stop(rhythm=rhythm, by=request.user)
        messages.success(request, _("Stopped. Nothing more is sent."))
        return redirect(_rhythms_url(case))
    context = {"rhythm": rhythm, "cancel": _rhythms_url(case)}
    return render_case(request, "feedback/rhythm_stop.html", case, TAB, context, viewed=f"{rhythm.kind} rhythm: stop")
