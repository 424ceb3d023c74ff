"""What the plan and its meetings have due, registered with `accounts.notifications` when the app starts.
Each source finds what is due with one query; the messages are keyed, so running again (at the same moment,
after a restart, or after a day with no broker) tells nobody twice and catches up on what came due meanwhile.

- a meeting starting within 2 days: each staff member invited with their account, once per start time (a
  meeting moved to another time reminds again);
- the Ambitions meeting: the key worker and the plan coordinator, once when it comes due (2 weeks before the
  8 weeks from the first contact end) and once, urgent, when it is overdue;
- an action past its date: the person responsible, when they have an account.
"""

from datetime import datetime, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.notifications import Message
from cases.models import Case, Stage

from .models import Action, Attendee, Meeting
from .queries import AMBITIONS_WITHIN, ambitions_held, contact_before, first_contact, overdue_before

MEETING_WARNING = timedelta(days=2)
AMBITIONS_WARNING = timedelta(weeks=2)


def meeting_reminders(now: datetime) -> list[Message]:
    attendees = (
        Attendee.objects.filter(
            meeting__status=Meeting.Status.PLANNED,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + MEETING_WARNING,
            removed_at__isnull=True,
            user__isnull=False,
            user__is_active=True,
        )
        .exclude(meeting__case__stage=Stage.CLOSED)
        .select_related("user", "meeting__case__young_person")
    )
    messages = []
    for attendee in attendees:
        meeting = attendee.meeting
        assert attendee.user is not None, "the query asks for attendees with an account"
        text = _("Reminder: %(name)s's %(meeting)s is on %(when)s at %(place)s.") % {
            "name": meeting.case.young_person.display_name,
            "meeting": meeting.name,
            "when": date_format(timezone.localtime(meeting.starts_at), "l j F, H:i"),
            "place": meeting.place,
        }
        url = reverse("plans:meeting", args=[meeting.case_id, meeting.pk])
        key = f"meeting-reminder:{meeting.pk}:{int(meeting.starts_at.timestamp())}"
        messages.append(Message(attendee.user, key, text, url))
    return messages


def ambitions_reminders(now: datetime) -> list[Message]:
    today = timezone.localdate(now)
    # Which cases first (a contact before the warning starts, no Ambitions meeting held), then the first
    # contact of those few only.
    cases = (
        Case.objects.exclude(stage=Stage.CLOSED)
        .filter(contact_before(overdue_before(today) + AMBITIONS_WARNING))
        .exclude(ambitions_held())
        .annotate(first_contact_at=first_contact())
        .select_related("young_person", "key_worker", "plan_coordinator")
    )
    messages = []
    for case in cases:
        overdue = case.first_contact_at < overdue_before(today)
        words = {
            "name": case.young_person.display_name,
            "date": date_format(timezone.localtime(case.first_contact_at).date() + AMBITIONS_WITHIN, "j F Y"),
        }
        if overdue:
            text = _("%(name)s's Ambitions meeting is overdue (it was due by %(date)s).") % words
        else:
            text = _("%(name)s's Ambitions meeting is due by %(date)s.") % words
        key = f"ambitions-{'overdue' if overdue else 'due'}:{case.pk}"
        url = reverse("plans:meetings", args=[case.pk])
        people = {person for person in (case.key_worker, case.plan_coordinator) if person is not None}
        messages += [Message(person, key, text, url, urgent=overdue) for person in people]
    return messages


def action_reminders(now: datetime) -> list[Message]:
    actions = (
        Action.objects.filter(
            Q(done_at__isnull=True, removed_at__isnull=True, goal__removed_at__isnull=True),
            due_on__lt=timezone.localdate(now),
            who_user__isnull=False,
            who_user__is_active=True,
        )
        .exclude(goal__plan__case__stage=Stage.CLOSED)
        .select_related("who_user", "goal__plan__case__young_person")
    )
    messages = []
    for action in actions:
        case = action.goal.plan.case
        assert action.who_user is not None, "the query asks for actions with an account"
        text = _("Your action in %(name)s's plan is past its date (%(date)s): %(what)s") % {
            "name": case.young_person.display_name,
            "date": date_format(action.due_on, "j F Y"),
            "what": action.what,
        }
        url = reverse("plans:plan", args=[case.pk])
        messages.append(Message(action.who_user, f"action-overdue:{action.pk}", text, url))
    return messages
