"""Every case's assessment, as `assessments.services.assessment_open` makes it when the case opens (all its
sections and a review point), with the reviews held since: about ten review points per case in all, each held
one with its snapshot; an open case has one review still to hold, and about 1% of all review points are due
now or overdue."""

import json
from collections.abc import Iterator
from datetime import date, timedelta

from django.utils import timezone

from assessments.models import Assessment, Contribution, ReviewPoint, Revision, Section, TimescaleAgreement
from assessments.sections import Audience, SectionKind

from . import bulk
from .cases import DAY, SeedCase
from .people import People
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


# Who writes in which section (by position in SectionKind): the young person "About me", a parent or carer
# "Family and home", the key worker "Keeping safe"; the worker's judgement on "What is going well" and
# "Keeping safe".
ABOUT_ME, FAMILY, SAFETY, GOING_WELL = 0, 2, 6, 1
WRITTEN_AFTER = 14 * DAY


class Contributions:
    """Everyone's words in each assessment, each save a revision, and the worker's judgement."""

    def __init__(self, words: Words, people: People):
        self.words = words
        self.people = people
        self.contributions: list[dict] = []
        self.revisions: list[dict] = []

    def _words(self, section: dict, case: SeedCase, who: tuple[str, str, int | None], added: bool) -> None:
        contributor, name, author = who
        at = case.opened_at + WRITTEN_AFTER
        versions = self.words.rng.randint(1, 3)
        text = self.words.paragraph()
        display = str(Audience(contributor).label)
        row = {
            "section_id": section["id"],
            "contributor": contributor,
            "contributor_name": name,
            "author_id": author,
            "text": text,
            "version": versions,
            "created_at": at,
            "updated_at": at,
            "status": Contribution.Status.ADDED if added else Contribution.Status.SENT,
            "sent_at": at,
            "added_at": at + DAY if added else None,
            "added_by_id": case.key_worker_id if added else None,
        }
        self.contributions.append(row)
        label = self.people.names.get(author or 0) or f"{name} ({display})"
        for version in range(1, versions + 1):
            self.revisions.append(
                {
                    "section_id": section["id"],
                    "contribution": row,
                    "version": version,
                    "content": {"text": text, "who": f"{name} ({display})"},
                    "changed_by_id": author,
                    "changed_by_label": label,
                    "changed_at": at - timedelta(hours=versions - version),
                }
            )

    def _judgement(self, section: dict, case: SeedCase) -> None:
        at = case.opened_at + 4 * WRITTEN_AFTER
        name = self.people.names[case.key_worker_id]
        judgement = {
            "going_well": self.words.sentence(),
            "worries": self.words.sentence(),
            "why": self.words.sentence(),
        }
        section |= {
            "judgement_going_well": judgement["going_well"],
            "judgement_worries": judgement["worries"],
            "judgement_why": judgement["why"],
            "judgement_version": 1,
            "judgement_updated_at": at,
            "judgement_updated_by_id": case.key_worker_id,
        }
        self.revisions.append(
            {
                "section_id": section["id"],
                "contribution": None,
                "version": 1,
                "content": judgement | {"who": name},
                "changed_by_id": case.key_worker_id,
                "changed_by_label": name,
                "changed_at": at,
            }
        )

    def add(self, case: SeedCase, sections: list[dict]) -> None:
        age = case.until - case.opened_at
        if age < WRITTEN_AFTER:
            return
        added = age > 2 * WRITTEN_AFTER
        self._words(sections[ABOUT_ME], case, (Audience.YOUNG_PERSON, case.given_name, None), added)
        self._words(sections[FAMILY], case, (Audience.PARENT_CARER, "Mum", None), added)
        worker = self.people.names[case.key_worker_id]
        self._words(sections[SAFETY], case, (Audience.KEY_WORKER, worker, case.key_worker_id), True)
        if age > 4 * WRITTEN_AFTER:
            self._judgement(sections[GOING_WELL], case)
            self._judgement(sections[SAFETY], case)

    def ids(self) -> None:
        """Give the contributions their ids, and the revisions the ids of their contributions."""
        for row, pk in zip(self.contributions, bulk.reserve_ids(Contribution, len(self.contributions)), strict=True):
            row["id"] = pk
        for revision in self.revisions:
            contribution = revision.pop("contribution")
            revision["contribution_id"] = contribution["id"] if contribution else None


def _assessment_rows(cases: list[SeedCase], ids: dict[int, int]) -> Iterator[dict]:
    for case in cases:
        picture = case.opened_at + 80 * DAY
        agreed = case.opened_at + 9 * DAY < case.until  # as `_timescale_rows` agrees it
        yield {
            "id": ids[case.pk],
            "case_id": case.pk,
            "created_at": case.opened_at,
            "first_picture_at": picture if picture < case.until else None,
            # What the manager's decision keeps on the assessment (timescale_decide): the agreed target date.
            "agreed_target_on": (case.opened_at + 84 * DAY).date() if agreed else None,
        }


def _timescale_rows(cases: list[SeedCase], ids: dict[int, int], words: Words) -> Iterator[dict]:
    for case in cases:
        proposed = case.opened_at + 7 * DAY
        row = {
            "assessment_id": ids[case.pk],
            "getting_to_know_weeks": 6,
            "engagement_strategy": words.sentence(),
            "target_date": (case.opened_at + 84 * DAY).date(),
            "created_by_id": case.key_worker_id,
            "created_at": proposed,
        }
        yield row
        if proposed + 2 * DAY < case.until:
            yield row | {
                "status": TimescaleAgreement.Status.AGREED,
                "created_by_id": case.manager_id,
                "created_at": proposed + 2 * DAY,
            }


def build(*, cases: list[SeedCase], review_points: int, words: Words, people: People) -> dict[str, int]:
    assessment_ids = bulk.reserve_ids(Assessment, len(cases))
    ids = {case.pk: pk for case, pk in zip(cases, assessment_ids, strict=True)}
    bulk.copy_rows(Assessment, _assessment_rows(cases, ids))
    timescales = list(_timescale_rows(cases, ids, words))
    bulk.copy_new(TimescaleAgreement, timescales)
    section_ids = bulk.reserve_ids(Section, len(cases) * len(SectionKind.values))
    words_of = Contributions(words, people)
    sections = []
    for index, row in enumerate(_section_rows(assessment_ids)):
        row["id"] = section_ids[index]
        sections.append(row)
    for number, case in enumerate(cases):
        words_of.add(case, sections[number * len(SectionKind.values) : (number + 1) * len(SectionKind.values)])
    bulk.copy_rows(Section, sections)
    words_of.ids()
    bulk.copy_rows(Contribution, words_of.contributions)
    bulk.copy_new(Revision, words_of.revisions)
    reviews = list(_review_rows(cases, ids, review_points, words))
    bulk.copy_new(ReviewPoint, reviews)
    return {
        "assessments": len(cases),
        "sections": len(sections),
        "timescale agreements": len(timescales),
        "contributions": len(words_of.contributions),
        "revisions": len(words_of.revisions),
        "review points": len(reviews),
    }
