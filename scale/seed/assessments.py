"""Every case's assessment, as `assessments.services.assessment_open` makes it when the case opens (all its
sections and a review point), with the reviews held since: about ten review points per case in all, each held
one with its snapshot; an open case has one review still to hold, and about 1% of all review points are due
now or overdue."""

import json
from collections.abc import Iterator
from datetime import date, timedelta

from django.utils import timezone

from assessments.models import Assessment, ReviewPoint, Section
from assessments.sections import SectionKind

from . import bulk
from .cases import SeedCase
from .words import Words

DUE_SHARE = 0.01
INTERVAL_WEEKS = 6
# A held review's snapshot of the sections (as `assessments.services.reviews.snapshot` keeps it), written as
# JSON text once: only its time differs from review to review.
_SECTIONS = json.dumps(
    [
        {"kind": kind, "judgement": {"going_well": "", "worries": "", "why": ""}, "contributions": []}
        for kind in SectionKind.values
    ]
)


def _snapshot(taken: str) -> str:
    return f'{{"taken_at": "{taken}", "sections": {_SECTIONS}}}'


def _section_rows(assessment_ids: range) -> Iterator[dict]:
    for assessment_id in assessment_ids:
        for position, kind in enumerate(SectionKind.values):
            yield {"assessment_id": assessment_id, "kind": kind, "position": position}


def _held(case: SeedCase, assessment_id: int, count: int, words: Words) -> Iterator[dict]:
    span = case.until - case.opened_at
    for i in range(count):
        at = case.opened_at + span * (i + 1) / (count + 1)
        yield {
            "assessment_id": assessment_id,
            "due_on": at.date(),
            "held_at": at,
            "held_by_id": case.key_worker_id,
            "what_changed": words.sentence(),
            "snapshot": _snapshot(at.isoformat()),
        }


def _open_due(today: date, words: Words, due: bool) -> date:
    if due:
        return today - timedelta(days=words.rng.randrange(0, 14))
    return today + timedelta(days=words.rng.randrange(1, INTERVAL_WEEKS * 7))


def _review_rows(cases: list[SeedCase], ids: dict[int, int], total: int, words: Words) -> Iterator[dict]:
    open_cases = [case for case in cases if not case.is_closed]
    held_total = max(0, total - len(open_cases))
    due = set(words.rng.sample([c.pk for c in open_cases], min(len(open_cases), round(total * DUE_SHARE))))
    days = {case.pk: max(1.0, (case.until - case.opened_at).days) for case in cases}
    whole = sum(days.values())
    today = timezone.localdate()
    for case in cases:
        yield from _held(case, ids[case.pk], round(held_total * days[case.pk] / whole), words)
        if not case.is_closed:
            yield {"assessment_id": ids[case.pk], "due_on": _open_due(today, words, case.pk in due)}


def build(*, cases: list[SeedCase], review_points: int, words: Words) -> dict[str, int]:
    assessment_ids = bulk.reserve_ids(Assessment, len(cases))
    ids = {case.pk: pk for case, pk in zip(cases, assessment_ids, strict=True)}
    bulk.copy_rows(
        Assessment,
        ({"id": ids[case.pk], "case_id": case.pk, "created_at": case.opened_at} for case in cases),
    )
    sections = list(_section_rows(assessment_ids))
    section_ids = bulk.reserve_ids(Section, len(sections))
    bulk.copy_rows(Section, (row | {"id": pk} for row, pk in zip(sections, section_ids, strict=True)))
    reviews = list(_review_rows(cases, ids, review_points, words))
    review_ids = bulk.reserve_ids(ReviewPoint, len(reviews))
    bulk.copy_rows(ReviewPoint, (row | {"id": pk} for row, pk in zip(reviews, review_ids, strict=True)))
    return {"assessments": len(cases), "sections": len(sections), "review points": len(reviews)}
