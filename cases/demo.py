"""Demo cases: the three personas of the co-design report (Destiny 15, Lily 17, Emily 13) with their
networks and a few timeline entries, the referrals Destiny's and Emily's cases came from (accepted), one case
of another team, and two referrals waiting."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Notification, Team, User

from . import services
from .models import Case, CaseLink, LegalStatus, LivingSituation, NetworkMember, Referral, TimelineEntry, YoungPerson
from .services.referrals import YOUNG_PERSON_FIELDS

Kind = NetworkMember.Kind
Closeness = NetworkMember.Closeness
View = NetworkMember.View


def _years_ago(years: int, months: int = 0) -> date:
    today = date.today()
    return date(today.year - years, max(1, today.month - months), min(today.day, 28))


PERSONAS = {
    "destiny": dict(
        given_name="Destiny",
        family_name="Walker",
        pronouns="she/her",
        date_of_birth=_years_ago(15, 3),
        ethnicity="White British",
        first_language="English",
        living_situation=LivingSituation.CHILDRENS_HOME,
        living_details="Children's home in Manchester since she was 14; from Liverpool",
        education_setting="Pupil referral unit",
        legal_status=LegalStatus.LOOKED_AFTER,
        enjoys="Shopping, clothes, music, the youth club",
        contact_preferences="Text first. Not during school. Evenings are best.",
        avatar="music",
    ),
    "lily": dict(
        given_name="Lily",
        family_name="Hughes",
        preferred_name="Lil",
        pronouns="she/her",
        date_of_birth=_years_ago(17, 2),
        ethnicity="White British",
        first_language="English",
        living_situation=LivingSituation.SUPPORTED,
        education_setting="Pupil referral unit",
        legal_status=LegalStatus.CARE_LEAVER,
        enjoys="Going out with friends, Snapchat",
        contact_preferences="Snapchat or text. Mornings are no good.",
        avatar="star",
    ),
    "emily": dict(
        given_name="Emily",
        family_name="Clarke",
        pronouns="she/her",
        date_of_birth=_years_ago(13, 1),
        ethnicity="White British",
        first_language="English",
        living_situation=LivingSituation.FAMILY,
        living_details="With mum, mum's boyfriend and her younger sister",
        education_setting="Rochdale High School",
        legal_status=LegalStatus.CHILD_IN_NEED,
        enjoys="Chess club, music",
        contact_preferences="Through school, at lunchtime. Not at home.",
        avatar="cat",
    ),
}

# (kind, name, relationship, agency, closeness, view)
NETWORKS = {
    "destiny": [
        (Kind.FAMILY, "Mum", "Mum (contact six times a year)", "", Closeness.DISTANT, View.BOTH),
        (Kind.FAMILY, "Dad", "Dad (contact six times a year)", "", Closeness.DISTANT, View.NOT_SURE),
        (Kind.FRIEND, "Lily", "Best friend", "", Closeness.CLOSE, View.BOTH),
        (Kind.FRIEND, "Older group", "Group of older people she goes out with", "", Closeness.SOME, View.WORRY),
        (Kind.PROFESSIONAL, "Sara Ahmed", "CAMHS practitioner", "CAMHS", Closeness.CLOSE, View.SUPPORT),
        (
            Kind.PROFESSIONAL,
            "Mark Doyle",
            "Drug and alcohol worker",
            "Young people's drug and alcohol service",
            Closeness.SOME,
            View.SUPPORT,
        ),
        (Kind.PROFESSIONAL, "Rachel Green", "Social worker", "Children's social care", Closeness.SOME, View.SUPPORT),
        (Kind.PROFESSIONAL, "Ms Patel", "Mentor at school", "Pupil referral unit", Closeness.CLOSE, View.SUPPORT),
        (Kind.PROFESSIONAL, "Jay Morris", "Advocate", "Advocacy service", Closeness.SOME, View.SUPPORT),
        (Kind.PROFESSIONAL, "Positive Steps", "Education support", "Positive Steps", Closeness.SOME, View.SUPPORT),
        (
            Kind.PROFESSIONAL,
            "Therapeutic support",
            "Emotional support worker",
            "Therapeutic emotional support service",
            Closeness.SOME,
            View.SUPPORT,
        ),
        (
            Kind.PROFESSIONAL,
            "Crisis team",
            "Sexual health nurse",
            "Crisis intervention team (sexual health)",
            Closeness.DISTANT,
            View.SUPPORT,
        ),
        (Kind.PROFESSIONAL, "MIND", "Drop-in", "MIND", Closeness.DISTANT, View.NOT_SURE),
    ],
    "lily": [
        (Kind.FRIEND, "Destiny", "Closest friend", "", Closeness.CLOSE, View.SUPPORT),
        (
            Kind.FRIEND,
            "Online friends",
            "Friends in their 20s met on Facebook and Snapchat",
            "",
            Closeness.SOME,
            View.WORRY,
        ),
        (
            Kind.PROFESSIONAL,
            "Leaving care team",
            "Personal adviser",
            "Leaving care service",
            Closeness.DISTANT,
            View.NOT_SURE,
        ),
    ],
    "emily": [
        (Kind.FAMILY, "Mum", "Mum", "", Closeness.SOME, View.BOTH),
        (Kind.FAMILY, "Mum's boyfriend", "Lives at home", "", Closeness.DISTANT, View.WORRY),
        (Kind.FAMILY, "Dad", "Dad: she would like to live with him", "", Closeness.SOME, View.SUPPORT),
        (Kind.FAMILY, "Older brother", "Brother, and his girlfriend", "", Closeness.CLOSE, View.SUPPORT),
        (Kind.FAMILY, "Younger sister", "Emily is her young carer", "", Closeness.CLOSE, View.SUPPORT),
        (Kind.PROFESSIONAL, "Mr Evans", "Form teacher", "Rochdale High School", Closeness.CLOSE, View.SUPPORT),
        (Kind.FRIEND, "School buddy", "Buddy at school", "", Closeness.CLOSE, View.SUPPORT),
        (
            Kind.PROFESSIONAL,
            "Young people's drug and alcohol service",
            "Worker",
            "Drug and alcohol service",
            Closeness.CLOSE,
            View.SUPPORT,
        ),
        (Kind.PROFESSIONAL, "Young carers", "Young carers group", "Young carers service", Closeness.SOME, View.SUPPORT),
        (Kind.PROFESSIONAL, "LGBT youth forum", "Youth forum", "LGBT youth forum", Closeness.SOME, View.SUPPORT),
        (Kind.PROFESSIONAL, "School nurse", "School nurse", "School nursing", Closeness.SOME, View.SUPPORT),
        (Kind.PROFESSIONAL, "Early help", "Family worker", "Early help", Closeness.DISTANT, View.NOT_SURE),
    ],
}


# The referrals the demo's cases came from, in the referrers' words.
DESTINYS_REFERRAL = dict(
    referrer_name="DC Sarah Ahmed",
    referrer_agency="Greater Manchester Police",
    referrer_contact="sarah.ahmed@gmp.example, 0161 856 0000",
    worries=["exploitation", "missing", "older_peers"],
    worries_details=(
        "Destiny has been reported missing from her children's home four times in six weeks. Twice she was found "
        "in Oldham with older males her carers do not know. Staff have seen her getting into cars outside the "
        "home, and she has new clothes and a phone nobody bought her."
    ),
    going_well=(
        "She gets on well with one of the residential workers and goes to the youth club most weeks. She is bright "
        "and funny, and she talks about wanting to do hair and make-up at college."
    ),
    young_person_knows="yes",
    parent_knows="yes",
    urgency="urgent",
    consent=(
        'Destiny agreed to meet an ACT worker "as long as it\'s not another social worker". Her social worker, '
        "Rachel Green, agreed to information being shared with ACT. Her mum knows and agreed."
    ),
    anything_else=(
        "Destiny moved from Liverpool to Manchester at 14 and misses her mum. Please text before visiting the "
        "home: she does not like being called to the office."
    ),
)
EMILYS_REFERRAL = dict(
    referrer_name="Joanne Hart (Designated Safeguarding Lead)",
    referrer_agency="Rochdale High School",
    referrer_contact="j.hart@rochdalehigh.example, 01706 000111",
    worries=["online", "family", "education"],
    worries_details=(
        "Emily told a teaching assistant that most nights she talks to a man she met on a gaming app, who says he "
        "is 17 and has sent her gift cards. He has asked her to meet him in town. Her attendance has dropped since "
        "September and she looks tired. She looks after her younger sister a lot."
    ),
    going_well="She loves chess club and is very good at it. She trusts her form tutor, Mr Ali.",
    young_person_knows="yes",
    parent_knows="no",
    urgency="soon",
    consent=(
        "Emily agreed to the referral and to meet an ACT worker at school at lunchtime. She has not agreed to her "
        "mum being told yet: she wants to meet the worker first."
    ),
    anything_else="Please contact Emily through school, not at home: mum's boyfriend is at home most days.",
)


def _waiting_referrals(now) -> list[tuple]:
    """The two referrals waiting for the manager's decision: one urgent from the police, one from a school."""
    return [
        (
            now - timedelta(days=1, hours=2),
            dict(
                given_name="Mia",
                family_name="Roberts",
                date_of_birth=_years_ago(14, 5),
                living_situation=LivingSituation.FOSTER_CARE,
                education_setting="Falinge Park High School",
                referrer_name="Dee Shaw",
                referrer_agency="Falinge Park High School",
                referrer_contact="d.shaw@school.example",
                worries=["online", "older_peers", "education"],
                worries_details=(
                    "Mia has been talking to adults she does not know on Snapchat, and has been seen with older "
                    "teenagers outside school at home time. Her foster carer found messages asking her to meet."
                ),
                going_well="Good friendships in her year group; loves art.",
                young_person_knows="yes",
                parent_knows="yes",
                urgency="soon",
                consent="Mia agreed to the referral. Her foster carer and social worker agreed to it too.",
            ),
        ),
        (
            now - timedelta(hours=5),
            dict(
                given_name="Tayla",
                family_name="Brooks",
                date_of_birth=_years_ago(16, 1),
                living_situation=LivingSituation.FAMILY,
                education_setting="Hopwood Hall College",
                referrer_name="PC Amir Khan",
                referrer_agency="Greater Manchester Police",
                referrer_contact="amir.khan@police.example",
                worries=["missing", "exploitation", "substances"],
                worries_details=(
                    "Tayla has been missing three times this month. Last night she was found in a car in Heywood "
                    "with two adult men. She had cannabis and cash she could not explain."
                ),
                going_well="Her nan is a steady support.",
                young_person_knows="not_sure",
                parent_knows="yes",
                urgency="urgent",
                consent="Tayla's mum agreed to the referral. Tayla has not been asked yet: she has not been home.",
                anything_else="A strategy discussion is planned for Friday.",
            ),
        ),
    ]


