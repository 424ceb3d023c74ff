"""Who is told when something happens on a case, and what they are told. Called by the services
(`cases/services/`) where the thing happens, inside their transaction; `accounts.notifications.tell` records
each message once per person and key and emails its kind (never its words) once the change is committed.

The words here are for the app (behind sign-in) and may name the young person; an email never does."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import Message, settle, tell

from .access import team_managers
from .models import Case, Referral, TimelineEntry, Urgency


def _who(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user else _("The service")


def _by_someone_else(case: Case, by: User | None) -> bool:
    return case.key_worker_id is not None and (by is None or by.pk != case.key_worker_id)


def case_allocated(*, case: Case, worker: User, spell_pk: int, by: User | None, urgent: bool | None) -> None:
    """The new key worker is told when someone allocated the case to them (not when they took it themselves,
    nor when nobody did: the demo's and the tests' cases). Keyed by the spell, so a worker given the case
    back later is told again. Urgent when the case's referral was (`urgent`, or else found from the case's
    referrals)."""
    if by is None or by.pk == worker.pk:
        return
    if urgent is None:
        urgent = case.referrals.filter(urgency=Urgency.URGENT).exists()
    words = {"name": case.young_person.display_name}
    text = (
        _("%(name)s's case has been allocated to you. The referral was urgent.")
        if urgent
        else _("%(name)s's case has been allocated to you.")
    ) % words
    tell([Message(worker, f"allocated:{spell_pk}", text, reverse("cases:detail", args=[case.pk]), urgent=urgent)])


def referral_added(*, case: Case, referral: Referral, by: User | None) -> None:
    """A new referral was accepted into a case already open (the young person the team knows): its key
    worker is told, urgently when the referral was urgent (nobody else is allocated, so nobody else needs
    to be)."""
    worker = case.key_worker
    if worker is None or (by is not None and by.pk == worker.pk):
        return
    urgent = referral.urgency == Urgency.URGENT
    text = _("A new referral for %(name)s, from %(agency)s, was added to their case.") % {
        "name": case.young_person.display_name,
        "agency": referral.referrer_agency,
    }
    url = reverse("referrals:detail", args=[referral.pk])
    tell([Message(worker, f"referral-added:{referral.pk}", text, url, urgent=urgent)])


def timeline_entry_added(*, entry: TimelineEntry, by: User | None) -> None:
    """A missing episode (with or without the return), or a restricted entry, added to the timeline."""
    case = entry.case
    if entry.kind == TimelineEntry.Kind.MISSING and entry.returned_at:
        return_recorded(entry=entry, by=by)
    elif entry.kind == TimelineEntry.Kind.MISSING and _by_someone_else(case, by):
        text = _("%(who)s recorded that %(name)s is missing.") % {
            "who": _who(by),
            "name": case.young_person.display_name,
        }
        _tell_key_worker(entry, f"missing-recorded:{entry.pk}", text, urgent=True)
    if entry.restricted and _by_someone_else(case, by):
        text = _("%(who)s added a restricted entry to %(name)s's timeline.") % {
            "who": _who(by),
            "name": case.young_person.display_name,
        }
        _tell_key_worker(entry, f"restricted-entry:{entry.pk}", text)


def return_recorded(*, entry: TimelineEntry, by: User | None) -> None:
    """The young person is back: the key worker is told when the return home interview is due (and, when
    someone else recorded the return, who did)."""
    due = entry.return_interview_due_at
    if due is None:
        return
    words = {
        "name": entry.case.young_person.display_name,
        "due": timezone.localtime(due).strftime("%d %B %H:%M"),
        "who": _who(by),
    }
    if _by_someone_else(entry.case, by):
        text = _("%(who)s recorded that %(name)s is back: the return home interview is due by %(due)s.") % words
    else:
        text = _("%(name)s is back: the return home interview is due by %(due)s.") % words
    _tell_key_worker(entry, f"rhi-recorded:{entry.pk}", text)


def interview_done(*, entry: TimelineEntry) -> None:
    """Once the return home interview is held, what was said about it (recorded, coming due, overdue) is
    done for everyone told: it stays on their pages, out of the way."""
    settle([f"{kind}:{entry.pk}" for kind in ("rhi-recorded", "rhi-due", "rhi-overdue")])


def _tell_key_worker(entry: TimelineEntry, key: str, text: str, *, urgent: bool = False) -> None:
    worker = entry.case.key_worker
    if worker is None:
        return
    url = reverse("cases:timeline-entry", args=[entry.case_id, entry.pk])
    tell([Message(worker, key, text, url, urgent=urgent)])


def strategy_discussion(*, case: Case, run_start_pk: int, episodes: int) -> None:
    """The young person has gone missing three or more times in 90 days: the team's managers are told to
    hold a strategy discussion, once for each run of episodes (keyed by the run's first episode: another
    episode in the same run tells nobody again; a new run after a quiet 90 days does)."""
    text = _("%(name)s has gone missing %(count)s times in 90 days: a strategy discussion is needed.") % {
        "name": case.young_person.display_name,
        "count": episodes,
    }
    url = reverse("cases:timeline", args=[case.pk]) + "?kind=missing"
    key = f"missing-strategy:{run_start_pk}"
    tell([Message(manager, key, text, url, urgent=True) for manager in team_managers(case.team_id)])
