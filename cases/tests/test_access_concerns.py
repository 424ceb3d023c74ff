"""The access policy of the register of concerns: who reads a team's register, who adds to it, and that a
link to a case the reader may not see is never shown, counted or drawn."""

import pytest
from django.http import Http404

from accounts.models import User
from accounts.tests.factories import PartnerAgencyFactory, PartnerFactory, UserFactory
from cases import access, services


def test_the_key_worker_reads_the_entry_but_counts_only_the_case_they_may_see(key_worker, tee):
    entry = access.get_concern_for_view(key_worker, tee.pk)
    assert entry.case_count == 1
    assert access.reads_a_register(key_worker)
    assert [found.case.young_person.given_name for found in access.visible_concern_links(key_worker)] == ["Destiny"]


def test_the_manager_counts_both_cases_and_draws_both_links(manager, tee):
    assert access.get_concern_for_view(manager, tee.pk).case_count == 2
    assert sorted(link.case.young_person.given_name for link in access.map_links(manager)) == ["Destiny", "Lily"]
    assert access.reads_a_register(manager)
    assert access.reads_register_of(manager, tee.team_id)


def test_a_case_page_shows_other_cases_only_when_the_reader_may_see_them(case, key_worker, manager, lily, tee):
    assert {link.case_id for link in access.case_concern_links(key_worker, case)} == {case.pk}
    assert {link.case_id for link in access.case_concern_links(manager, case)} == {case.pk, lily.pk}


def test_a_worker_of_the_team_with_no_case_of_it_reads_nothing(team, tee):
    newcomer = UserFactory(username="newcomer", team=team)
    assert not access.reads_a_register(newcomer)
    assert not access.visible_concerns(newcomer).exists()
    with pytest.raises(Http404):
        access.get_concern_for_view(newcomer, tee.pk)
    with pytest.raises(Http404):
        access.concern_team_for_change(newcomer)
    assert not access.changeable_concerns(newcomer).exists()


def test_a_worker_of_another_team_and_a_manager_of_another_team_read_nothing(outsider, other_team, tee):
    other_manager = UserFactory(username="wigan-manager", role=User.Role.MANAGER, team=other_team)
    for person in (outsider, other_manager):
        with pytest.raises(Http404):
            access.get_concern_for_view(person, tee.pk)
        assert not access.visible_concern_links(person).exists()
    assert not access.reads_register_of(other_manager, tee.team_id)
    with pytest.raises(Http404):
        access.get_concern_for_change(other_manager, tee.pk)


def test_a_police_partner_on_a_case_reads_the_register_and_changes_nothing(case, partner_with_grant, tee):
    assert partner_with_grant.agency.kind == "police"
    assert access.get_concern_for_view(partner_with_grant, tee.pk).case_count == 1
    assert access.get_case_for_concerns(partner_with_grant, case) == case
    assert not access.changeable_concerns(partner_with_grant).exists()
    with pytest.raises(Http404):
        access.concern_team_for_change(partner_with_grant)
    with pytest.raises(Http404):
        access.get_concern_for_change(partner_with_grant, tee.pk)
    with pytest.raises(Http404):
        access.map_links(partner_with_grant)


def test_a_partner_of_another_agency_on_the_case_reads_nothing(case, tee):
    nurse = PartnerFactory(username="nurse", agency=PartnerAgencyFactory(name="School nursing", kind="health"))
    services.case_add_partner(case=case, partner=nurse, contribute=True, by=None)
    assert not access.reads_a_register(nurse)
    with pytest.raises(Http404):
        access.get_case_for_concerns(nurse, case)
    with pytest.raises(Http404):
        access.get_concern_for_view(nurse, tee.pk)


def test_a_police_partner_on_no_case_reads_nothing(partner_without_grant, tee):
    assert not access.reads_a_register(partner_without_grant)
    assert not access.visible_concerns(partner_without_grant).exists()


def test_an_administrator_and_a_deactivated_worker_read_nothing(administrator, key_worker, tee):
    key_worker.is_active = False
    key_worker.save()
    for person in (administrator, key_worker):
        assert not access.reads_a_register(person)
        with pytest.raises(Http404):
            access.get_concern_for_view(person, tee.pk)


def test_a_plan_coordinator_of_no_team_reads_the_register_of_their_case_and_adds_nothing(coordinator, case, tee):
    assert access.get_concern_for_view(coordinator, tee.pk).case_count == 1
    with pytest.raises(Http404):
        access.concern_team_for_change(coordinator)


def test_the_teams_staff_who_read_the_register_change_its_entries(key_worker, manager, tee):
    assert access.get_concern_for_change(key_worker, tee.pk) == tee
    assert access.concern_team_for_change(key_worker) == tee.team_id
    assert access.concern_team_for_change(manager) == tee.team_id


def test_only_a_manager_gets_the_map(key_worker):
    with pytest.raises(Http404):
        access.map_links(key_worker)
