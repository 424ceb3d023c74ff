"""The access policy's rules of management oversight (`cases.access.oversight`): who asks to close a case and
who agrees, who reads a case's directions and marks one done, and which cases a manager discusses with a
worker in supervision."""

import pytest
from django.http import Http404

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases import access, services
from cases.models import CloseRequest
from cases.tests.factories import CaseFactory


@pytest.fixture
def asked(case, key_worker):
    return services.close_ask(case=case, reason="Done", outcome="goals_met", summary="Well done", by=key_worker)


def test_only_the_key_worker_asks_to_close_an_open_case(case, key_worker, manager, coordinator, partner_with_grant):
    assert access.may_ask_to_close(key_worker, case)
    for person in (manager, coordinator, partner_with_grant):
        assert not access.may_ask_to_close(person, case)
    services.case_close(case=case, reason="Done", outcome="goals_met", by=manager)
    assert not access.may_ask_to_close(key_worker, case)


def test_a_manager_who_is_the_key_worker_closes_rather_than_asks(team, manager):
    own = CaseFactory(team=team, key_worker=manager)
    assert not access.may_ask_to_close(manager, own) and access.may_close_directly(manager, own)


def test_only_the_teams_manager_closes_directly(case, key_worker, manager, outsider, partner_with_grant):
    assert access.may_close_directly(manager, case)
    for person in (key_worker, outsider, partner_with_grant):
        assert not access.may_close_directly(person, case)


def test_a_request_is_opened_for_a_decision_by_the_teams_manager_only(case, key_worker, manager, asked):
    found = access.get_close_request_for_decision(manager, case.pk, asked.pk)
    assert found == asked and found.case.access.manages_team
    with pytest.raises(Http404):
        access.get_close_request_for_decision(key_worker, case.pk, asked.pk)


def test_a_request_answered_or_of_another_case_is_not_found(case, team, key_worker, manager, asked):
    other = CaseFactory(team=team, key_worker=key_worker)
    with pytest.raises(Http404):
        access.get_close_request_for_decision(manager, other.pk, asked.pk)
    CloseRequest.objects.filter(pk=asked.pk).update(state=CloseRequest.State.SENT_BACK)
    with pytest.raises(Http404):
        access.get_close_request_for_decision(manager, case.pk, asked.pk)


def test_directions_are_read_by_the_people_who_hold_the_case_never_a_partner(
    case, key_worker, manager, coordinator, outsider, partner_with_grant
):
    for person in (key_worker, manager, coordinator):
        assert access.may_read_directions(person, case)
        assert case in access.direction_readable_cases(person)
    for person in (outsider, partner_with_grant):
        assert not access.may_read_directions(person, case)
        assert case not in access.direction_readable_cases(person)


def test_the_key_worker_or_manager_marks_a_direction_done_while_the_case_is_open(
    case, key_worker, manager, coordinator, partner_with_grant
):
    assert access.may_complete_direction(key_worker, case) and access.may_complete_direction(manager, case)
    assert not access.may_complete_direction(coordinator, case)
    assert not access.may_complete_direction(partner_with_grant, case)
    services.case_close(case=case, reason="Done", outcome="goals_met", by=manager)
    case.refresh_from_db()
    assert not access.may_complete_direction(key_worker, case)
    assert not access.may_complete_direction(manager, case)


def test_a_manager_discusses_the_open_cases_a_worker_holds_in_the_team(team, other_team, key_worker, manager):
    held = CaseFactory(team=team, key_worker=key_worker)
    CaseFactory(team=team)  # someone else's
    closed = CaseFactory(team=team, key_worker=key_worker)
    services.case_close(case=closed, reason="Done", outcome="goals_met", by=manager)
    CaseFactory(team=other_team)  # another team's
    assert set(access.supervised_cases(manager, key_worker)) == {held}


def test_a_plan_coordinator_is_supervised_on_the_cases_they_coordinate(team, manager):
    coordinator = UserFactory(team=team, role=User.Role.PLAN_COORDINATOR)
    coordinated = CaseFactory(team=team)
    services.case_set_plan_coordinator(case=coordinated, coordinator=coordinator, by=None)
    assert list(access.supervised_cases(manager, coordinator)) == [coordinated]


def test_someone_who_manages_no_team_discusses_no_case(team, key_worker):
    CaseFactory(team=team, key_worker=key_worker)
    demoted = UserFactory(team=team, role=User.Role.ACT_WORKER)
    assert not access.supervised_cases(demoted, key_worker).exists()
