"""The demo's history for the dashboards: Lily's two moves and her plan, Emily's plan, three months of goal
ratings, more of the team's young people (so the caseload, the figures and the charts have something to
count), and a second team's cases with their own history, which the Rochdale manager's figures must never
count. Safe to run again: each part is skipped once it is there."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cases import services as case_services
from cases.demo.people import years_ago
from cases.models import Case, LivingSituation, Person, YoungPerson
from feedback import services as feedback_services
from feedback.models import CheckIn, FeedbackAnswer
from plans import services as plan_services
from plans.models import FamilyPlan, RatedBy, Whose

Kind = LivingSituation

# Lily's year: home broke down in the winter; in the autumn she moved into the flat she wanted.
LILYS_MOVES = [
    (330, Kind.CHILDRENS_HOME, False, True, "Home broke down after her stepdad moved in; not safe to stay."),
    (36, Kind.SUPPORTED, True, True, "Her own flat with support staff on site, as she asked at her meeting."),
]
# (words, why, owner, ratings as (days ago, score, who)).
PLANS = {
    "lily": [
        (
            "Keep my own flat",
            "It's the first place that's mine.",
            Whose.YOUNG_PERSON,
            [
                (88, 3, RatedBy.YOUNG_PERSON),
                (60, 4, RatedBy.WORKER),
                (30, 6, RatedBy.YOUNG_PERSON),
                (9, 5, RatedBy.YOUNG_PERSON),
            ],
        ),
        (
            "Finish my college course",
            "So I can get a job in a salon.",
            Whose.YOUNG_PERSON,
            [(85, 2, RatedBy.YOUNG_PERSON), (50, 3, RatedBy.YOUNG_PERSON), (14, 4, RatedBy.WORKER)],
        ),
    ],
    "emily": [
        (
            "Feel less worried at home",
            "I want to stop thinking about it at school.",
            Whose.YOUNG_PERSON,
            [(80, 2, RatedBy.YOUNG_PERSON), (45, 3, RatedBy.YOUNG_PERSON), (10, 5, RatedBy.YOUNG_PERSON)],
        ),
        (
            "Dad gets help with the drinking",
            "So Emily doesn't have to look after him.",
            Whose.FAMILY,
            [(75, 1, RatedBy.FAMILY), (40, 2, RatedBy.FAMILY), (8, 4, RatedBy.FAMILY)],
        ),
    ],
}
RATERS = {RatedBy.YOUNG_PERSON: "", RatedBy.FAMILY: "Dad", RatedBy.WORKER: ""}


@dataclass
class Background:
    """One more young person of a team, with enough history to count: check-ins every two weeks (the same
    score on every measure, nudged), a goal's ratings, moves and feedback."""

    given_name: str
    family_name: str
    age: int
    worker: str
    living: str
    weeks_open: int
    check_ins: list[int] = field(default_factory=list)
    goal: str = ""
    ratings: list[tuple[int, int]] = field(default_factory=list)
    moves: list[tuple[int, str, bool, str]] = field(default_factory=list)
    feedback: list[tuple[int, int, int]] = field(default_factory=list)


BACKGROUND = [
    Background(
        "Aaliyah",
        "Khan",
        14,
        "worker2",
        Kind.FAMILY,
        16,
        [2, 3, 3, 3, 4, 4],
        "Go to school every day",
        [(80, 2), (40, 4), (12, 5)],
        feedback=[(50, 4, 4), (10, 5, 5)],
    ),
    Background(
        "Mason",
        "Doyle",
        15,
        "worker",
        Kind.FOSTER_CARE,
        12,
        [3, 3, 2, 3, 3],
        "Stay with my foster carers",
        [(70, 5), (30, 6)],
        moves=[(60, Kind.FOSTER_CARE, True, "Moved to long-term foster carers.")],
        feedback=[(20, 3, 4)],
    ),
    Background(
        "Ruby",
        "Shaw",
        16,
        "worker2",
        Kind.CHILDRENS_HOME,
        20,
        [3, 2, 2, 3, 2, 3],
        "Feel safe where I live",
        [(90, 3), (50, 2), (15, 3)],
        moves=[
            (100, Kind.FOSTER_CARE, False, "Foster placement ended after she went missing twice."),
            (21, Kind.CHILDRENS_HOME, False, "Foster placement broke down; emergency bed."),
        ],
    ),
    Background("Tyler", "Grant", 13, "worker", Kind.FAMILY, 2),
    Background(
        "Sofia",
        "Novak",
        16,
        "worker2",
        Kind.KINSHIP,
        10,
        [4, 4, 3, 4],
        "Get a Saturday job",
        [(55, 4), (20, 6)],
        moves=[(70, Kind.KINSHIP, True, "Went to live with her gran.")],
        feedback=[(30, 4, 3)],
    ),
]
# The second team's young people (Wigan): plenty of history, none of it Rochdale's.
OTHER_TEAM = [
    Background(
        "Kai",
        "Robinson",
        15,
        "outsider",
        Kind.SUPPORTED,
        14,
        [1, 2, 2, 1, 2],
        "Keep out of trouble",
        [(80, 1), (30, 2)],
        moves=[
            (90, Kind.CHILDRENS_HOME, False, "Placement ended."),
            (40, Kind.SUPPORTED, False, "Moved again."),
            (10, Kind.SUPPORTED, False, "Third move this year."),
        ],
        feedback=[(40, 1, 1), (5, 2, 1)],
    ),
    Background(
        "Megan",
        "Ellis",
        14,
        "outsider",
        Kind.FOSTER_CARE,
        18,
        [5, 5, 5, 5, 5, 5],
        "Play for the county",
        [(85, 9), (20, 10)],
        moves=[(25, Kind.FOSTER_CARE, False, "Carers retired.")],
        feedback=[(15, 5, 5)],
    ),
]


