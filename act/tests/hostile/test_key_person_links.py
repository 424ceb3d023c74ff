"""Hostile tests of the links for someone close to the young person (a key person from their network): the
worker's invitation forms with any input, and the key person's own pages trying to reach what is not theirs
(the young person's and parent's words, other parts, the plan, another case, a closed case)."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from assessments import services as assessment_services
from assessments.models import Contribution
from assessments.sections import Audience, SectionKind
from cases import services as case_services
from cases.models import NetworkMember, SharedLink
from cases.tests.factories import CaseFactory
from cases.tests.network import add
from plans import services as plan_services
from plans.models import KeyPersonWords, Whose

from .checks import attempt
from .inputs import HOSTILE, hostile_number, hostile_text

pytestmark = pytest.mark.django_db

PASSCODE = "sunflower"


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def nan(case):
    return add(case, name="Nan", relationship="Grandmother")


@pytest.fixture
def plan(case, key_worker):
    plan = plan_services.plan_start(case=case, by=key_worker)
    plan_services.strength_add(plan=plan, whose=Whose.YOUNG_PERSON, text="Plan strength secret", by=key_worker)
    plan_services.worries_save(plan=plan, worries="Plan worry secret", by=key_worker)
    plan_services.goal_add(
        plan=plan, owner=Whose.YOUNG_PERSON, owner_name="", words="Plan goal secret", why="", by=key_worker
    )
    return plan


def sent_words(section, person, name, text, by):
    link, _token = assessment_services.section_link_create(section=section, person=person, name=name, by=by)
    contribution = link.section_link.contribution
    assessment_services.contribution_save(contribution=contribution, text=text, expected_version=0, label=name)
    assessment_services.contribution_send(contribution=contribution, label=name)
    return contribution


def draft_words(section, person, name, text, by):
    link, _token = assessment_services.section_link_create(section=section, person=person, name=name, by=by)
    assessment_services.contribution_save(
        contribution=link.section_link.contribution, text=text, expected_version=0, label=name
    )


def opened(client, token, passcode=PASSCODE):
    path = f"/s/{token}/"
    assert client.post(path, {"action": "passcode", "passcode": passcode}).status_code == 302
    return path


# The key person's page on a part of the assessment


@pytest.fixture
def about_me(case):
    return case.assessment.sections.get(kind=SectionKind.ABOUT_ME)


@pytest.fixture
def everyone_elses_words(case, key_worker, about_me, outsider_case, outsider):
    """Words the key person must never read: the young person's and a parent's on the same part (sent and
    being written), another part's, and another case's."""
    sent_words(about_me, Audience.YOUNG_PERSON, "", "YP sent secret", key_worker)
    draft_words(about_me, Audience.YOUNG_PERSON, "Dee", "YP draft secret", key_worker)
    sent_words(about_me, Audience.PARENT_CARER, "Sarah", "Parent sent secret", key_worker)
    sent_words(about_me, Audience.PARENT_CARER, "Dad", "Dad sent secret", key_worker)
    sent_words(case.assessment.sections.get(kind="safety"), Audience.YOUNG_PERSON, "", "Other part secret", key_worker)
    assessment_services.judgement_save(
        section=about_me, going_well="Judgement secret", worries="", why="", expected_version=0, by=key_worker
    )
    other = outsider_case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    sent_words(other, Audience.YOUNG_PERSON, "", "Other case secret", outsider)
    return ["YP sent secret", "YP draft secret", "Parent sent secret", "Dad sent secret", "Other part secret",
            "Judgement secret", "Other case secret"]  # fmt: skip


def test_the_key_persons_page_shows_none_of_anyone_elses_words(
    client, key_worker, nan, about_me, everyone_elses_words, plan
):
    _link, token = assessment_services.key_person_link_create(
        section=about_me, member=nan, agreed=True, by=key_worker, passcode=PASSCODE
    )
    path = opened(client, token)
    client.post(path, {"action": "send", "text": "Nan wrote this herself", "version": 0})
    page = text_of(client.get(path))
    assert "Nan wrote this herself" in page  # her own, behind her passcode
    for secret in [*everyone_elses_words, "Plan strength secret", "Plan worry secret", "Plan goal secret"]:
        assert secret not in page, secret


def test_posting_another_parts_or_anothers_words_ids_writes_only_her_own(
    client, key_worker, case, nan, about_me, everyone_elses_words
):
    others = {c.pk: (c.text, c.status, c.version) for c in Contribution.objects.all()}
    _link, token = assessment_services.key_person_link_create(section=about_me, member=nan, agreed=True, by=key_worker)
    safety = case.assessment.sections.get(kind="safety")
    path = f"/s/{token}/"
    for pk in [*others, safety.pk]:
        client.post(
            path,
            {"action": "send", "text": "Nan again", "version": 0, "contribution": pk, "section": pk, "kind": "safety"},
        )
    assert {c.pk: (c.text, c.status, c.version) for c in Contribution.objects.filter(pk__in=others)} == others
    mine = Contribution.objects.exclude(pk__in=others)
    assert [(c.section_id, c.contributor, c.contributor_name) for c in mine] == [
        (about_me.pk, Audience.KEY_PERSON, "Nan")
    ]


@given(action=st.sampled_from(["share", "more", "autosave", "save", "send", "rate", "safety", "words"]),
       value=hostile_text, number=hostile_number)  # fmt: skip
@HOSTILE
def test_any_input_on_the_key_persons_part_shares_nothing_with_agencies(
    key_worker, case, partner_with_grant, action, value, number
):
    with attempt("key person: part") as stranger:
        member = add(case, name="Nan")
        section = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
        _link, token = assessment_services.key_person_link_create(
            section=section, member=member, agreed=True, by=key_worker
        )
        url = f"/s/{token}/"
        stranger.get(url)
        stranger.submit(url, {"action": action, "text": value, "version": number, "agencies": [number, value]})
        words = Contribution.objects.filter(contributor=Audience.KEY_PERSON)
        assert not words.filter(shares__isnull=False).exists()


# The key person's page on the plan


def test_the_key_persons_plan_page_shows_nothing_of_the_plan_or_others(
    client, key_worker, case, nan, plan, about_me, everyone_elses_words
):
    _link, token = plan_services.plan_words_link_create(
        plan=plan, member=nan, agreed=True, by=key_worker, days=14, passcode=PASSCODE
    )
    path = opened(client, token)
    page = text_of(client.get(path))
    for secret in [*everyone_elses_words, "Plan strength secret", "Plan worry secret", "Plan goal secret"]:
        assert secret not in page, secret


def test_posting_another_plans_goal_or_safety_changes_nothing(
    client, key_worker, case, nan, plan, outsider_case, outsider
):
    other_plan = plan_services.plan_start(case=outsider_case, by=outsider)
    goal = plan.goals.get()
    _link, token = plan_services.plan_words_link_create(plan=plan, member=nan, agreed=True, by=key_worker, days=14)
    path = f"/s/{token}/"
    versions = (plan.version, other_plan.version)
    for data in (
        {"action": "rate", "goal": goal.pk, "score": "3"},
        {"action": "safety", "part": "people", "text": "Call Nan", "phone": "07700 900999"},
        {"action": "words", "going_well": "x", "plan": other_plan.pk, "goal": goal.pk, "link": 1},
    ):
        client.post(path, data)
    plan.refresh_from_db()
    other_plan.refresh_from_db()
    assert goal.ratings.count() == 0 and not plan.safety_items.exists()
    # Only her words went in, into her plan: one change.
    assert (plan.version, other_plan.version) == (versions[0] + 1, versions[1])
    assert list(KeyPersonWords.objects.values_list("plan_id", flat=True)) == [plan.pk]


def test_a_plan_words_link_never_opens_the_whole_plan_or_a_meeting(client, key_worker, case, nan, plan):
    # Links of other purposes made for a key person past the services (an old or forged row): all refused.
    for purpose in ("plan", "meeting"):
        _link, token = case_services.link_create(
            case=case, purpose=purpose, target_id=plan.pk, person="key_person", name="Nan", by=key_worker
        )
        answer = client.get(f"/s/{token}/")
        assert answer.status_code == 404, purpose
        assert "Plan goal secret" not in answer.content.decode()


def test_a_plan_words_link_pointing_at_another_cases_plan_opens_nothing(
    client, key_worker, case, nan, plan, outsider_case, outsider
):
    other_plan = plan_services.plan_start(case=outsider_case, by=outsider)
    link, token = plan_services.plan_words_link_create(plan=plan, member=nan, agreed=True, by=key_worker, days=14)
    SharedLink.objects.filter(pk=link.pk).update(target_id=other_plan.pk)
    assert client.get(f"/s/{token}/").status_code == 404
    assert client.post(f"/s/{token}/", {"action": "words", "going_well": "x"}).status_code == 404
    assert not KeyPersonWords.objects.exists()


def test_a_key_persons_links_to_a_closed_case_do_not_open(client, key_worker, case, nan, plan, about_me):
    _a, section_token = assessment_services.key_person_link_create(
        section=about_me, member=nan, agreed=True, by=key_worker
    )
    _b, plan_token = plan_services.plan_words_link_create(plan=plan, member=nan, agreed=True, by=key_worker, days=14)
    case_services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    for token in (section_token, plan_token):
        assert client.get(f"/s/{token}/").status_code == 404
        client.post(f"/s/{token}/", {"action": "words", "going_well": "late"})
        client.post(f"/s/{token}/", {"action": "send", "text": "late", "version": 0})
    assert not KeyPersonWords.objects.exists()
    assert not Contribution.objects.filter(contributor=Audience.KEY_PERSON).exclude(text="").exists()


# The worker's invitation forms


FORMS = ["assessments:key-person-link-new", "plans:key-person-link-new"]


def member_value(name: str, case, outsider_case, key_worker) -> str:
    if name == "nan":
        return str(add(case, name="Nan").pk)
    if name == "professional":
        return str(add(case, name="Dr Patel", kind=NetworkMember.Kind.PROFESSIONAL).pk)
    if name == "removed":
        member = add(case, name="Uncle Ray")
        case_services.network_remove(member=member, by=key_worker)
        return str(member.pk)
    return str(add(outsider_case, name="Their Nan").pk)


@example(form=FORMS[0], member="nan", agreed="on", days="14", passcode="", section="about_me")
@example(form=FORMS[1], member="nan", agreed="on", days="14", passcode="otter7", section="")
@example(form=FORMS[1], member="professional", agreed="on", days="14", passcode="", section="")
@example(form=FORMS[0], member="nan", agreed="", days="14", passcode="", section="about_me")
@given(
    form=st.sampled_from(FORMS),
    member=st.one_of(st.sampled_from(["nan", "professional", "removed", "other_case"]), hostile_number),
    agreed=st.one_of(st.sampled_from(["on", "", None]), hostile_text),
    days=st.one_of(st.sampled_from(["14", "0", "91", "-1"]), hostile_number),
    passcode=st.one_of(st.sampled_from(["", "abc", "otter7"]), hostile_text),
    section=st.one_of(st.sampled_from(["about_me", "safety"]), hostile_text),
)
@HOSTILE
def test_the_invitation_forms_make_a_link_only_for_someone_close_with_agreement(
    key_worker, case, outsider_case, form, member, agreed, days, passcode, section
):
    with attempt("key person: invitation", key_worker) as worker:
        plan_services.plan_start(case=case, by=key_worker)
        named = member in ("nan", "professional", "removed", "other_case")
        value = member_value(member, case, outsider_case, key_worker) if named else member
        data = {"member": value, "days": days, "passcode": passcode, "section": section}
        if agreed is not None:
            data["agreed"] = agreed
        answer = worker.post(reverse(form, args=[case.pk]), data)
        assert answer.status_code in (200, 400)
        made = SharedLink.objects.filter(case=case)
        if made.exists():
            link = made.get()
            assert answer.status_code == 200
            assert link.person == "key_person" and link.person_name == "Nan"
            assert member == "nan" and agreed not in (None, "")
        if member != "nan" or agreed in (None, ""):
            assert not made.exists()
        valid = member == "nan" and agreed == "on" and days == "14" and passcode in ("", "otter7")
        if valid and (form == FORMS[1] or section == "about_me"):
            assert made.exists()


def test_the_invitation_forms_are_not_for_another_teams_case(client_for, outsider, case, plan):
    for name in FORMS:
        assert client_for(outsider).get(reverse(name, args=[case.pk])).status_code == 404


def test_the_invitation_needs_an_open_case(client_for, key_worker, case, nan, plan):
    case_services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    for name in FORMS:
        data = {"member": nan.pk, "days": "14", "passcode": "", "agreed": "on", "section": "about_me"}
        # The policy's page for a closed case (409), as for every change to it.
        assert client_for(key_worker).post(reverse(name, args=[case.pk]), data).status_code == 409
    assert not SharedLink.objects.exists()


def test_a_second_case_of_the_same_team_cannot_be_reached_through_its_members(client_for, key_worker, case, plan):
    sibling = CaseFactory.create(given_name="Lily", team=key_worker.team, key_worker=key_worker)
    their_nan = add(sibling, name="Lily's Nan")
    for name in FORMS:
        data = {"member": their_nan.pk, "days": "14", "passcode": "", "agreed": "on", "section": "about_me"}
        assert client_for(key_worker).post(reverse(name, args=[case.pk]), data).status_code == 400
    assert not SharedLink.objects.exists()


def test_taking_nan_off_the_network_stops_her_links(client, key_worker, case, nan, plan, about_me):
    _a, section_token = assessment_services.key_person_link_create(
        section=about_me, member=nan, agreed=True, by=key_worker
    )
    _b, plan_token = plan_services.plan_words_link_create(plan=plan, member=nan, agreed=True, by=key_worker, days=14)
    case_services.network_remove(member=nan, by=key_worker)
    for token in (section_token, plan_token):
        assert client.get(f"/s/{token}/").status_code == 404
        client.post(f"/s/{token}/", {"action": "words", "going_well": "after"})
        client.post(f"/s/{token}/", {"action": "send", "text": "after", "version": 0})
    assert not KeyPersonWords.objects.exists()
    assert not Contribution.objects.filter(contributor=Audience.KEY_PERSON).exclude(text="").exists()
