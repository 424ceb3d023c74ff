"""What a young person's "plan my meeting" link opens (after the case's door has checked it): the meeting
as it is planned now, and their choices for it, in their words: where, when, who comes and who does not,
their part in it, someone on their side to speak for them, and what is talked about first. Where the
organiser could not follow a choice, the page says why. After the meeting, the summary written for them.
Nothing of the professional notes, nor who else is invited."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases import access
from cases import services as case_services
from cases.models import LinkUse, Person
from cases.views.shared_links import not_working

from .. import services
from ..forms.shared import ROLES, MeetingChoicesForm
from ..models import Meeting
from ..words import meeting_name

Event = LinkUse.Event


def meeting_page(request, link, address: str):
    meeting = Meeting.objects.filter(pk=link.target_id, case=link.case).select_related("case__key_worker").first()
    if meeting is None or link.person != Person.YOUNG_PERSON:
        return not_working(request)
    form = None
    if request.method == "POST":
        form = MeetingChoicesForm(request.POST)
        if meeting.status == Meeting.Status.PLANNED and form.is_valid():
            data = form.cleaned_data
            services.meeting_choices_save(
                meeting=meeting,
                place=data["place"],
                time=data["time"],
                wanted=data["wanted"],
                not_wanted=data["not_wanted"],
                role=data["role"],
                advocate_wanted=data["advocate_wanted"] is True,
                advocate_name=data["advocate_name"],
                talk_first=data["talk_first"],
                by_label=link.person_name,
            )
            case_services.link_used(link=link, event=Event.SAVED, address_hash=address)
            messages.success(
                request, _("Thank you. Your choices are saved, and the person organising the meeting will see them.")
            )
            return redirect(request.path)
    return _page(request, link, meeting, form)


def _page(request, link, meeting, form):
    worker = meeting.case.key_worker
    error = ""
    if form is not None and form.errors:
        error = next(iter(form.errors.values()))[0]
    elif form is not None:
        error = _("This meeting is no longer being planned, so the choices cannot be changed.")
    context = {
        "link": link,
        "name": link.person_name,
        "meeting": meeting,
        "title": meeting_name(meeting),
        "worker_name": worker.first_name if worker else _("your worker"),
        "planned": meeting.status == Meeting.Status.PLANNED,
        "held": meeting.status == Meeting.Status.HELD,
        "values": form.data if form is not None else _current(meeting),
        "roles": ROLES,
        "overrides": list(meeting.overrides.all()),
        # Their choices (who they do not want there, say) are read by those who organise: the people who may
        # change the case, never the partner agencies on it.
        "readers": access.family_words_readers(meeting.case),
        "error": error,
    }
    return render(request, "plans/shared_meeting.html", context, status=400 if error else 200)


def _current(meeting: Meeting) -> dict:
    return {
        "place": meeting.chosen_place,
        "time": meeting.chosen_time,
        "wanted": meeting.wanted,
        "not_wanted": meeting.not_wanted,
        "role": meeting.role,
        "advocate_wanted": "yes" if meeting.advocate_wanted else ("no" if meeting.choices_at else ""),
        "advocate_name": meeting.advocate_name,
        "talk_first": meeting.talk_first,
    }
