"""The whole seed, stage by stage, each timed and said as it ends."""

import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from assessments.models import Assessment

from . import assessments, cases, feedback, grants, manifest, network, people, plans, risk, timeline
from .sizes import Sizes
from .words import Words

Say = Callable[[str], None]


class Stages:
    def __init__(self, say: Say):
        self.say = say
        self.timings: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.started = time.monotonic()

    @contextmanager
    def stage(self, name: str):
        began = time.monotonic()
        self.say(f"{name}...")
        yield
        self.timings[name] = time.monotonic() - began
        self.say(f"{name}: {self.timings[name]:.1f} s")

    def progress(self, what: str) -> None:
        self.say(f"  {what} ({time.monotonic() - self.started:.0f} s so far)")

    @property
    def total(self) -> float:
        return time.monotonic() - self.started


def seed(*, sizes: Sizes, parameters: dict[str, Any], say: Say) -> tuple[Path, Stages]:
    stages = Stages(say)
    extras = manifest.Extras(counts=stages.counts)
    with transaction.atomic():
        with stages.stage("words"):
            words = Words.make()
        with stages.stage("people"):
            staff = people.build(sizes=sizes, words=words)
        with stages.stage("cases"):
            built = cases.build(people=staff, count=sizes.cases, words=words)
        with stages.stage("network and grants"):
            partners = network.build(cases=built.cases, people=staff, words=words, busy=built.busy)
            extras.counts["grants"] = grants.write(grants.wanted(built.cases, partners))
        with stages.stage("timeline"):
            extras.counts |= timeline.build(
                cases=built.cases,
                total=sizes.timeline_entries,
                busy=built.busy,
                words=words,
                progress=stages.progress,
            )
        with stages.stage("assessments and review points"):
            extras.counts |= assessments.build(
                cases=built.cases, review_points=sizes.review_points, words=words, people=staff
            )
            extras.assessment = Assessment.objects.get(case_id=built.busy.pk).pk
        with stages.stage("plans and meetings"):
            made = plans.build(cases=built.cases, busy=built.busy, words=words, people=staff)
            extras.counts |= made.counts
            extras.plan = made.plans[built.busy.pk]
            extras.meeting = made.meetings[built.busy.pk][-1]
        with stages.stage("check-ins and feedback"):
            extras.counts |= feedback.build(cases=built.cases, plans=made.plans, busy=built.busy, words=words)
        with stages.stage("risk history"):
            extras.counts |= risk.build(cases=built.cases, words=words)
        with stages.stage("manifest"):
            path = manifest.write(built=built, people=staff, extras=extras, parameters=parameters)
    with stages.stage("analyse"), connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return path, stages
