"""A missing episode in depth (the police report, who they were with, how they got back), the return home
interview that follows it, and the strategy discussion prompted by three or more episodes in 90 days."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .. import access, audit, notices
from ..missing import STRATEGY_AFTER
from ..models import AuditEvent, Case, ConcernEntry, ConcernLink, MissingEpisode, ReturnInterview, TimelineEntry
from .case import CaseError
from .concerns import concern_link_add

Action = AuditEvent.Action
MISSING = TimelineEntry.Kind.MISSING

# Three or more episodes in 90 days call for a strategy discussion (the flag on the case says so too).
STRATEGY_WINDOW = timedelta(days=90)


@dataclass(frozen=True)
class EpisodeFacts:
    reported_by: str = ""
    reported_at: datetime | None = None
    police_reference: str = ""
    police_risk: str = ""
    with_others: str = ""
    how_back: str = ""


@dataclass(frozen=True)
class InterviewFacts:
    offered_at: datetime
    offered_by: str
    accepted: bool
    done_at: datetime | None = None  # when it was held (accepted only)
    declined_why: str = ""
    said: str = ""
    said_restricted: bool = False
    push_factors: str = ""
    pull_factors: str = ""
    shared_with_police: bool | None = None


def _not_future(moment: datetime | None, message: str) -> None:
    if moment is not None and moment > timezone.now():
        raise CaseError(message)


def _missing(entry: TimelineEntry) -> None:
    if entry.kind != MISSING:
        raise CaseError(_("Only a missing episode has these details."))
    if entry.case.is_closed:
        raise CaseError(_("The case is closed: reopen it to change its timeline."))


@transaction.atomic
def episode_record(
    *,
    entry: TimelineEntry,
    by: User,
    facts: EpisodeFacts,
    with_cases: list[Case],
    with_concerns: list[ConcernEntry] | None = None,
) -> MissingEpisode:
    """Records (or corrects) what is known about a missing episode. The young people named as with them
    must be other cases of the team that `by` may see, and the register's entries ones `by` may link to the
    case: anything else is refused. Each entry named is linked to the case in the register too."""
    _missing(entry)
    if facts.reported_at is not None and facts.reported_at < entry.occurred_at:
        raise CaseError(_("They cannot have been reported missing before they went missing."))
    _not_future(facts.reported_at, _("The time they were reported missing cannot be in the future."))
    allowed = set(
        access.companion_choices(by, entry.case).filter(pk__in=[c.pk for c in with_cases]).values_list("pk", flat=True)
    )
    if any(other.pk not in allowed for other in with_cases):
        raise CaseError(_("Choose young people from the list."))
    episode, created = MissingEpisode.objects.update_or_create(entry=entry, defaults=vars(facts))
    # Names the reader may not see are kept: this person may not even know they are there.
    hidden = episode.with_cases.exclude(pk__in=access.visible_cases(by).values("pk")) if not created else []
    episode.with_cases.set([*with_cases, *hidden])
    if with_concerns is not None:
        _name_concerns(episode, by, with_concerns)
    audit.record(user=by, case=entry.case, action=Action.CHANGE, what=f"missing episode {entry.pk} details")
    return episode


def _name_concerns(episode: MissingEpisode, by: User, named: list[ConcernEntry]) -> None:
    entry = episode.entry
    allowed = access.concern_choices(by, entry.case)
    if allowed.filter(pk__in=[concern.pk for concern in named]).count() != len(set(named)):
        raise CaseError(_("Choose entries of the register from the list."))
    # Entries this person may not change stay named: as with the young people, they may not know of them.
    kept = episode.with_concerns.exclude(pk__in=allowed.values("pk"))
    episode.with_concerns.set([*named, *kept])
    linked = set(ConcernLink.objects.filter(case=entry.case, entry__in=named).values_list("entry_id", flat=True))
    day = timezone.localtime(entry.occurred_at).date()
    for concern in named:
        if concern.pk not in linked:
            source = _("With them when they went missing on %(day)s") % {"day": f"{day:%d %b %Y}"}
            concern_link_add(entry=concern, case=entry.case, source=source, noticed_on=day, by=by)


@transaction.atomic
def return_interview_record(*, entry: TimelineEntry, by: User, facts: InterviewFacts) -> ReturnInterview:
    """Records (or corrects) the return home interview of an episode. Held, or offered and declined, it
    ends the 72-hour countdown (`return_interview_done_at`: when it was held, or when the offer was
    declined), and what the people told about it were told is done."""
    _missing(entry)
    _check_interview(entry, facts)
    fields = {name: value for name, value in vars(facts).items() if name != "done_at"}
    if facts.accepted:
        fields["declined_why"] = ""
    interview, created = ReturnInterview.objects.update_or_create(entry=entry, defaults={**fields, "recorded_by": by})
    ends = facts.done_at if facts.accepted else facts.offered_at
    if entry.return_interview_done_at != ends:
        entry.return_interview_done_at = ends
        entry.save(update_fields=["return_interview_done_at"])
    what = "return home interview" if created else "return home interview corrected"
    audit.record(user=by, case=entry.case, action=Action.CHANGE, what=f"{what} (episode {entry.pk})")
    notices.interview_done(entry=entry)  # settles what was said about it: nothing more the second time
    return interview


def _check_interview(entry: TimelineEntry, facts: InterviewFacts) -> None:
    if entry.returned_at is None:
        raise CaseError(_("Record that they are back first: the return home interview follows."))
    if facts.offered_at < entry.returned_at:
        raise CaseError(_("The interview cannot have been offered before they came back."))
    _not_future(facts.offered_at, _("The time it was offered cannot be in the future."))
    if facts.accepted and facts.done_at is None:
        raise CaseError(_("Say when the interview was held."))
    if facts.done_at is not None and facts.done_at < facts.offered_at:
        raise CaseError(_("The interview cannot have been held before it was offered."))
    _not_future(facts.done_at, _("The time of the interview cannot be in the future."))


def run_start(case: Case, until: datetime) -> tuple[int, int] | None:
    """The first episode of the run of missing episodes that reaches `until` (a run: episodes less than 90
    days apart), and how many of the case's episodes fall in the 90 days up to `until`; None when there are
    none. The case's episodes are few: their dates are read, newest first, up to the run's start."""
    moments = TimelineEntry.objects.filter(case=case, kind=MISSING, occurred_at__lte=until).order_by(
        "-occurred_at", "-pk"
    )
    start, later, in_window = None, until, 0
    for pk, occurred_at in moments.values_list("pk", "occurred_at").iterator():
        if later - occurred_at >= STRATEGY_WINDOW:
            break
        start, later = pk, occurred_at
        in_window += until - occurred_at < STRATEGY_WINDOW
    return (start, in_window) if start is not None else None


def strategy_check(*, entry: TimelineEntry) -> None:
    """After a missing episode is recorded: three or more in the 90 days up to now tell the team's managers
    that a strategy discussion is needed, once per run of episodes."""
    now = timezone.now()
    if entry.kind != MISSING or now - entry.occurred_at >= STRATEGY_WINDOW:
        return
    found = run_start(entry.case, now)
    if found is not None and found[1] >= STRATEGY_AFTER:
        notices.strategy_discussion(case=entry.case, run_start_pk=found[0], episodes=found[1])
