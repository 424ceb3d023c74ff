"""Recording who saw and changed what. Views record views; services record changes.

The audit is a hash chain: each entry stores the hash of the entry before it (`prev_hash`) and its own
`hash`, the SHA-256 of `prev_hash` followed by a canonical serialisation of its fields. Changing an
entry breaks its hash; removing one breaks the link of the entry after it. `verify_chain` (and
`manage.py audit_verify`) walks the chain and names the first entry that does not hold.

Only one writer at a time may take the last entry as its `prev_hash`: on PostgreSQL an advisory lock
held to the end of the transaction; on SQLite the write transaction itself (the settings open every
transaction with BEGIN IMMEDIATE, which takes the database's write lock). A unique constraint on
`prev_hash` makes a forked chain impossible even so.
"""

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .models import AuditEvent, Case, Referral

# The prev_hash of the first entry.
GENESIS = "0" * 64
# Any fixed number: the key of the advisory lock that serialises writers of the audit.
CHAIN_LOCK = 7_401_180_217
VERIFY_CHUNK = 2000


def entry_hash(
    *,
    prev_hash: str,
    at: datetime,
    user_id: int | None,
    case_id: int | None,
    referral_id: int | None,
    action: str,
    what: str,
) -> str:
    """The hash of one entry. This serialisation must never change: every stored hash depends on it."""
    fields = {
        "at": at.astimezone(UTC).isoformat(timespec="microseconds"),
        "user": user_id,
        "case": case_id,
        "referral": referral_id,
        "action": action,
        "what": what,
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode("utf-8")).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def record(*, user: User | None, case: Case | None, action: str, what: str, referral: Referral | None = None) -> None:
    user_id = user.pk if user is not None and user.is_authenticated else None
    # savepoint=False: inside a service's transaction the entry stands or falls with the change it records.
    with transaction.atomic(savepoint=False):
        _lock_chain()
        prev_hash = AuditEvent.objects.order_by("-pk").values_list("hash", flat=True).first() or GENESIS
        # The time is taken once the lock is held, so that times never go backwards along the chain.
        entry = AuditEvent(
            at=timezone.now(),
            user_id=user_id,
            case=case,
            referral=referral,
            action=action,
            what=what[:200],
            prev_hash=prev_hash,
        )
        entry.hash = entry_hash(
            prev_hash=prev_hash,
            at=entry.at,
            user_id=user_id,
            case_id=entry.case_id,
            referral_id=entry.referral_id,
            action=entry.action,
            what=entry.what,
        )
        entry.save(force_insert=True)


def viewed(request, case: Case | None, what: str, *, referral: Referral | None = None) -> None:
    record(user=request.user, case=case, action=AuditEvent.Action.VIEW, what=what, referral=referral)


@dataclass(frozen=True)
class ChainReport:
    count: int
    checksum: str  # the hash of the last entry: equal checksums, equal chains
    broken_at: int | None = None  # the pk of the first entry that does not hold
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None


def _entries(using: str) -> Iterator[tuple]:
    return (
        AuditEvent.objects.using(using)
        .order_by("pk")
        .values_list("pk", "prev_hash", "hash", "at", "user_id", "case_id", "referral_id", "action", "what")
        .iterator(chunk_size=VERIFY_CHUNK)
    )


def verify_chain(using: str = "default") -> ChainReport:
    """Walk the whole chain in order, a chunk at a time, and stop at the first entry that does not hold."""
    count, expected_prev = 0, GENESIS
    for pk, prev_hash, stored_hash, at, user_id, case_id, referral_id, action, what in _entries(using):
        if prev_hash != expected_prev:
            problem = (
                "it does not follow the entry before it: an entry before it was removed or changed"
                if count
                else "it is the first entry, but does not start the chain: entries before it were removed"
            )
            return ChainReport(count, expected_prev, broken_at=pk, problem=problem)
        actual = entry_hash(
            prev_hash=prev_hash,
            at=at,
            user_id=user_id,
            case_id=case_id,
            referral_id=referral_id,
            action=action,
            what=what,
        )
        if actual != stored_hash:
            problem = "its contents were changed after it was written"
            return ChainReport(count, expected_prev, broken_at=pk, problem=problem)
        count += 1
        expected_prev = stored_hash
    return ChainReport(count, expected_prev)


def chain_checksum(using: str = "default") -> tuple[int, str]:
    """(number of entries, hash of the last one): two databases with equal checksums hold the same chain.
    Two quick queries; `verify_chain` is what proves the chain holds."""
    entries = AuditEvent.objects.using(using)
    last = entries.order_by("-pk").values_list("hash", flat=True).first()
    return entries.count(), last or GENESIS


# "Who has looked at my record": the young person's view of the audit, in plain words.
LOOKED_WITHIN = timedelta(days=91)  # about three months


@dataclass(frozen=True)
class Looked:
    """Someone, or a group of people, who opened a young person's record: who, in plain words; how many
    people that is; and the last time one of them looked."""

    who: str
    people: int
    last: datetime


def _who(row: Mapping, case: Case) -> str:
    """Who someone is, as the young person would say it. Only the two people they work with are named,
    by first name, because they know them ("Jo, your worker"): anyone else is a stranger to them, and a
    stranger's name tells them less than their role or agency does (and is the member of staff's own)."""
    user_id, role, first_name = row["user_id"], row["user__role"], row["user__first_name"]
    if user_id == case.key_worker_id:
        return _("%(name)s, your worker") % {"name": first_name} if first_name else _("Your worker")
    if user_id == case.plan_coordinator_id:
        if first_name:
            return _("%(name)s, who helps everyone stick to your plan") % {"name": first_name}
        return _("The person who helps everyone stick to your plan")
    if role == User.Role.PARTNER and row["user__agency__name"]:
        return _("Someone from %(agency)s") % {"agency": row["user__agency__name"]}
    if role == User.Role.MANAGER:
        return _("A manager in the ACT team")
    if role == User.Role.PLAN_COORDINATOR:
        return _("Someone who helps young people and families stick to their plans")
    if role == User.Role.ADMINISTRATOR:
        return _("Someone who looks after this system")
    return _("Someone else in the ACT team")


def who_looked(case: Case, *, now: datetime | None = None) -> list[Looked]:
    """Who opened this case's record in the last three months, grouped as the young person would say it,
    the most recent first. One query. Only people with an account count: what the young person and their
    family did through their own links is theirs, not someone looking at them. It says nothing of what
    anyone looked at (a restricted entry's existence would be a detail in itself)."""
    since = (now or timezone.now()) - LOOKED_WITHIN
    rows = (
        AuditEvent.objects.filter(case=case, action=AuditEvent.Action.VIEW, user__isnull=False, at__gte=since)
        .values("user_id", "user__role", "user__first_name", "user__agency__name")
        .annotate(last=Max("at"))
        .order_by()
    )
    grouped: dict[str, tuple[int, datetime]] = {}
    for row in rows:
        who = _who(row, case)
        people, last = grouped.get(who, (0, row["last"]))
        grouped[who] = (people + 1, max(last, row["last"]))
    looked = [Looked(who=who, people=people, last=last) for who, (people, last) in grouped.items()]
    return sorted(looked, key=lambda entry: (-entry.last.timestamp(), entry.who))
