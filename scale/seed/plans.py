"""The family plans of the cases past getting to know each other (strengths, priorities, goals rated over
time with their actions, My Safety Plan for some, every change numbered), and their meetings: the Ambitions
meeting within eight weeks, a review about every three months, and for some open cases one coming up."""

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from cases.models import Stage
from plans.models import (
    Action,
    Attendee,
    FamilyPlan,
    Goal,
    GoalRating,
    Meeting,
    PlanChange,
    Priority,
    SafetyItem,
    SafetyPart,
    Strength,
    Whose,
)

from . import bulk
from .cases import DAY, SeedCase
from .people import People
from .words import Words

PLAN_AFTER = 35 * DAY
RATE_EVERY = 30 * DAY
REVIEW_EVERY = 90 * DAY
SAFETY_SHARE = 0.3
PLANNED_SHARE = 0.4
MAX_RATINGS = 10
GOALS = [
    "Go to school most days",
    "Feel safe when I go out",
    "Get on better with Mum",
    "Sleep better",
    "Stay in touch with my worker",
    "Try the football club",
    "Know who to call when I feel unsafe",
]
ACTIONS = [
    "Meet weekly to talk it through",
    "Speak to the school about a timetable",
    "Find a club nearby",
    "Agree a time to be home",
    "Save the numbers in my phone",
]
PLACES = ["The café on the high street", "Family home", "School", "The youth centre", "Library meeting room"]


@dataclass
class Made:
    """What the stage made that later stages and the manifest need."""

    plans: dict[int, int] = field(default_factory=dict)  # case id: plan id
    meetings: dict[int, list[int]] = field(default_factory=dict)  # case id: its meetings' ids
    counts: dict[str, int] = field(default_factory=dict)


class Plans:
    def __init__(self, words: Words, people: People):
        self.words = words
        self.people = people
        self.rows: dict[type, list[dict]] = {model: [] for model in (Strength, Priority, Goal, SafetyItem)}
        self.ratings: list[dict] = []
        self.actions: list[dict] = []
        self.changes: list[dict] = []

    def _items(self, plan: dict, case: SeedCase, made: datetime) -> None:
        rng, words = self.words.rng, self.words
        for whose in (Whose.YOUNG_PERSON, Whose.FAMILY):
            self.rows[Strength].append(
                {"plan_id": plan["id"], "whose": whose, "text": words.sentence(), "created_at": made}
            )
            self.rows[Priority].append(
                {"plan_id": plan["id"], "whose": whose, "words": words.sentence(), "rank": 1, "created_at": made}
            )
        for position, words_said in enumerate(rng.sample(GOALS, rng.randint(2, 3))):
            self.rows[Goal].append(
                {
                    "plan_id": plan["id"],
                    "owner": Whose.YOUNG_PERSON,
                    "owner_name": case.given_name,
                    "words": words_said,
                    "why": words.sentence(),
                    "position": position,
                    "created_at": made,
                    "case": case,
                }
            )
        if rng.random() < SAFETY_SHARE or plan.get("busy"):
            for part in SafetyPart.values:
                self.rows[SafetyItem].append(
                    {
                        "plan_id": plan["id"],
                        "part": part,
                        "text": words.sentence()[:300],
                        "added_by_name": case.given_name,
                        "from_young_person": True,
                        "created_at": made,
                    }
                )

    def _goal_parts(self, goal: dict, now: datetime) -> None:
        case: SeedCase = goal.pop("case")
        rng = self.words.rng
        score, at = rng.randint(1, 4), goal["created_at"]
        for _ in range(MAX_RATINGS):
            if at >= case.until:
                break
            self.ratings.append(
                {
                    "goal_id": goal["id"],
                    "score": score,
                    "rated_by": "young_person",
                    "rated_by_name": case.given_name,
                    "rated_at": at,
                }
            )
            score = min(10, max(0, score + rng.choice((-1, 0, 1, 1, 2))))
            at += RATE_EVERY * rng.uniform(0.7, 1.3)
        for what in rng.sample(ACTIONS, 2):
            due = goal["created_at"] + timedelta(days=rng.uniform(14, 120))
            done = due - timedelta(days=rng.uniform(0, 10)) if due < now and rng.random() < 0.85 else None
            self.actions.append(
                {
                    "goal_id": goal["id"],
                    "what": what,
                    "who_name": self.people.names[case.key_worker_id],
                    "who_user_id": case.key_worker_id,
                    "due_on": due.date(),
                    "done_at": done,
                    "done_by_id": case.key_worker_id if done else None,
                    "created_at": goal["created_at"],
                }
            )

    def _changes(self, plans: dict[int, dict], labels: dict[int, str]) -> None:
        version: dict[int, int] = {}
        for model, what in ((Strength, "text"), (Priority, "words"), (Goal, "words"), (SafetyItem, "text")):
            for row in self.rows[model]:
                plan_id = row["plan_id"]
                version[plan_id] = version.get(plan_id, 0) + 1
                self.changes.append(
                    {
                        "plan_id": plan_id,
                        "version": version[plan_id],
                        "at": row["created_at"],
                        "what": f"Added {model._meta.verbose_name}: {row[what]}"[:400],
                        "by_user_id": plans[plan_id]["created_by_id"],
                        "by_label": labels[plan_id],
                    }
                )
        for plan_id, plan in plans.items():
            plan["version"] = version.get(plan_id, 0)

    def build(self, cases: list[SeedCase], busy: SeedCase) -> dict[int, int]:
        now = timezone.now()
        planned = [c for c in cases if c.stage != Stage.GETTING_TO_KNOW and c.opened_at + PLAN_AFTER < c.until]
        plans: list[dict[str, Any]] = [
            {
                "case_id": c.pk,
                "worries": self.words.sentence(),
                "created_by_id": c.key_worker_id,
                "created_at": c.opened_at + PLAN_AFTER,
                "updated_at": c.until,
                "busy": c is busy,
            }
            for c in planned
        ]
        ids = bulk.reserve_ids(FamilyPlan, len(plans))
        for plan, pk, case in zip(plans, ids, planned, strict=True):
            plan["id"] = pk
            self._items(plan, case, plan["created_at"])
        by_id = {plan["id"]: plan for plan in plans}
        self._changes(by_id, {p["id"]: self.people.names[p["created_by_id"]] for p in plans})
        for plan in plans:
            plan.pop("busy")
        bulk.copy_rows(FamilyPlan, plans)
        for model in (Strength, Priority, SafetyItem):
            bulk.copy_new(model, self.rows[model])
        goals = self.rows[Goal]
        for goal, pk in zip(goals, bulk.reserve_ids(Goal, len(goals)), strict=True):
            goal["id"] = pk
            self._goal_parts(goal, now)
        bulk.copy_rows(Goal, goals)
        bulk.copy_new(GoalRating, self.ratings)
        bulk.copy_new(Action, self.actions)
        bulk.copy_new(PlanChange, self.changes)
        return {plan["case_id"]: plan["id"] for plan in plans}


