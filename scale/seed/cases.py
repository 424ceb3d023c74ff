"""Young people and their cases: the referral each came from, the stages they went through, the key
workers they had (a spell each), their consent to share. Dates are spread over the last two years; about
four in ten cases opened long enough ago have closed, so each worker holds about 25 open cases."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils import timezone

from cases.models import (
    Case,
    CloseOutcome,
    Consent,
    KeyWorkerSpell,
    LivingSituation,
    Referral,
    Stage,
    StageChange,
    Urgency,
    Worry,
    YoungPerson,
)

from . import bulk
from .people import People
from .words import Words

YEARS = 2
CLOSED_SHARE = 0.4
COORDINATED_SHARE = 0.3
NEW_WORKER_SHARE = 0.2
DAY = timedelta(days=1)


@dataclass
class SeedCase:
    pk: int
    team_id: int
    young_person_id: int
    given_name: str
    key_worker_id: int
    manager_id: int
    coordinator_id: int | None
    stage: str
    opened_at: datetime
    closed_at: datetime | None
    previous_worker_id: int | None = None
    worker_since: datetime | None = None

    @property
    def is_closed(self) -> bool:
        return self.stage == Stage.CLOSED

    @property
    def until(self) -> datetime:
        """The end of the case's life so far: when it closed, or now."""
        return self.closed_at or timezone.now()


@dataclass
class Built:
    cases: list[SeedCase]
    busy: SeedCase
    worker_id: int  # the measured worker: the busy case's key worker


def _open_stage(age: timedelta, words: Words) -> str:
    if age < 30 * DAY:
        return Stage.GETTING_TO_KNOW
    if age < 90 * DAY:
        return Stage.ASSESSMENT
    return Stage.MOVING_ON if words.rng.random() < 0.2 else Stage.SUPPORT


def _dates(now: datetime, words: Words) -> tuple[str, datetime, datetime | None]:
    age = timedelta(days=words.rng.uniform(1, 365 * YEARS))
    opened = now - age
    if age > 120 * DAY and words.rng.random() < CLOSED_SHARE:
        closed = opened + timedelta(days=words.rng.uniform(90, age.days - 1))
        return Stage.CLOSED, opened, min(closed, now - DAY)
    return _open_stage(age, words), opened, None


def _assign(people: People, count: int, words: Words) -> list[SeedCase]:
    """Cases round the teams, and round each team's workers, so caseloads are even."""
    now = timezone.now()
    ids = bulk.reserve_ids(Case, count)
    people_ids = bulk.reserve_ids(YoungPerson, count)
    cases = []
    for i, (pk, young_person_id) in enumerate(zip(ids, people_ids, strict=True)):
        team = people.teams[i % len(people.teams)]
        turn = i // len(people.teams)
        worker = team.workers[turn % len(team.workers)]
        coordinator = words.rng.choice(team.coordinators) if words.rng.random() < COORDINATED_SHARE else None
        stage, opened, closed = _dates(now, words)
        case = SeedCase(
            pk,
            team.team_id,
            young_person_id,
            words.pick(words.given_names),
            worker,
            team.managers[0],
            coordinator,
            stage,
            opened,
            closed,
        )
        others = [w for w in team.workers if w != worker]
        if others and words.rng.random() < NEW_WORKER_SHARE:
            case.previous_worker_id = words.rng.choice(others)
            case.worker_since = opened + (case.until - opened) * words.rng.uniform(0.2, 0.8)
        cases.append(case)
    return cases


def _make_busy(case: SeedCase, people: People) -> None:
    """The measured case: open about ten months, in support, with a plan coordinator."""
    now = timezone.now()
    team = next(t for t in people.teams if t.team_id == case.team_id)
    case.stage = Stage.SUPPORT
    case.opened_at = now - 300 * DAY
    case.closed_at = None
    case.coordinator_id = team.coordinators[0]


def _born(words: Words, today: date) -> date:
    return today - timedelta(days=round(365.25 * words.rng.uniform(11, 17.9)))


def _young_person_rows(cases: list[SeedCase], words: Words):
    today = timezone.localdate()
    for case in cases:
        yield {
            "id": case.young_person_id,
            "team_id": case.team_id,
            "given_name": case.given_name,
            "family_name": words.pick(words.family_names),
            "date_of_birth": _born(words, today),
            "living_situation": words.rng.choice(LivingSituation.values),
            "education_setting": words.pick(words.schools),
            "enjoys": words.sentence(),
            "created_at": case.opened_at,
        }


def _case_rows(cases: list[SeedCase], words: Words):
    for case in cases:
        closed = case.is_closed
        yield {
            "id": case.pk,
            "young_person_id": case.young_person_id,
            "team_id": case.team_id,
            "key_worker_id": case.key_worker_id,
            "plan_coordinator_id": case.coordinator_id,
            "social_worker_name": " ".join(words.name()),
            "stage": case.stage,
            "opened_at": case.opened_at,
            "closed_at": case.closed_at,
            "close_reason": words.sentence() if closed else "",
            "close_outcome": words.rng.choice(CloseOutcome.values) if closed else "",
        }


