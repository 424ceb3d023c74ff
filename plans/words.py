"""The plan's words as a young person or their family sees them (GLOSSARY.md): no "Ambitions meeting", no
"IRO", no "risk"."""

from django.utils.translation import gettext_lazy as _

from .models import Meeting

MEETING_NAMES = {
    Meeting.Kind.AMBITIONS: _("Your first meeting about what you want"),
    Meeting.Kind.SAFETY: _("Your My Safety Plan meeting"),
    Meeting.Kind.REVIEW: _("A meeting to look at how your plan is going"),
    Meeting.Kind.NETWORK: _("A meeting with the people who support you"),
    Meeting.Kind.OTHER: _("A meeting about your plan"),
}


# The same meetings, as a parent or carer reads them: about the young person, not to them.
FAMILY_MEETING_NAMES = {
    Meeting.Kind.AMBITIONS: _("The first meeting about what %(name)s wants"),
    Meeting.Kind.SAFETY: _("%(name)s’s My Safety Plan meeting"),
    Meeting.Kind.REVIEW: _("A meeting to look at how the plan is going"),
    Meeting.Kind.NETWORK: _("A meeting with the people who support %(name)s"),
    Meeting.Kind.OTHER: _("A meeting about the plan"),
}


def meeting_name(meeting: Meeting, *, for_family: bool = False) -> str:
    """A meeting's name for the young person (or, `for_family`, for a parent or carer): the title the worker
    gave an "other" meeting, or plain words."""
    if meeting.kind == Meeting.Kind.OTHER and meeting.title:
        return meeting.title
    kind = Meeting.Kind(meeting.kind)
    if for_family:
        return str(FAMILY_MEETING_NAMES[kind]) % {"name": meeting.case.young_person.called}
    return str(MEETING_NAMES[kind])
