"""The people around each young person (about eight each): family, friends, professionals without an
account, and on about a third of the cases a partner agency worker with an account, who may contribute.
A few partners were removed again (the row stays, with when)."""

from dataclasses import dataclass
from datetime import timedelta

from cases.models import NetworkMember

from . import bulk
from .cases import SeedCase
from .people import People
from .words import Words

MEMBERS = 8
PARTNER_SHARE = 0.35
SECOND_PARTNER_SHARE = 0.1
REMOVED_SHARE = 0.05

Kind = NetworkMember.Kind
FAMILY = ["Mum", "Dad", "Nan", "Grandad", "Older sister", "Older brother", "Aunt", "Uncle", "Stepdad", "Cousin"]
PROFESSIONALS = [
    ("School nurse", "School health"),
    ("GP", "Surgery"),
    ("Youth worker", "Youth service"),
    ("Form tutor", "School"),
    ("Social worker", "Children's social care"),
]


@dataclass(frozen=True)
class PartnerMember:
    """A partner's membership of a case: what the grants are derived from."""

    case_id: int
    user_id: int
    can_contribute: bool
    removed: bool


def _ordinary(case: SeedCase, words: Words, index: int) -> dict:
    rng = words.rng
    row = {
        "case_id": case.pk,
        "name": " ".join(words.name()),
        "added_by_id": case.key_worker_id,
        "added_at": case.opened_at + timedelta(days=rng.uniform(1, 30)),
        "closeness": rng.choice(NetworkMember.Closeness.values),
        "young_persons_view": rng.choice(NetworkMember.View.values),
    }
    if index < 4:
        return row | {"kind": Kind.FAMILY, "relationship": rng.choice(FAMILY)}
    if index < 6:
        return row | {"kind": Kind.FRIEND, "relationship": "Friend", "feels_unsafe": rng.random() < 0.05}
    role, agency = rng.choice(PROFESSIONALS)
    return row | {"kind": Kind.PROFESSIONAL, "relationship": role, "agency": agency}


def _partner_row(case: SeedCase, member: PartnerMember, people: People, words: Words) -> dict:
    added = case.opened_at + timedelta(days=words.rng.uniform(1, 20))
    return {
        "case_id": case.pk,
        "kind": Kind.PROFESSIONAL,
        "name": people.names[member.user_id],
        "relationship": "Partner agency worker",
        "agency": people.agency_names[member.user_id],
        "closeness": NetworkMember.Closeness.SOME,
        "user_id": member.user_id,
        "can_contribute": member.can_contribute,
        "added_by_id": case.key_worker_id,
        "added_at": added,
        "removed_at": min(added + timedelta(days=30), case.until) if member.removed else None,
    }


def _partners_of(case: SeedCase, people: People, words: Words) -> list[PartnerMember]:
    rng = words.rng
    if rng.random() >= PARTNER_SHARE:
        return []
    count = 2 if rng.random() < SECOND_PARTNER_SHARE else 1
    chosen = rng.sample(people.partners, min(count, len(people.partners)))
    return [PartnerMember(case.pk, user_id, rng.random() < 0.5, rng.random() < REMOVED_SHARE) for user_id in chosen]


def build(*, cases: list[SeedCase], people: People, words: Words, busy: SeedCase) -> list[PartnerMember]:
    """Write every case's network; the partners' memberships, for the grants."""
    rows: list[dict] = []
    partners: list[PartnerMember] = []
    for case in cases:
        theirs = _partners_of(case, people, words)
        if case is busy:  # the measured partner is on the busy case, able to contribute
            theirs = [PartnerMember(case.pk, people.partners[0], True, False)]
        partners += theirs
        rows += [_partner_row(case, member, people, words) for member in theirs]
        rows += [_ordinary(case, words, i) for i in range(MEMBERS - len(theirs))]
    ids = bulk.reserve_ids(NetworkMember, len(rows))
    bulk.copy_rows(NetworkMember, (row | {"id": pk} for row, pk in zip(rows, ids, strict=True)))
    return partners
