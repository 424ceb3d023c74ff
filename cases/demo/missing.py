"""Demo: the depth of Destiny's and Lily's missing episode (they went missing together, so each names the
other), and Lily's return home interview in full (accepted, with push and pull factors, shared with the
police; what she said restricted). Run after `cases.demo.seed`, which records the episodes themselves."""

from datetime import timedelta

from accounts.models import User

from .. import services
from ..models import Case, MissingEpisode, TimelineEntry


def _episode(case: Case) -> TimelineEntry | None:
    return case.timeline.filter(kind=TimelineEntry.Kind.MISSING).order_by("-occurred_at").first()


def seed(people: dict[str, User], cases: dict[str, Case]) -> None:
    destiny, lily = _episode(cases["destiny"]), _episode(cases["lily"])
    if destiny is None or lily is None or MissingEpisode.objects.filter(entry__in=[destiny, lily]).exists():
        return
    # The manager sees both cases, so may name each young person on the other's episode (their workers
    # each see only their own: they see the other named only where they may see that case).
    manager = people["manager"]
    services.episode_record(
        entry=destiny,
        by=manager,
        facts=services.EpisodeFacts(
            reported_by="Night staff at the children's home",
            reported_at=destiny.occurred_at + timedelta(hours=2),
            police_reference="GMP-MFH-20417",
            police_risk="medium",
            with_others="Two older males in a grey car; one called 'Jay'",
            how_back="Police found her and brought her back to the children's home",
        ),
        with_cases=[cases["lily"]],
    )
    services.episode_record(
        entry=lily,
        by=manager,
        facts=services.EpisodeFacts(
            reported_by="Her supported accommodation key worker",
            reported_at=lily.occurred_at + timedelta(hours=3),
            police_reference="GMP-MFH-20418",
            police_risk="low",
            with_others="The same two older males as Destiny",
            how_back="Came back to her flat by taxi in the morning",
        ),
        with_cases=[cases["destiny"]],
    )
    _lilys_interview(lily, people["worker2"])


def _lilys_interview(lily: TimelineEntry, worker: User) -> None:
    returned = lily.returned_at
    assert returned is not None, "Lily's episode ended (cases.demo.seed)"
    done = lily.return_interview_done_at or returned + timedelta(hours=48)
    services.return_interview_record(
        entry=lily,
        by=worker,
        facts=services.InterviewFacts(
            offered_at=returned + timedelta(hours=5),
            offered_by="Kieran Walsh, ACT Rochdale",
            accepted=True,
            done_at=done,
            said=(
                "Lily said they were taken to a flat in Oldham where there was a party. She was given vodka and "
                "'Jay' paid for the taxi back. She did not want to say more."
            ),
            said_restricted=True,
            push_factors="Feels lonely in her flat; rows with her mum on the phone",
            pull_factors="Being with Destiny; the older males give them lifts, alcohol and phone top-ups",
            shared_with_police=True,
        ),
    )
