"""Who on the staff is told about check-ins and feedback, and what they are told. Called by the services
inside their transaction; `accounts.notifications.tell` records each message once per person and key, and
emails only its kind (never its words) once the change is committed. The words here are for the app
(behind sign-in) and may name the young person."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.notifications import Message, settle, tell
from cases.models import Person

from .models import CheckInAlert, Kind, Request


def check_in_low(*, alert: CheckInAlert) -> None:
    """A check-in fell or has an answer of 1: the key worker is told, urgently, once."""
    case = alert.case
    if case.key_worker is None:
        return
    text = _("%(name)s's check-in is low: %(reasons)s") % {
        "name": case.young_person.display_name,
        "reasons": alert.reasons.replace("\n", "; "),
    }
    url = reverse("feedback:case-alerts", args=[case.pk])
    tell([Message(case.key_worker, f"check-in-low:{alert.pk}", text, url, urgent=True)])


def check_in_low_settled(*, alert: CheckInAlert) -> None:
    settle([f"check-in-low:{alert.pk}"])


def request_due(*, request: Request, worker) -> Message:
    """A check-in or feedback request with no message to send (they chose to be asked in their space, or
    with their worker): the key worker is told it is due."""
    case = request.case
    rhythm = request.rhythm
    words = {"name": case.young_person.display_name, "who": rhythm.person_name}
    if request.kind == Kind.CHECK_IN:
        key, text = f"check-in-due:{request.pk}", _("A check-in with %(name)s is due.") % words
    elif rhythm.person == Person.PARENT_CARER:
        key = f"feedback-due:{request.pk}"
        text = _("Feedback on the service from %(who)s, for %(name)s, is due.") % words
    else:
        key, text = f"feedback-due:{request.pk}", _("Feedback on the service from %(name)s is due.") % words
    return Message(worker, key, text, reverse("feedback:case-rhythms", args=[case.pk]))