def _referral_rows(cases: list[SeedCase], words: Words):
    for case in cases:
        received = case.opened_at - timedelta(hours=words.rng.uniform(2, 20))
        yield {
            "team_id": case.team_id,
            "status": Referral.Status.ACCEPTED,
            "received_at": received,
            "given_name": case.given_name,
            "family_name": "",
            "date_of_birth": date(2010, 1, 1),
            "living_situation": LivingSituation.FAMILY,
            "referrer_name": " ".join(words.name()),
            "referrer_agency": words.pick(words.schools),
            "referrer_contact": "0161 000 0000",
            "worries": words.rng.sample(Worry.values, 2),
            "worries_details": words.paragraph(),
            "young_person_knows": "yes",
            "parent_knows": "yes",
            "urgency": words.rng.choice(Urgency.values),
            "share_consent": "young_person",
            "decided_at": case.opened_at,
            "decided_by_id": case.manager_id,
            "case_id": case.pk,
        }


def _referrals(cases: list[SeedCase], words: Words) -> None:
    """One accepted referral per case, copied from the young person's record (names and birth date)."""
    born = dict(YoungPerson.objects.values_list("pk", "date_of_birth"))
    family = dict(YoungPerson.objects.values_list("pk", "family_name"))
    ids = iter(bulk.reserve_ids(Referral, len(cases)))
    rows = []
    for case, row in zip(cases, _referral_rows(cases, words), strict=True):
        row |= {
            "id": next(ids),
            "date_of_birth": born[case.young_person_id],
            "family_name": family[case.young_person_id],
        }
        rows.append(row)
    bulk.copy_rows(Referral, rows)


def _stage_rows(cases: list[SeedCase]):
    for case in cases:
        yield {
            "case_id": case.pk,
            "to_stage": Stage.GETTING_TO_KNOW,
            "reason": "Case opened",
            "changed_by_id": case.manager_id,
            "changed_at": case.opened_at,
        }
        if case.stage == Stage.GETTING_TO_KNOW:
            continue
        moved = case.opened_at + 30 * DAY
        yield {
            "case_id": case.pk,
            "from_stage": Stage.GETTING_TO_KNOW,
            "to_stage": Stage.ASSESSMENT,
            "changed_by_id": case.key_worker_id,
            "changed_at": moved,
        }
        if case.stage != Stage.ASSESSMENT:
            to = Stage.SUPPORT if case.stage == Stage.CLOSED else case.stage
            yield {
                "case_id": case.pk,
                "from_stage": Stage.ASSESSMENT,
                "to_stage": to,
                "changed_by_id": case.key_worker_id,
                "changed_at": moved + 60 * DAY,
            }
        if case.closed_at:
            yield {
                "case_id": case.pk,
                "from_stage": Stage.SUPPORT,
                "to_stage": Stage.CLOSED,
                "reason": "Goals met",
                "changed_by_id": case.key_worker_id,
                "changed_at": case.closed_at,
            }


def _spell_rows(cases: list[SeedCase]):
    for case in cases:
        if case.previous_worker_id and case.worker_since:
            yield {
                "case_id": case.pk,
                "worker_id": case.previous_worker_id,
                "started_at": case.opened_at,
                "ended_at": case.worker_since,
                "allocated_by_id": case.manager_id,
            }
        yield {
            "case_id": case.pk,
            "worker_id": case.key_worker_id,
            "started_at": case.worker_since or case.opened_at,
            "allocated_by_id": case.manager_id,
        }


def _consent_rows(cases: list[SeedCase]):
    for case in cases:
        yield {
            "case_id": case.pk,
            "basis": Consent.Basis.CONSENT,
            "given_by": Consent.GivenBy.YOUNG_PERSON,
            "given_on": case.opened_at.date(),
            "recorded_by_id": case.key_worker_id,
            "recorded_at": case.opened_at + DAY,
        }


def _with_ids(model, rows) -> list[dict]:
    rows = list(rows)
    return [row | {"id": pk} for row, pk in zip(rows, bulk.reserve_ids(model, len(rows)), strict=True)]


def build(*, people: People, count: int, words: Words) -> Built:
    cases = _assign(people, count, words)
    busy = cases[0]
    _make_busy(busy, people)
    bulk.copy_rows(YoungPerson, _young_person_rows(cases, words))
    bulk.copy_rows(Case, _case_rows(cases, words))
    _referrals(cases, words)
    bulk.copy_rows(StageChange, _with_ids(StageChange, _stage_rows(cases)))
    bulk.copy_rows(KeyWorkerSpell, _with_ids(KeyWorkerSpell, _spell_rows(cases)))
    bulk.copy_rows(Consent, _with_ids(Consent, _consent_rows(cases)))
    return Built(cases=cases, busy=busy, worker_id=busy.key_worker_id)


def open_cases_of(built: Built, worker_id: int) -> list[SeedCase]:
    return [case for case in built.cases if case.key_worker_id == worker_id and not case.is_closed]
