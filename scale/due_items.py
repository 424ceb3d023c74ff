"""A database the size of a large service, made fast (bulk inserts, no services, no audit), to measure the
scans that find what is due and the Cases page's flags on: `manage.py scale_due_items --build 10000`.
Only for a database of its own: it adds rows and never removes them.

Each case has ten review points (nine held, one open), eight timeline entries (five contacts, three missing
episodes, most with their return home interview done), two timescale agreements, a family plan with three
goals of three actions (most done), six meetings (most held) of three attendees each, and a check-in
rhythm with twenty requests (most sent and answered). What is still open is spread from well past to well
ahead of today, as in a real service."""

import random
from collections.abc import Callable
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from accounts.models import Team, User
from assessments.models import Assessment, ReviewPoint, TimescaleAgreement
from cases.models import Case, LivingSituation, Person, Stage, TimelineEntry, YoungPerson
from feedback.models import Kind, Request, Rhythm
from plans.models import Action, Attendee, FamilyPlan, Goal, Meeting

BATCH = 2000
STAGES = [Stage.GETTING_TO_KNOW, Stage.ASSESSMENT, Stage.SUPPORT, Stage.SUPPORT, Stage.MOVING_ON, Stage.CLOSED]


def build(*, cases: int, teams: int = 20, workers_per_team: int = 10, seed: int = 1) -> dict[str, int]:
    """Add `cases` cases with everything listed above; returns how many rows of each were added."""
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate(now)
    made: dict[str, int] = {}
    staff = _staff(teams, workers_per_team, made)
    team_ids = list(staff)
    young_people = _bulk(
        made,
        YoungPerson,
        (
            YoungPerson(
                team_id=team_ids[number % len(team_ids)],
                given_name=f"Given{number}",
                family_name=f"Family{number}",
                date_of_birth=today - timedelta(days=rng.randint(11 * 365, 18 * 365)),
                living_situation=LivingSituation.FAMILY,
            )
            for number in range(cases)
        ),
    )
    case_rows = _bulk(
        made,
        Case,
        (
            Case(
                young_person=person,
                team_id=person.team_id,
                key_worker=rng.choice(staff[person.team_id]),
                stage=rng.choice(STAGES),
            )
            for person in young_people
        ),
    )
    _assessments(case_rows, rng, today, made)
    _timeline(case_rows, rng, now, made)
    _plans(case_rows, rng, today, made)
    _meetings(case_rows, rng, now, made)
    check_ins(case_rows, rng, now, made)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return made


def _worker_id(case: Case) -> int:
    assert case.key_worker_id is not None, "every case made here has a key worker"
    return case.key_worker_id


def _bulk(made: dict[str, int], model, rows) -> list[Any]:
    created = model.objects.bulk_create(list(rows), batch_size=BATCH)
    made[model.__name__] = made.get(model.__name__, 0) + len(created)
    return created


def _staff(teams: int, workers_per_team: int, made: dict[str, int]) -> dict[int, list[User]]:
    password = make_password(None)
    stamp = int(timezone.now().timestamp())
    team_rows = _bulk(made, Team, (Team(name=f"Scale team {stamp}-{n}", local_authority="Scale") for n in range(teams)))
    people = [
        User(
            username=f"scale-{stamp}-{team.pk}-{n}",
            password=password,
            email=f"scale-{stamp}-{team.pk}-{n}@act.example",
            team=team,
            role=User.Role.MANAGER if n == 0 else User.Role.ACT_WORKER,
        )
        for team in team_rows
        for n in range(workers_per_team + 1)
    ]
    by_team: dict[int, list[User]] = {}
    for user in _bulk(made, User, people):
        if user.role == User.Role.ACT_WORKER:
            by_team.setdefault(user.team_id, []).append(user)
    return by_team


def _assessments(cases: list[Case], rng: random.Random, today, made: dict[str, int]) -> None:
    now = timezone.now()
    assessments = _bulk(
        made,
        Assessment,
        (Assessment(case=case, first_picture_at=now if rng.random() < 0.6 else None) for case in cases),
    )
    worker_of = {case.pk: _worker_id(case) for case in cases}

    def reviews():
        for assessment in assessments:
            for held in range(9):
                due = today - timedelta(weeks=6 * (9 - held) + rng.randint(0, 20))
                yield ReviewPoint(assessment=assessment, due_on=due, held_at=now - timedelta(days=1))
            yield ReviewPoint(assessment=assessment, due_on=today + timedelta(days=rng.randint(-60, 120)))

    def timescales():
        for assessment in assessments:
            author = worker_of[assessment.case_id]
            target = today + timedelta(days=rng.randint(-90, 90))
            decided = rng.choice(["agreed", "changed", "proposed"])
            if decided != "proposed":
                assessment.agreed_target_on = target  # as the decision keeps it
            for status in (TimescaleAgreement.Status.PROPOSED, decided):
                yield TimescaleAgreement(
                    assessment=assessment,
                    getting_to_know_weeks=6,
                    engagement_strategy="Meet after school.",
                    target_date=target,
                    status=status,
                    created_by_id=author,
                )

    _bulk(made, ReviewPoint, reviews())
    _bulk(made, TimescaleAgreement, timescales())
    Assessment.objects.bulk_update(assessments, ["agreed_target_on"], batch_size=BATCH)