def _ago(days: int):
    return timezone.now() - timedelta(days=days)


def _plan(case: Case, worker: User, goals: list) -> None:
    if FamilyPlan.objects.filter(case=case).exists():
        return
    plan = plan_services.plan_start(case=case, by=worker)
    FamilyPlan.objects.filter(pk=plan.pk).update(created_at=_ago(92))
    called = case.young_person.called
    for words, why, owner, ratings in goals:
        goal = plan_services.goal_add(plan=plan, owner=owner, owner_name="", words=words, why=why, by=worker)
        for days, score, rated_by in ratings:
            plan_services.goal_rate(
                goal=goal,
                score=score,
                rated_by=rated_by,
                name=RATERS[rated_by] or (worker.get_full_name() if rated_by == RatedBy.WORKER else called),
                by=worker if rated_by == RatedBy.WORKER else None,
                at=_ago(days),
            )


def _moves(case: Case, worker: User, moves) -> None:
    if case.moves.exists():
        return
    for days, kind, planned, in_area, reason in moves:
        case_services.move_record(
            case=case,
            by=worker,
            moved_on=timezone.localdate() - timedelta(days=days),
            to_kind=kind,
            in_area=in_area,
            planned=planned,
            reason=reason,
        )


def _check_ins(case: Case, bases: list[int]) -> None:
    if CheckIn.objects.filter(case=case).exists():
        return
    for number, base in enumerate(bases):
        scores = [max(1, min(5, base + nudge)) for nudge in (0, 0, -1 if base > 2 else 0, 0, 1 if base < 5 else 0)]
        check_in = feedback_services.check_in_record(
            case=case,
            person=Person.YOUNG_PERSON,
            scores=dict(zip(CheckIn.MEASURES, scores, strict=True)),
            anything_else="",
            request=None,
            entered_by=None,
        )
        CheckIn.objects.filter(pk=check_in.pk).update(at=_ago(14 * (len(bases) - 1 - number) + 1))


def _feedback(case: Case, given) -> None:
    if FeedbackAnswer.objects.filter(case=case).exists():
        return
    for days, listened, there in given:
        answer = feedback_services.feedback_record(
            case=case,
            person=Person.YOUNG_PERSON,
            name="",
            listened=listened,
            there_when_needed=there,
            better="",
            worker_may_read=False,
            request=None,
        )
        FeedbackAnswer.objects.filter(pk=answer.pk).update(at=_ago(days))


def _background(who: Background, people: dict[str, User]) -> Case:
    worker = people[who.worker]
    team = worker.team
    if team is None:
        raise ValueError(f"the demo's {worker.username} has no team")
    young_person, _made = YoungPerson.objects.get_or_create(
        team=team,
        given_name=who.given_name,
        family_name=who.family_name,
        defaults={"date_of_birth": years_ago(who.age, 4), "living_situation": who.living},
    )
    case = young_person.cases.first()
    if case is None:
        case = case_services.case_create(young_person=young_person, team=team, key_worker=worker, by=None)
        Case.objects.filter(pk=case.pk).update(opened_at=_ago(who.weeks_open * 7))
        if who.weeks_open > 2:
            case_services.timeline_add(
                case=case,
                by=worker,
                kind="contact",
                occurred_at=_ago(who.weeks_open * 7 - 5),
                summary="First meeting",
                method="visit",
                seen_alone=True,
            )
    _moves(case, worker, [(days, kind, planned, True, reason) for days, kind, planned, reason in who.moves])
    _check_ins(case, who.check_ins)
    if who.goal:
        ratings = [(days, score, RatedBy.YOUNG_PERSON) for days, score in who.ratings]
        _plan(case, worker, [(who.goal, "", Whose.YOUNG_PERSON, ratings)])
    _feedback(case, who.feedback)
    return case


def seed(people: dict[str, User], cases: dict[str, Case]) -> None:
    # The personas' cases opened when their referrals were accepted, not when the demo was first seeded.
    for key, days in (("destiny", 69), ("emily", 69), ("lily", 100)):
        Case.objects.filter(pk=cases[key].pk, opened_at__gt=_ago(1)).update(opened_at=_ago(days))
    _moves(cases["lily"], people["worker2"], LILYS_MOVES)
    _plan(cases["lily"], people["worker2"], PLANS["lily"])
    _plan(cases["emily"], people["worker"], PLANS["emily"])
    _feedback(cases["lily"], [(60, 3, 4), (12, 4, 4)])
    for who in [*BACKGROUND, *OTHER_TEAM]:
        cases[who.given_name.lower()] = _background(who, people)
