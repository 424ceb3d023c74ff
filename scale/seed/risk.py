"""The level of concern over time (a change at the start, then one every few months, each with why and what
is being done) and the warning signs noticed, some no longer seen."""

from collections.abc import Iterator
from datetime import timedelta

from cases.models import RiskChange, RiskLevel, WarningSign

from . import bulk
from .cases import DAY, SeedCase
from .words import Words

LEVELS = RiskLevel.values
CHANGE_EVERY = 90 * DAY


def _change_rows(case: SeedCase, words: Words) -> Iterator[dict]:
    rng = words.rng
    level = rng.choice(LEVELS[1:])
    previous = ""
    at = case.opened_at + timedelta(days=rng.uniform(1, 10))
    while at < case.until:
        yield {
            "case_id": case.pk,
            "level": level,
            "previous_level": previous,
            "why": words.sentence(),
            "doing": words.sentence(),
            "changed_by_id": case.key_worker_id,
            "changed_at": at,
        }
        previous = level
        step = rng.choice((-1, -1, 0, 1))
        level = LEVELS[min(len(LEVELS) - 1, max(0, LEVELS.index(level) + step))]
        if level == previous:
            level = LEVELS[max(0, LEVELS.index(level) - 1)] if level != LEVELS[0] else LEVELS[1]
        at += CHANGE_EVERY * rng.uniform(0.5, 1.5)


def _sign_rows(case: SeedCase, words: Words) -> Iterator[dict]:
    rng = words.rng
    for sign in rng.sample(WarningSign.Sign.values, rng.randint(1, 3)):
        noticed = case.opened_at + timedelta(days=rng.uniform(0, 20))
        ended = noticed + timedelta(days=rng.uniform(30, 200)) if rng.random() < 0.5 else None
        if ended and ended >= case.until:
            ended = None
        yield {
            "case_id": case.pk,
            "sign": sign,
            "noticed_on": noticed.date(),
            "noticed_by_id": case.key_worker_id,
            "noticed_recorded_at": noticed,
            "ended_on": ended.date() if ended else None,
            "ended_by_id": case.key_worker_id if ended else None,
            "ended_recorded_at": ended,
        }


def build(*, cases: list[SeedCase], words: Words) -> dict[str, int]:
    changes = [row for case in cases for row in _change_rows(case, words)]
    signs = [row for case in cases for row in _sign_rows(case, words)]
    bulk.copy_new(RiskChange, changes)
    bulk.copy_new(WarningSign, signs)
    return {"risk changes": len(changes), "warning signs": len(signs)}
