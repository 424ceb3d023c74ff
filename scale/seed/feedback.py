"""The young people's and families' voice: a check-in rhythm (every two weeks) for most cases with a plan and
a feedback rhythm (every six weeks) for half of them; every asking made by then (already sent), about
two thirds of check-ins and half of the feedback answered, and an alert for each check-in that fell (most
of them dealt with). A closed case's rhythms stopped when it closed."""

from collections.abc import Iterator
from datetime import datetime, time, timedelta

from django.utils import timezone

from feedback.models import CheckIn, CheckInAlert, FeedbackAnswer, Kind, Request, Rhythm
from feedback.services.answers import falls

from . import bulk
from .cases import DAY, SeedCase
from .words import Words

CHECK_IN_SHARE = 0.7
FEEDBACK_SHARE = 0.5
EVERY: dict[str, int] = {Kind.CHECK_IN: 14, Kind.FEEDBACK: 42}
ANSWERED: dict[str, float] = {Kind.CHECK_IN: 0.65, Kind.FEEDBACK: 0.5}
HANDLED_AFTER = 7 * DAY
STEPS = (-1, 0, 0, 0, 1)
FALL_SHARE = 0.05


def _rhythm(case: SeedCase, kind: str, start: datetime, now: datetime) -> dict:
    every = timedelta(days=EVERY[kind])
    steps = int((now - start) / every) + 1
    return {
        "case_id": case.pk,
        "kind": kind,
        "person": "young_person",
        "every_days": EVERY[kind],
        "weekday": start.weekday(),
        "earliest": time(16),
        "latest": time(20),
        "next_due_at": start + every * steps,
        "stopped_at": case.closed_at,
        "created_by_id": case.key_worker_id,
        "created_at": start,
        "updated_at": start,
        "case": case,
    }


def _rhythms(cases: list[SeedCase], plans: dict[int, int], busy: SeedCase, words: Words) -> list[dict]:
    now = timezone.now()
    rows = []
    for case in cases:
        if case.pk not in plans:
            continue
        start = case.opened_at + timedelta(days=words.rng.uniform(40, 60))
        if case is busy or words.rng.random() < CHECK_IN_SHARE:
            rows.append(_rhythm(case, Kind.CHECK_IN, start, now))
        if case is busy or words.rng.random() < FEEDBACK_SHARE:
            rows.append(_rhythm(case, Kind.FEEDBACK, start, now))
    return rows


def _requests(rhythm: dict, now: datetime) -> Iterator[dict]:
    case: SeedCase = rhythm["case"]
    due = rhythm["created_at"]
    while due < min(case.until, now):
        yield {
            "rhythm_id": rhythm["id"],
            "case_id": case.pk,
            "kind": rhythm["kind"],
            "due_at": due,
            "made_at": due,
            "sent_at": due,
        }
        due += timedelta(days=rhythm["every_days"])


class Answers:
    def __init__(self, words: Words):
        self.words = words
        self.check_ins: list[dict] = []
        self.alerts: list[dict] = []
        self.feedback: list[dict] = []
        self.last: dict[int, dict[str, int]] = {}

    def _check_in(self, request: dict, case: SeedCase, at: datetime, now: datetime) -> None:
        rng = self.words.rng
        before = self.last.get(case.pk)
        # A gentle walk between 2 and 5, with now and then a sharp fall on one measure (which alerts the worker).
        scores = {m: min(5, max(2, (before or {}).get(m, 3) + rng.choice(STEPS))) for m in CheckIn.MEASURES}
        if rng.random() < FALL_SHARE:
            scores["mood"] = max(1, scores["mood"] - 2)
        row = {"case_id": case.pk, "request_id": request["id"], "at": at, **scores}
        self.check_ins.append(row)
        self.last[case.pk] = scores
        reasons = falls(before, scores)
        if reasons:
            handled = at + timedelta(days=2) if at + HANDLED_AFTER < now else None
            self.alerts.append(
                {
                    "check_in": row,
                    "case_id": case.pk,
                    "reasons": "\n".join(reasons),
                    "made_at": at,
                    "handled_at": handled,
                    "handled_by_id": case.key_worker_id if handled else None,
                    "what_was_done": "Called them the same day" if handled else "",
                }
            )

    def answer(self, request: dict, case: SeedCase, now: datetime) -> None:
        rng = self.words.rng
        if rng.random() >= ANSWERED[request["kind"]]:
            return
        at = request["due_at"] + timedelta(hours=rng.uniform(1, 48))
        request["answered_at"] = at
        if request["kind"] == Kind.CHECK_IN:
            self._check_in(request, case, at, now)
            return
        self.feedback.append(
            {
                "case_id": case.pk,
                "person": "young_person",
                "request_id": request["id"],
                "listened": rng.randint(3, 5),
                "there_when_needed": rng.randint(2, 5),
                "better": self.words.sentence() if rng.random() < 0.3 else "",
                "worker_may_read": rng.random() < 0.6,
                "at": at,
            }
        )


def build(*, cases: list[SeedCase], plans: dict[int, int], busy: SeedCase, words: Words) -> dict[str, int]:
    now = timezone.now()
    rhythms = _rhythms(cases, plans, busy, words)
    requests: list[dict] = []
    for rhythm, pk in zip(rhythms, bulk.reserve_ids(Rhythm, len(rhythms)), strict=True):
        rhythm["id"] = pk
        requests += [(r | {"case": rhythm["case"]}) for r in _requests(rhythm, now)]
    cases_of = [request.pop("case") for request in requests]
    answers = Answers(words)
    for request, case, pk in zip(requests, cases_of, bulk.reserve_ids(Request, len(requests)), strict=True):
        request["id"] = pk
        answers.answer(request, case, now)
    for rhythm in rhythms:
        rhythm.pop("case")
    bulk.copy_rows(Rhythm, rhythms)
    bulk.copy_rows(Request, requests)
    bulk.copy_new(CheckIn, answers.check_ins)
    for alert in answers.alerts:
        alert["check_in_id"] = alert.pop("check_in")["id"]
    bulk.copy_new(CheckInAlert, answers.alerts)
    bulk.copy_new(FeedbackAnswer, answers.feedback)
    return {
        "rhythms": len(rhythms),
        "requests": len(requests),
        "check-ins": len(answers.check_ins),
        "check-in alerts": len(answers.alerts),
        "feedback answers": len(answers.feedback),
    }
