"""Demo: Destiny's family plan, written with her over two months, and her meetings. Emily has no Ambitions
meeting yet, past eight weeks from first meeting her, so her case shows the flag. Safe to run again."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cases.models import Case, Person, SharedLink

from . import services
from .models import AgreedVersion, FamilyPlan, Meeting, RatedBy, SafetyPart, Whose

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
        [("Send the college application", "Destiny", -5, False)],
    ),
    (
        "See Mum every other weekend",
        "We both miss each other.",
        Whose.BOTH,
        "Destiny and her mum",
        [(55, 1, RatedBy.FAMILY), (28, 3, RatedBy.YOUNG_PERSON), (6, 5, RatedBy.FAMILY)],
        [],
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


AMBITIONS_DAYS_AGO = 35


def _destinys_plan(case: Case, worker: User, coordinator: User) -> FamilyPlan:
    """Her plan as it grew: what was written before her first meeting about what she wants (agreed there,
    with two actions), and what came after it (shown on the plan as changed since the agreed version)."""
    plan = services.plan_start(case=case, by=coordinator)
    if plan.version:
        return plan
    # Started with her two months ago.
    FamilyPlan.objects.filter(pk=plan.pk).update(created_at=timezone.now() - timedelta(days=62))
    for whose, text in STRENGTHS:
        services.strength_add(plan=plan, whose=whose, text=text, by=worker)
    for whose, words in PRIORITIES:
        services.priority_add(plan=plan, whose=whose, words=words, by=worker)
    services.worries_save(plan=plan, worries=WORRIES, by=worker)
    goals = [
        services.goal_add(plan=plan, owner=owner, owner_name=owner_name, words=words, why=why, by=worker)
        for words, why, owner, owner_name, _ratings, _actions in GOALS
    ]
    _rate(goals, worker, before_meeting=True)
    _ambitions_meeting(case, worker, coordinator, goals)
    _rate(goals, worker, before_meeting=False)
    _actions(goals, worker)
    for part, text, phone in SAFETY:
        services.safety_add(
            plan=plan, part=part, text=text, phone=phone, by=worker, name="Jo Bennett", from_young_person=False
        )
    return plan


RATERS = {RatedBy.YOUNG_PERSON: "Destiny", RatedBy.FAMILY: "Mum", RatedBy.WORKER: "Jo Bennett"}


def _rate(goals, worker: User, *, before_meeting: bool) -> None:
    now = timezone.now()
    for goal, (*_words, ratings, _actions) in zip(goals, GOALS, strict=True):
        for days_ago, score, rated_by in ratings:
            if (days_ago > AMBITIONS_DAYS_AGO) == before_meeting:
                services.goal_rate(
                    goal=goal,
                    score=score,
                    rated_by=rated_by,
                    name=RATERS[rated_by],
                    by=worker if rated_by == RatedBy.WORKER else None,
                    at=now - timedelta(days=days_ago),
                )


def _actions(goals, worker: User) -> None:
    for goal, (*_words, _ratings, actions) in zip(goals, GOALS, strict=True):
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


def _ambitions_meeting(case: Case, worker: User, coordinator: User, goals) -> Meeting:
    """Held five weeks ago where she chose: the youth club, after school, with her advocate, and without the
    police officer."""
    held = (timezone.localtime() - timedelta(days=AMBITIONS_DAYS_AGO)).replace(
        hour=16, minute=0, second=0, microsecond=0
    )
    meeting = services.meeting_plan(
        case=case,
        kind=Meeting.Kind.AMBITIONS,
        title="",
        starts_at=timezone.now() + timedelta(days=1),
        minutes=60,
        place="Drake Street youth club",
        attendees=[
            services.AttendeeData(name="Jo Bennett", role="ACT worker", user=worker),
            services.AttendeeData(name="Helen Moss", role="Plan coordinator (IRO)", user=coordinator),
            services.AttendeeData(name="Sam Okafor", role="Destiny's advocate"),
            services.AttendeeData(name="Mum", role="Destiny's mum"),
        ],
        by=coordinator,
    )
    services.meeting_choices_save(
        meeting=meeting,
        place="The youth club on Drake Street",
        time="After school, not Fridays",
        wanted="Mum, Jo, my advocate Sam",
        not_wanted="The police officer",
        role=Meeting.Role.CO_CHAIR,
        advocate_wanted=True,
        advocate_name="Sam Okafor",
        talk_first="Going back to college",
        by_label="Destiny",
        by=worker,
    )
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=held)
    meeting.refresh_from_db()
    attended = {attendee.pk: "came" for attendee in meeting.attendees.all()}
    services.meeting_record(
        meeting=meeting,
        record=services.Record(
            attendance=attended,
            young_persons_views="I want to go back to college and I want to stay where I am. I don't want to keep "
            "getting asked about the weekend.",
            views_by=Meeting.ViewsBy.OWN,
            professional_views="Placement stable. Concern about lifts from older males continues.",
            decisions="Destiny co-chairs the reviews. College visit before the application. Weekend contact with Mum.",
            family_summary="We agreed you'll visit the college art department with Jo, and Rachel will sort out "
            "weekends with your mum. You'll help run the next meeting.",
            actions=[
                services.ActionData(
                    goal=goals[0],
                    what="Visit the college art department with Destiny",
                    who_name="Jo Bennett",
                    due_on=timezone.localdate() + timedelta(days=10),
                ),
                services.ActionData(
                    goal=goals[1],
                    what="Agree a weekend contact plan with the social worker",
                    who_name="Rachel Green",
                    due_on=timezone.localdate() + timedelta(days=14),
                ),
            ],
        ),
        by=coordinator,
    )
    Meeting.objects.filter(pk=meeting.pk).update(held_at=held + timedelta(hours=1))
    AgreedVersion.objects.filter(meeting=meeting).update(agreed_at=held + timedelta(hours=1))
    return meeting


def _safety_meeting(case: Case, worker: User, coordinator: User) -> Meeting:
    """Called after she went missing with Lily: coming up in four days, her choices not given yet."""
    existing = Meeting.objects.filter(case=case, kind=Meeting.Kind.SAFETY, status=Meeting.Status.PLANNED).first()
    if existing:
        return existing
    starts = timezone.localtime() + timedelta(days=4)
    return services.meeting_plan(
        case=case,
        kind=Meeting.Kind.SAFETY,
        title="",
        starts_at=starts.replace(hour=16, minute=0, second=0, microsecond=0),
        minutes=60,
        place="Drake Street youth club",
        attendees=[
            services.AttendeeData(name="Jo Bennett", role="ACT worker", user=worker),
            services.AttendeeData(name="Helen Moss", role="Plan coordinator (IRO)", user=coordinator),
            services.AttendeeData(name="Marcus", role="Children's home staff"),
        ],
        by=coordinator,
    )


DEMO_PASSCODE = "otter"


def seed(people: dict[str, User], cases: dict[str, Case]) -> str:
    """Destiny's plan and meetings; returns the token of a fresh "my plan" link for her (passcode
    DEMO_PASSCODE). A token is never stored, so each seeding makes a new link and revokes the last."""
    plan = _destinys_plan(cases["destiny"], people["worker"], people["coordinator"])
    _safety_meeting(cases["destiny"], people["worker"], people["coordinator"])
    SharedLink.objects.filter(case=plan.case, purpose=services.PLAN_LINK, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    _link, token = services.plan_link_create(
        plan=plan, person=Person.YOUNG_PERSON, name="", by=people["worker"], days=30, passcode=DEMO_PASSCODE
    )
    return token
