"""The timeline: contacts, significant events and missing episodes, spread over each case's life (longer
cases have more), about 5% restricted, about 2% missing episodes with what the police and the return home
interview added. The biggest table: its rows go through COPY as they are made."""

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.utils import timezone

from cases.models import RETURN_INTERVIEW_WITHIN, MissingEpisode, PoliceRisk, ReturnInterview, TimelineEntry

from . import bulk
from .cases import SeedCase
from .sizes import BUSY_TIMELINE
from .words import Words

RESTRICTED_SHARE = 0.05
MISSING_SHARE = 0.02
EVENT_SHARE = 0.1
INTERVIEW_DONE_SHARE = 0.85

Kind = TimelineEntry.Kind
METHODS = TimelineEntry.Method.values
CONTACTS = ["Home visit", "Phone call", "Met at school", "Walk and talk", "Text check-in", "Drive to appointment"]
EVENTS = ["Police intelligence shared", "Strategy meeting held", "Exclusion from school", "Disclosure made"]


def counts(cases: list[SeedCase], total: int, busy: SeedCase) -> list[int]:
    """How many entries each case has: in proportion to how long it has been open; the busy case has its own."""
    days = [max(1.0, (case.until - case.opened_at).total_seconds() / 86400) for case in cases]
    rest = total - BUSY_TIMELINE
    whole = sum(d for case, d in zip(cases, days, strict=True) if case is not busy) or 1.0
    return [
        BUSY_TIMELINE if case is busy else max(1, round(rest * d / whole)) for case, d in zip(cases, days, strict=True)
    ]


def _author(case: SeedCase, at: datetime) -> int:
    if case.previous_worker_id and case.worker_since and at < case.worker_since:
        return case.previous_worker_id
    return case.key_worker_id


def _missing(row: dict, rng: random.Random, now: datetime) -> dict:
    went = row["occurred_at"]
    back = went + timedelta(hours=rng.uniform(2, 60))
    if back > now:
        return row | {"summary": "Missing from home"}
    done = back + timedelta(hours=rng.uniform(12, 70)) if rng.random() < INTERVIEW_DONE_SHARE else None
    return row | {
        "summary": "Missing from home",
        "returned_at": back,
        "where_found": "Found in the town centre",
        "return_interview_due_at": back + RETURN_INTERVIEW_WITHIN,
        "return_interview_done_at": done if done and done < now else None,
    }


def _entry(case: SeedCase, at: datetime, words: Words, now: datetime) -> dict:
    rng = words.rng
    roll = rng.random()
    row = {
        "case_id": case.pk,
        "occurred_at": at,
        "details": words.paragraph(),
        "author_id": _author(case, at),
        "created_at": min(at + timedelta(hours=rng.uniform(0.5, 30)), now),
        "restricted": rng.random() < RESTRICTED_SHARE,
    }
    if roll < MISSING_SHARE:
        return _missing(row | {"kind": Kind.MISSING}, rng, now)
    if roll < MISSING_SHARE + EVENT_SHARE:
        return row | {"kind": Kind.EVENT, "summary": rng.choice(EVENTS)}
    words_said = words.sentence() if rng.random() < 0.3 else ""
    return row | {
        "kind": Kind.CONTACT,
        "summary": rng.choice(CONTACTS),
        "method": rng.choice(METHODS),
        "seen_alone": rng.random() < 0.6,
        "their_words": words_said,
    }


class Timeline:
    """Makes the rows, and remembers the missing episodes among them for their own tables."""

    def __init__(self, words: Words):
        self.words = words
        self.missing: list[dict] = []

    def rows(self, cases: list[SeedCase], per_case: list[int], ids: range) -> Iterator[dict]:
        now = timezone.now()
        next_id = iter(ids)
        for case, count in zip(cases, per_case, strict=True):
            span = (case.until - case.opened_at).total_seconds()
            for _ in range(count):
                at = case.opened_at + timedelta(seconds=self.words.rng.uniform(0, span))
                row = _entry(case, at, self.words, now) | {"id": next(next_id)}
                if row["kind"] == Kind.MISSING:
                    self.missing.append(row)
                yield row


def _episode_rows(missing: list[dict], words: Words) -> Iterator[dict]:
    for row in missing:
        yield {
            "entry_id": row["id"],
            "reported_by": "Parent",
            "reported_at": row["occurred_at"] + timedelta(hours=3),
            "police_reference": f"GMP-{row['id']:08d}",
            "police_risk": words.rng.choice(PoliceRisk.values),
            "with_others": words.sentence() if words.rng.random() < 0.3 else "",
            "how_back": "Came home",
            "updated_at": row["created_at"],
        }


def _interview_rows(missing: list[dict], words: Words) -> Iterator[dict]:
    for row in missing:
        done = row.get("return_interview_done_at")
        if done:
            yield {
                "entry_id": row["id"],
                "offered_at": done - timedelta(hours=4),
                "offered_by": "ACT worker",
                "accepted": words.rng.random() < 0.8,
                "said": words.paragraph(),
                "said_restricted": words.rng.random() < 0.2,
                "recorded_by_id": row["author_id"],
                "updated_at": done,
            }


def build(*, cases: list[SeedCase], total: int, busy: SeedCase, words: Words, progress) -> dict[str, int]:
    per_case = counts(cases, total, busy)
    ids = bulk.reserve_ids(TimelineEntry, sum(per_case))
    timeline = Timeline(words)
    written = 0
    # In slices, so that a long run says how far it has got.
    step = max(1, len(cases) // 10)
    for start in range(0, len(cases), step):
        chunk, chunk_counts = cases[start : start + step], per_case[start : start + step]
        first = ids.start + sum(per_case[:start])
        written += bulk.copy_rows(TimelineEntry, timeline.rows(chunk, chunk_counts, range(first, ids.stop)))
        progress(f"{written:,} of {len(ids):,} timeline entries")
    episodes = bulk.copy_rows(MissingEpisode, _episode_rows(timeline.missing, words))
    interviews = bulk.copy_rows(ReturnInterview, _interview_rows(timeline.missing, words))
    return {"timeline entries": written, "missing episodes": episodes, "return interviews": interviews}
