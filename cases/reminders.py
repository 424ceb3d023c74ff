"""What the case record has due: return home interviews coming due (within a day) or overdue, found with one
query on a partial index; and referrals waiting past their decision target, for the team's managers. The
messages are keyed, so running again (at the same moment, after a restart, or after a day with no broker)
never tells anyone twice, and catches up on whatever came due meanwhile. Registered with
`accounts.notifications` when the app starts."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import Message

from . import access
from .models import Case, Referral, Stage, TimelineEntry, Urgency

INTERVIEW_WARNING = timedelta(hours=24)


class TeamManagers:
    """The managers of each team, looked up once in a run, for every team at once (a run over a large
    service tells the managers of many teams: one query, not one per team)."""

    def __init__(self):
        self._by_team: dict[int, list[User]] | None = None

    def of(self, case: Case) -> list[User]:
        return self.of_team(case.team_id)

    def of_team(self, team_id: int) -> list[User]:
        if self._by_team is None:
            self._by_team = {}
            for manager in access.managers_of_every_team():
                assert manager.team_id is not None, "the query asks for managers of a team"
                self._by_team.setdefault(manager.team_id, []).append(manager)
        return self._by_team.get(team_id, [])


def due_or_overdue(
    case: Case, kind: str, pk: int, url: str, *, overdue: bool, overdue_text: str, due_text: str, managers: TeamManagers
) -> list[Message]:
    """Something of a case coming due tells its key worker; once overdue, the team's managers too. The
    messages are keyed `<kind>-due:<pk>` or `<kind>-overdue:<pk>`, so that each is told once. Overdue is
    urgent."""
    if overdue:
        recipients = {case.key_worker, *managers.of(case)}
        return [Message(r, f"{kind}-overdue:{pk}", overdue_text, url, urgent=True) for r in recipients if r]
    if case.key_worker:
        return [Message(case.key_worker, f"{kind}-due:{pk}", due_text, url)]
    return []


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
        due = entry.return_interview_due_at
        assert due is not None, "the query asks for interviews with a due date"
        url = reverse("cases:timeline-entry", args=[case.pk, entry.pk])
        words = {
            "name": case.young_person.display_name,
            "due": timezone.localtime(due).strftime("%d %B %H:%M"),
        }
        messages += due_or_overdue(
            case,
            "rhi",
            entry.pk,
            url,
            overdue=due < now,
            overdue_text=_("%(name)s's return home interview is overdue (it was due by %(due)s).") % words,
            due_text=_("%(name)s's return home interview is due by %(due)s.") % words,
            managers=managers,
        )
    return messages


def referral_reminders(now: datetime) -> list[Message]:
    """Referrals still waiting past their decision target (one working day, as `Referral.decision_due_at`
    counts it), for the team's managers; urgent when the referral was. The waiting referrals are few (each
    is decided within a day or so): one query finds them, and the target is the model's own, so however it
    is counted (weekends, bank holidays) the reminder follows."""
    messages: list[Message] = []
    managers = TeamManagers()
    waiting = Referral.objects.filter(status=Referral.Status.WAITING).only(
        "pk", "team_id", "received_at", "given_name", "family_name", "urgency"
    )
    for referral in waiting:
        due = referral.decision_due_at
        if due >= now:
            continue
        text = _("The referral for %(name)s is waiting past its decision target (it was due by %(due)s).") % {
            "name": f"{referral.given_name} {referral.family_name}",
            "due": timezone.localtime(due).strftime("%d %B %H:%M"),
        }
        url = reverse("referrals:detail", args=[referral.pk])
        urgent = referral.urgency == Urgency.URGENT
        messages += [
            Message(manager, f"referral-overdue:{referral.pk}", text, url, urgent=urgent)
            for manager in managers.of_team(referral.team_id)
        ]
    return messages
