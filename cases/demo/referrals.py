"""The demo's referrals: the ones Destiny's and Emily's cases came from, in the referrers' words (accepted,
through the same services as a real referral), and two waiting for the manager's decision."""

from datetime import timedelta

from accounts.models import User

from .. import services
from ..models import Case, LivingSituation, Referral
from ..services.referrals import YOUNG_PERSON_FIELDS
from .people import PERSONAS, years_ago

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


def waiting_referrals(now) -> list[tuple]:
    """The two referrals waiting for the manager's decision: one urgent from the police, one from a school."""
    return [
        (
            now - timedelta(days=1, hours=2),
            dict(
                given_name="Mia",
                family_name="Roberts",
                date_of_birth=years_ago(14, 5),
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
                date_of_birth=years_ago(16, 1),
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


def accepted_referral(case: Case, key: str, manager: User, *, received_at, fields: dict) -> None:
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