def _timeline(cases: list[Case], rng: random.Random, now: datetime, made: dict[str, int]) -> None:
    def entries():
        for case in cases:
            for n in range(5):
                yield TimelineEntry(
                    case=case,
                    kind=TimelineEntry.Kind.CONTACT,
                    occurred_at=now - timedelta(days=rng.randint(1, 400)),
                    summary=f"Contact {n}",
                    author_id=_worker_id(case),
                )
            for n in range(3):
                went = now - timedelta(hours=rng.randint(1, 400 * 24))
                due = went + timedelta(hours=72)
                yield TimelineEntry(
                    case=case,
                    kind=TimelineEntry.Kind.MISSING,
                    occurred_at=went,
                    summary=f"Missing {n}",
                    author_id=_worker_id(case),
                    returned_at=went + timedelta(hours=5),
                    return_interview_due_at=due,
                    return_interview_done_at=None if rng.random() < 0.03 else due - timedelta(hours=10),
                )

    _bulk(made, TimelineEntry, entries())


def _plans(cases: list[Case], rng: random.Random, today, made: dict[str, int]) -> None:
    plans = _bulk(made, FamilyPlan, (FamilyPlan(case=case, created_by_id=_worker_id(case)) for case in cases))
    goals = _bulk(
        made, Goal, (Goal(plan=plan, owner="young_person", words=f"Goal {n}") for plan in plans for n in range(3))
    )
    worker_of = {plan.pk: plan.created_by_id for plan in plans}
    done = timezone.now() - timedelta(days=3)
    _bulk(
        made,
        Action,
        (
            Action(
                goal=goal,
                what=f"Action {n}",
                who_name="Key worker",
                who_user_id=worker_of[goal.plan_id] if n == 0 else None,
                due_on=today + timedelta(days=rng.randint(-200, 60)),
                done_at=None if rng.random() < 0.1 else done,
            )
            for goal in goals
            for n in range(3)
        ),
    )


def _meetings(cases: list[Case], rng: random.Random, now: datetime, made: dict[str, int]) -> None:
    kinds: list[str] = [Meeting.Kind.AMBITIONS, Meeting.Kind.REVIEW, Meeting.Kind.NETWORK, Meeting.Kind.SAFETY]

    def meetings():
        for case in cases:
            for n in range(6):
                starts = now + timedelta(hours=rng.randint(-400 * 24, 30 * 24))
                status = Meeting.Status.HELD if starts < now else Meeting.Status.PLANNED
                if n == 0 and rng.random() < 0.3:
                    status = Meeting.Status.CANCELLED  # some have no Ambitions meeting held
                yield Meeting(
                    case=case,
                    kind=kinds[n % len(kinds)],
                    starts_at=starts,
                    place="The youth centre",
                    organiser_id=_worker_id(case),
                    created_by_id=_worker_id(case),
                    status=status,
                )

    rows = _bulk(made, Meeting, meetings())
    worker_of = {case.pk: _worker_id(case) for case in cases}
    _bulk(
        made,
        Attendee,
        (
            Attendee(meeting=meeting, name=f"Person {n}", user_id=worker_of[meeting.case_id] if n == 0 else None)
            for meeting in rows
            for n in range(3)
        ),
    )


def check_ins(cases: list[Case], rng: random.Random, now: datetime, made: dict[str, int]) -> None:
    """A weekly check-in rhythm for each case (a tenth stopped), with twenty requests: sent and answered,
    but for the latest few, some not yet sent."""
    rhythms = _bulk(
        made,
        Rhythm,
        (
            Rhythm(
                case=case,
                kind=Kind.CHECK_IN,
                person=Person.YOUNG_PERSON,
                every_days=7,
                weekday=rng.randint(0, 6),
                earliest=time(9, 0),
                latest=time(20, 0),
                channel=Rhythm.Channel.EMAIL,
                address="someone@example.com",
                next_due_at=now + timedelta(hours=rng.randint(-48, 7 * 24)),
                stopped_at=now if rng.random() < 0.1 else None,
                created_by_id=_worker_id(case),
            )
            for case in cases
        ),
    )

    def requests():
        for rhythm in rhythms:
            for weeks in range(20, 0, -1):
                due = rhythm.next_due_at - timedelta(weeks=weeks)
                unsent = weeks == 1 and rng.random() < 0.05
                yield Request(
                    rhythm=rhythm,
                    case_id=rhythm.case_id,
                    kind=rhythm.kind,
                    due_at=due,
                    sent_at=None if unsent else due,
                    answered_at=None if unsent or rng.random() < 0.3 else due + timedelta(hours=2),
                )

    _bulk(made, Request, requests())


def explain(sql: str, params=None) -> tuple[float, str]:
    """EXPLAIN ANALYZE of one query on PostgreSQL: its execution time in ms and its plan."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
        lines = [row[0] for row in cursor.fetchall()]
    total = next((line for line in lines if line.startswith("Execution Time")), "Execution Time: 0 ms")
    return float(total.split(":")[1].split()[0]), "\n".join(lines)


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    started = datetime.now()
    result = run()
    return (datetime.now() - started).total_seconds(), result


def start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