def _meeting(case: SeedCase, kind: str, at: datetime, words: Words, held: bool) -> dict:
    rng = words.rng
    row = {
        "case_id": case.pk,
        "kind": kind,
        "starts_at": at,
        "minutes": 60,
        "place": rng.choice(PLACES),
        "organiser_id": case.key_worker_id,
        "created_by_id": case.key_worker_id,
        "uid": uuid.UUID(int=rng.getrandbits(128), version=4),
        "created_at": at - 14 * DAY,
        "chosen_place": rng.choice(PLACES),
        "talk_first": words.sentence(),
        "role": Meeting.Role.ATTEND,
    }
    if not held:
        return row
    return row | {
        "status": Meeting.Status.HELD,
        "held_at": at + timedelta(hours=1),
        "recorded_by_id": case.key_worker_id,
        "young_persons_views": words.paragraph(),
        "professional_views": words.paragraph(),
        "decisions": words.sentence(),
        "family_summary": words.sentence(),
    }


def _case_meetings(case: SeedCase, words: Words, now: datetime, busy: bool) -> Iterator[dict]:
    at = case.opened_at + PLAN_AFTER + timedelta(days=words.rng.uniform(7, 20))
    kind = Meeting.Kind.AMBITIONS
    while at < case.until:
        yield _meeting(case, kind, at, words, held=True)
        kind = Meeting.Kind.REVIEW
        at += REVIEW_EVERY * words.rng.uniform(0.8, 1.2)
    if not case.is_closed and (busy or words.rng.random() < PLANNED_SHARE):
        yield _meeting(case, Meeting.Kind.REVIEW, now + timedelta(days=words.rng.uniform(2, 30)), words, held=False)


def _attendees(meeting: dict, case: SeedCase, people: People) -> Iterator[dict]:
    came = Attendee.Attendance.CAME if meeting.get("status") == Meeting.Status.HELD else ""
    yield {"meeting_id": meeting["id"], "name": case.given_name, "role": "Young person", "attendance": came}
    yield {"meeting_id": meeting["id"], "name": "Parent", "role": "Parent or carer", "attendance": came}
    yield {
        "meeting_id": meeting["id"],
        "name": people.names[case.key_worker_id],
        "role": "Key worker",
        "user_id": case.key_worker_id,
        "attendance": came,
    }


def meetings(cases: list[SeedCase], plans: dict[int, int], busy: SeedCase, words: Words, people: People) -> Made:
    now = timezone.now()
    by_case = {case.pk: case for case in cases}
    rows = [row for case in cases if case.pk in plans for row in _case_meetings(case, words, now, case is busy)]
    bulk.copy_new(Meeting, rows)
    attendees = [a for row in rows for a in _attendees(row, by_case[row["case_id"]], people)]
    bulk.copy_new(Attendee, attendees)
    made = Made(plans=plans)
    for row in rows:
        made.meetings.setdefault(row["case_id"], []).append(row["id"])
    made.counts = {"meetings": len(rows), "attendees": len(attendees)}
    return made


def build(*, cases: list[SeedCase], busy: SeedCase, words: Words, people: People) -> Made:
    plans = Plans(words, people)
    by_case = plans.build(cases, busy)
    made = meetings(cases, by_case, busy, words, people)
    made.counts |= {
        "family plans": len(by_case),
        "goals": len(plans.rows[Goal]),
        "goal ratings": len(plans.ratings),
        "actions": len(plans.actions),
        "plan changes": len(plans.changes),
    }
    return made