def _accepted_referral(case: Case, key: str, manager: User, *, received_at, fields: dict) -> None:
    """The referral a demo case came from: made, linked to the young person the team knows, and accepted by
    the manager the morning after it arrived, through the same services as a real one."""
    if case.referrals.exists():
        return
    details = PERSONAS[key]
    young_person = {name: details[name] for name in YOUNG_PERSON_FIELDS}
    referral = services.referral_create(
        team=case.team, by=None, received_at=received_at, fields={**young_person, **fields}
    )
    services.referral_resolve_duplicate(referral=referral, choice=Referral.DuplicateChoice.LINKED, by=manager)
    services.referral_accept(referral=referral, key_worker=case.key_worker or manager, by=manager)
    Referral.objects.filter(pk=referral.pk).update(decided_at=received_at + timedelta(hours=5))


def _team_of(person: User) -> Team:
    """The demo's workers and manager all belong to a team (accounts/demo.py); partners and the
    administrator do not, and have no case or referral to make."""
    if person.team is None:
        raise ValueError(f"the demo's {person.username} has no team")
    return person.team


def _case(key: str, key_worker: User) -> Case:
    details = PERSONAS[key]
    team = _team_of(key_worker)
    young_person = YoungPerson.objects.filter(
        team=team, given_name=details["given_name"], family_name=details["family_name"]
    ).first()
    if young_person is None:
        young_person = YoungPerson.objects.create(team=team, **details)
    case = young_person.cases.first()
    if case is None:
        case = services.case_create(young_person=young_person, team=team, key_worker=key_worker, by=None)
    elif case.key_worker_id != key_worker.pk:
        services.case_allocate(case=case, worker=key_worker, by=None)
    return case


