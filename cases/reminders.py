"""What the case record has due: return home interviews coming due (within a day) or overdue. Found with one
query on a partial index; the messages are keyed, so running again (at the same moment, after a restart, or
after a day with no broker) never tells anyone twice, and catches up on whatever came due meanwhile.
Registered with `accounts.notifications` when the app starts."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import Message

from . import access
from .models import Case, Stage, TimelineEntry

INTERVIEW_WARNING = timedelta(hours=24)


class TeamManagers:
    """The managers of each team, looked up once per team in a run."""

    def __init__(self):
        self._by_team: dict[int, list[User]] = {}

    def of(self, case: Case) -> list[User]:
        if case.team_id not in self._by_team:
            self._by_team[case.team_id] = list(access.team_managers(case.team_id))
        return self._by_team[case.team_id]


def interview_reminders(now: datetime) -> list[Message]:
    messages: list[Message] = []
    managers = TeamManagers()
    interviews = (
        TimelineEntry.objects.filter(
            return_interview_done_at__isnull=True,
            return_interview_due_at__isnull=False,
            return_interview_due_at__lte=now + INTERVIEW_WARNING,
        )
        .select_related("case__young_person", "case__key_worker")
        .exclude(case__stage=Stage.CLOSED)
    )
    for entry in interviews:
        case = entry.case
        url = reverse("cases:timeline-entry", args=[case.pk, entry.pk])
        words = {
            "name": case.young_person.display_name,
            "due": timezone.localtime(entry.return_interview_due_at).strftime("%d %B %H:%M"),
        }
        if entry.return_interview_due_at < now:
            text = _("%(name)s's return home interview is overdue (it was due by %(due)s).") % words
            recipients = {case.key_worker, *managers.of(case)}
            messages += [Message(r, f"rhi-overdue:{entry.pk}", text, url) for r in recipients if r]
        elif case.key_worker:
            text = _("%(name)s's return home interview is due by %(due)s.") % words
            messages.append(Message(case.key_worker, f"rhi-due:{entry.pk}", text, url))
    return messages
