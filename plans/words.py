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


def meeting_name(meeting: Meeting) -> str:
    """A meeting's name for the young person: the title the worker gave an "other" meeting, or plain words."""
    if meeting.kind == Meeting.Kind.OTHER and meeting.title:
        return meeting.title
    return str(MEETING_NAMES[Meeting.Kind(meeting.kind)])