def _network(case: Case, key: str) -> None:
    if case.network.exists():
        return
    for kind, name, relationship, agency, closeness, view in NETWORKS[key]:
        services.network_add(
            case=case,
            by=None,
            kind=kind,
            name=name,
            relationship=relationship,
            agency=agency,
            closeness=closeness,
            young_persons_view=view,
        )


def _timeline(case: Case, author: User, entries: list[dict]) -> None:
    if case.timeline.exists():
        return
    for fields in entries:
        services.timeline_add(case=case, by=author, **fields)


def seed(people: dict[str, User]) -> dict[str, Case]:
    now = timezone.now()
    worker, worker2, manager = people["worker"], people["worker2"], people["manager"]
    cases = {
        "destiny": _case("destiny", worker),
        "emily": _case("emily", worker),
        "lily": _case("lily", worker2),
    }
    outsider_yp = YoungPerson.objects.get_or_create(
        team=_team_of(people["outsider"]),
        given_name="Jordan",
        family_name="Price",
        defaults={"date_of_birth": _years_ago(14), "living_situation": LivingSituation.FAMILY},
    )[0]
    cases["jordan"] = outsider_yp.cases.first() or services.case_create(
        young_person=outsider_yp, team=outsider_yp.team, key_worker=people["outsider"], by=None
    )

    destiny, lily, emily = cases["destiny"], cases["lily"], cases["emily"]
    if destiny.plan_coordinator_id is None:
        services.case_update_people(
            case=destiny,
            social_worker_name="Rachel Green",
            social_worker_contact="rachel.green@council.example",
            coordinator=people["coordinator"],
            by=manager,
        )
        services.case_change_stage(case=destiny, stage="assessment", by=worker, reason="Getting on well")
    for key in ("destiny", "lily", "emily"):
        _network(cases[key], key)
    if not destiny.network.filter(user=people["partner"]).exists():
        services.case_add_partner(
            case=destiny, partner=people["partner"], contribute=True, by=manager, role="Police CSE officer"
        )
    if not CaseLink.objects.filter(case_a=min(destiny, lily, key=lambda c: c.pk)).exists():
        services.case_link(case=destiny, other=lily, reason="Friends who often go missing together", by=manager)

    _timeline(
        destiny,
        worker,
        [
            dict(
                kind="contact",
                occurred_at=now - timedelta(days=9),
                summary="Milkshake at the retail park",
                method="visit",
                seen_alone=True,
                their_words="I don't want to talk about the weekend. Maybe next time.",
            ),
            # Back 52 hours ago: her return home interview is due within the day, so the reminders' first run
            # tells her worker (who was told when the return was recorded, too).
            dict(
                kind="missing",
                occurred_at=now - timedelta(days=3),
                returned_at=now - timedelta(hours=52),
                summary="Missing overnight with Lily",
                where_found="A flat in Oldham, with older males",
            ),
            dict(
                kind="event",
                occurred_at=now - timedelta(days=1),
                summary="Strategy discussion held",
                details="Agreed a My Safety Plan meeting within the week.",
            ),
        ],
    )
    if not destiny.timeline.filter(restricted=True).exists():
        services.timeline_add(
            case=destiny,
            by=people["partner"],
            kind="event",
            occurred_at=now - timedelta(hours=20),
            summary="Intelligence: vehicle seen near the children's home",
            restricted=True,
            details="Registration shared with the ACT key worker. Not for wider circulation.",
        )
    _timeline(
        lily,
        worker2,
        [
            dict(
                kind="contact",
                occurred_at=now - timedelta(days=4),
                summary="Phone call",
                method="call",
                seen_alone=True,
                their_words="Only if you're not going to lecture me.",
            ),
            dict(
                kind="missing",
                occurred_at=now - timedelta(days=3),
                returned_at=now - timedelta(hours=52),
                summary="Missing overnight with Destiny",
                where_found="Came back to her flat in the morning",
            ),
        ],
    )
    _timeline(
        emily,
        worker,
        [
            dict(
                kind="contact",
                occurred_at=now - timedelta(days=6),
                summary="Lunchtime at school",
                method="meeting",
                seen_alone=True,
                their_words="Chess was good. Home is rubbish.",
            ),
            dict(kind="event", occurred_at=now - timedelta(days=3), summary="Referred to young carers group"),
        ],
    )
    lily_interviews = TimelineEntry.objects.filter(case=lily, kind="missing")
    lily_interviews.update(return_interview_done_at=now - timedelta(hours=2))
    # Her worker marked the notice of it done once the interview was held.
    Notification.objects.filter(
        key__in=[f"rhi-recorded:{pk}" for pk in lily_interviews.values_list("pk", flat=True)]
    ).update(done_at=now - timedelta(hours=2), read_at=now - timedelta(hours=2))

    team = _team_of(manager)
    _accepted_referral(destiny, "destiny", manager, received_at=now - timedelta(weeks=10), fields=DESTINYS_REFERRAL)
    _accepted_referral(emily, "emily", manager, received_at=now - timedelta(weeks=6), fields=EMILYS_REFERRAL)
    if not Referral.objects.filter(team=team, status=Referral.Status.WAITING).exists():
        for received_at, fields in _waiting_referrals(now):
            services.referral_create(team=team, by=None, received_at=received_at, fields=fields)
    return cases
