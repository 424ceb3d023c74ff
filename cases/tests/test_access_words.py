"""The policy's answers for words: a young person's or family member's draft is theirs alone; once sent,
the staff who may change the case read it, and a partner agency only where the writer chose to share it
with them. Words written by staff and partners are read by everyone who may see the case. The same rule
answers for stored words, for rows that point at them (a part's history) and for words kept elsewhere (a
review's snapshot), and the young person's page names exactly the people it lets read."""

import pytest
from django.contrib.auth.models import AnonymousUser, Permission

from accounts.models import User
from accounts.tests.factories import PartnerAgencyFactory, PartnerFactory, UserFactory
from assessments import services as assessment_services
from assessments.models import Contribution, Revision
from assessments.sections import Audience, SectionKind
from cases import access, services
from cases.models import CaseUserObjectPermission


@pytest.fixture
def about_me(case):
    return case.assessment.sections.get(kind=SectionKind.ABOUT_ME)


def words(section, *, text: str, author=None, send=False, share_with=()):
    contribution = assessment_services.contribution_start(
        section=section, contributor=Audience.KEY_WORKER if author else Audience.YOUNG_PERSON, author=author
    )
    assessment_services.contribution_save(contribution=contribution, text=text, expected_version=0, user=author)
    if send:
        assessment_services.contribution_send(contribution=contribution, label="Destiny")
    if share_with:
        ids = {agency.pk for agency in share_with}
        assessment_services.contribution_share(contribution=contribution, agency_ids=ids, allowed=ids, label="Destiny")
    return contribution


@pytest.fixture
def nurse(case):
    health = PartnerAgencyFactory(name="Rochdale Health")
    person = PartnerFactory(username="nurse", agency=health)
    services.case_add_partner(case=case, partner=person, contribute=False, by=None)
    return person


@pytest.fixture
def written(about_me, key_worker, partner_with_grant):
    """Her draft, her words sent, her words sent and shared with the police, and the key worker's words."""
    words(about_me, text="Draft", author=None)
    words(about_me, text="Sent", send=True)
    words(about_me, text="Shared", send=True, share_with=[partner_with_grant.agency])
    words(about_me, text="Worker", author=key_worker)


def readable(person, case, about_me) -> set[str]:
    found = access.readable_words(person, case, Contribution.objects.filter(section=about_me))
    return set(found.values_list("text", flat=True))


def test_her_draft_is_nobodys_and_her_sent_words_reach_only_whom_she_chose(
    case, about_me, written, key_worker, manager, partner_with_grant, nurse
):
    assert readable(key_worker, case, about_me) == readable(manager, case, about_me) == {"Sent", "Shared", "Worker"}
    assert readable(partner_with_grant, case, about_me) == {"Shared", "Worker"}
    assert readable(nurse, case, about_me) == {"Worker"}
    assert readable(AnonymousUser(), case, about_me) == set()


def test_a_colleague_who_is_not_a_partner_reads_only_professional_words(case, about_me, written, team):
    colleague = UserFactory(username="colleague", team=team)
    assert readable(colleague, case, about_me) == {"Worker"}


def test_the_history_of_a_part_follows_the_same_rule_and_keeps_the_judgement(
    case, about_me, written, partner_with_grant, key_worker
):
    assessment_services.judgement_save(
        section=about_me, going_well="Talks to Nan", worries="", why="", expected_version=0, by=key_worker
    )
    history = access.readable_words(
        partner_with_grant, case, Revision.objects.filter(section=about_me), through="contribution__"
    )
    texts = {revision.content.get("text") or revision.content.get("going_well") for revision in history}
    assert texts == {"Shared", "Worker", "Talks to Nan"}


def test_words_kept_elsewhere_follow_the_same_rule(case, key_worker, partner_with_grant, nurse):
    police = partner_with_grant.agency.pk
    staff = access.words_reader(key_worker, case)
    partner = access.words_reader(partner_with_grant, case)
    nobody = access.words_reader(AnonymousUser(), case)
    assert staff.may_read(family=True, shared_with=[]) and staff.may_read(family=False)
    assert partner.may_read(family=True, shared_with=[police]) and partner.may_read(family=False)
    assert not partner.may_read(family=True, shared_with=[])
    assert not access.words_reader(nurse, case).may_read(family=True, shared_with=[police])
    assert not nobody.may_read(family=False)


def test_her_page_names_the_people_who_may_change_the_case_in_plain_words(case, key_worker, manager, team):
    coordinator = UserFactory(
        username="coordinator",
        first_name="Helen",
        last_name="Moss",
        team=team,
        role=User.Role.PLAN_COORDINATOR,
        coordinator_kind="iro",
    )
    services.case_update_people(
        case=case, social_worker_name="", social_worker_contact="", coordinator=coordinator, by=manager
    )
    # A co-worker given change rights on the case is named too.
    co_worker = UserFactory(username="co-worker", first_name="Sam", last_name="Ali", team=team)
    change = Permission.objects.get(content_type__app_label="cases", codename=access.CHANGE)
    CaseUserObjectPermission.objects.create(content_object=case, user=co_worker, permission=change)
    UserFactory(username="former", role=User.Role.MANAGER, team=team, is_active=False)
    readers = {reader.name: reader.role for reader in access.family_words_readers(case)}
    assert readers == {
        key_worker.get_full_name(): "your worker",
        "Helen Moss": "helps organise your plan",
        manager.get_full_name(): f"manages {key_worker.first_name}’s team",
        "Sam Ali": "works with you",
    }


def test_with_no_key_worker_the_manager_is_named_as_managing_the_team(manager, team):
    from cases.tests.factories import YoungPersonFactory

    case = services.case_create(young_person=YoungPersonFactory(team=team), team=team, key_worker=None, by=manager)
    assert [(r.name, r.role) for r in access.family_words_readers(case)] == [
        (manager.get_full_name(), "manages the team")
    ]


def test_the_agencies_she_may_share_with_are_those_of_the_partners_on_the_case(case, partner_with_grant, nurse):
    second_officer = PartnerFactory(
        username="officer2", first_name="Ann", last_name="Lee", agency=partner_with_grant.agency
    )
    services.case_add_partner(case=case, partner=second_officer, contribute=False, by=None)
    agencies = access.partner_agencies_of(case)
    assert [(name, sorted(people)) for _pk, name, people in agencies] == [
        (partner_with_grant.agency.name, sorted([partner_with_grant.get_full_name(), "Ann Lee"])),
        ("Rochdale Health", [nurse.get_full_name()]),
    ]


def test_a_plan_is_read_by_everyone_on_the_case_partners_named_with_their_agency(case, key_worker, partner_with_grant):
    readers = [(r.name, r.role) for r in access.plan_readers(case)]
    assert (key_worker.get_full_name(), "your worker") in readers
    assert (partner_with_grant.get_full_name(), f"from {partner_with_grant.agency.name}") in readers


def test_every_feedback_word_is_read_by_the_teams_managers_only(
    case, key_worker, manager, outsider, partner_with_grant
):
    assert access.may_read_all_feedback_words(manager, case)
    for person in (key_worker, outsider, partner_with_grant):
        assert not access.may_read_all_feedback_words(person, case)
    other_manager = UserFactory.create(username="wigan-manager", role=User.Role.MANAGER, team=outsider.team)
    assert not access.may_read_all_feedback_words(other_manager, case)
