"""Demo: Destiny's family plan, written with her over two months, and her meetings. Emily has no Ambitions
meeting yet, past eight weeks from first meeting her, so her case shows the flag. Safe to run again."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cases.models import Case, Person, SharedLink

from . import services
from .models import FamilyPlan, RatedBy, SafetyPart, Whose

STRENGTHS = [
    (Whose.YOUNG_PERSON, "Funny, loyal to your friends, and brilliant at art."),
    (Whose.YOUNG_PERSON, "You keep coming to the milkshake meet-ups, even on bad weeks."),
    (Whose.FAMILY, "Your mum phones every Sunday and wants to see you more."),
    (Whose.NETWORK, "Staff at the children's home you trust: Marcus on the late shift."),
]
PRIORITIES = [
    (Whose.YOUNG_PERSON, "Stay at the children's home"),
    (Whose.YOUNG_PERSON, "Go back to college"),
    (Whose.YOUNG_PERSON, "See my mum more"),
    (Whose.FAMILY, "Know she is safe at night"),
]
WORRIES = (
    "Older men have been giving you lifts and buying you things, and you went missing overnight with Lily. "
    "We worry that they want something back from you, and that it could get dangerous."
)
# (goal words, why, owner, owner's name, ratings as (days ago, score, who), actions as (what, who, days from now, done))
GOALS = [
    (
        "Go back to college in January",
        "I want to do art and have something that's mine.",
        Whose.YOUNG_PERSON,
        "",
        [
            (60, 2, RatedBy.YOUNG_PERSON),
            (35, 3, RatedBy.YOUNG_PERSON),
            (30, 4, RatedBy.WORKER),
            (7, 6, RatedBy.YOUNG_PERSON),
        ],
        [
            ("Visit the college art department with Destiny", "Jo Bennett", 10, False),
            ("Send the college application", "Destiny", -5, False),
        ],
    ),
    (
        "See Mum every other weekend",
        "We both miss each other.",
        Whose.BOTH,
        "Destiny and her mum",
        [(55, 1, RatedBy.FAMILY), (28, 3, RatedBy.YOUNG_PERSON), (6, 5, RatedBy.FAMILY)],
        [("Agree a weekend contact plan with the social worker", "Rachel Green", 14, False)],
    ),
    (
        "Feel safe when I'm out at night",
        "So I don't end up somewhere I don't want to be.",
        Whose.YOUNG_PERSON,
        "",
        [(50, 2, RatedBy.WORKER), (20, 3, RatedBy.YOUNG_PERSON)],
        [("Put taxi money on Destiny's travel card every Friday", "Marcus (children's home)", 3, True)],
    ),
]
SAFETY = [
    (SafetyPart.SIGNS, "Someone I don't know well offers me lifts or gifts", ""),
    (SafetyPart.I_CAN, "Text Jo or call the home and ask to be picked up", ""),
    (SafetyPart.PEOPLE, "Marcus at the children's home", "0161 496 0000"),
    (SafetyPart.PEOPLE, "Mum", "07700 900461"),
    (SafetyPart.PLACES, "The youth club on Drake Street", ""),
    (SafetyPart.ADULTS, "The home will come and get me, any time, no questions first", ""),
]


def _destinys_plan(case: Case, worker: User, coordinator: User) -> FamilyPlan:
    now = timezone.now()
    plan = services.plan_start(case=case, by=coordinator)
    if plan.version:
        return plan
    for whose, text in STRENGTHS:
        services.strength_add(plan=plan, whose=whose, text=text, by=worker)
    for whose, words in PRIORITIES:
        services.priority_add(plan=plan, whose=whose, words=words, by=worker)
    services.worries_save(plan=plan, worries=WORRIES, by=worker)
    for words, why, owner, owner_name, ratings, actions in GOALS:
        goal = services.goal_add(plan=plan, owner=owner, owner_name=owner_name, words=words, why=why, by=worker)
        for days_ago, score, rated_by in ratings:
            name = {RatedBy.YOUNG_PERSON: "Destiny", RatedBy.FAMILY: "Mum", RatedBy.WORKER: "Jo Bennett"}[rated_by]
            by = worker if rated_by == RatedBy.WORKER else None
            services.goal_rate(
                goal=goal, score=score, rated_by=rated_by, name=name, by=by, at=now - timedelta(days=days_ago)
            )
        for what, who, days, done in actions:
            action = services.action_add(
                goal=goal,
                what=what,
                who_name=who,
                due_on=timezone.localdate() + timedelta(days=days),
                by=worker,
                who_user=worker if who == "Jo Bennett" else None,
            )
            if done:
                services.action_done(action=action, by=worker)
    for part, text, phone in SAFETY:
        services.safety_add(
            plan=plan, part=part, text=text, phone=phone, by=worker, name="Jo Bennett", from_young_person=False
        )
    return plan


DEMO_PASSCODE = "otter"


def seed(people: dict[str, User], cases: dict[str, Case]) -> str:
    """Destiny's plan and meetings; returns the token of a fresh "my plan" link for her (passcode
    DEMO_PASSCODE). A token is never stored, so each seeding makes a new link and revokes the last."""
    plan = _destinys_plan(cases["destiny"], people["worker"], people["coordinator"])
    SharedLink.objects.filter(case=plan.case, purpose=services.PLAN_LINK, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    _link, token = services.plan_link_create(
        plan=plan, person=Person.YOUNG_PERSON, name="", by=people["worker"], days=30, passcode=DEMO_PASSCODE
    )
    return token
