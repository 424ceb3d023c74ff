import re

import pytest
from django.http import Http404
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases import access, services
from cases.models import CaseUserObjectPermission
from cases.tests.factories import CaseFactory


def visible_names(user):
    return set(access.visible_cases(user).values_list("young_person__given_name", flat=True))


def test_key_worker_sees_and_changes_their_case(case, key_worker):
    assert access.can_view(key_worker, case)
    assert access.can_change(key_worker, case)
    assert access.get_case_for_view(key_worker, case.pk) == case


def test_worker_of_another_team_gets_404(case, outsider, outsider_case):
    assert visible_names(outsider) == {"Jordan"}
    with pytest.raises(Http404):
        access.get_case_for_view(outsider, case.pk)


def test_colleague_in_the_same_team_does_not_see_a_case_they_are_not_on(case, team):
    colleague = UserFactory(team=team)
    assert visible_names(colleague) == set()


def test_managers_see_every_case_of_their_team_and_no_other(case, manager, outsider_case):
    later = CaseFactory(given_name="Emily", team=manager.team)
    assert visible_names(manager) == {"Destiny", "Emily"}
    assert access.can_change(manager, later)


def test_manager_grant_follows_the_role(case, team):
    person = UserFactory(team=team)
    assert not access.can_view(person, case)
    person.role = User.Role.MANAGER
    person.save()
    assert access.can_view(person, case)
    person.role = User.Role.ACT_WORKER
    person.save()
    assert not access.can_view(person, case)


def test_manager_moving_team_loses_the_old_team(case, manager, other_team, outsider_case):
    manager.team = other_team
    manager.save()
    assert visible_names(manager) == {"Jordan"}


def test_reallocating_moves_the_grant(case, key_worker, team):
    new_worker = UserFactory(team=team)
    services.case_allocate(case=case, worker=new_worker, by=None)
    assert access.can_change(new_worker, case)
    assert not access.can_view(key_worker, case)
    assert not CaseUserObjectPermission.objects.filter(content_object=case, user=key_worker).exists()


def test_key_worker_must_be_in_the_case_team(case, outsider):
    with pytest.raises(ValueError):
        services.case_allocate(case=case, worker=outsider, by=None)
    case.refresh_from_db()
    assert case.key_worker.username == "worker"


def test_partner_sees_only_the_cases_they_were_added_to(case, partner_with_grant, team):
    CaseFactory(given_name="Lily", team=team)
    assert visible_names(partner_with_grant) == {"Destiny"}
    assert not access.can_change(partner_with_grant, case)


def test_partner_without_grant_gets_404(case, partner_without_grant):
    with pytest.raises(Http404):
        access.get_case_for_view(partner_without_grant, case.pk)


def test_removing_a_partner_takes_access_away(case, partner_with_grant):
    services.case_remove_partner(case=case, partner=partner_with_grant, by=None)
    assert visible_names(partner_with_grant) == set()


def test_only_partner_agency_workers_can_be_added_as_partners(case, outsider):
    with pytest.raises(ValueError):
        services.case_add_partner(case=case, partner=outsider, contribute=False, by=None)
    assert not access.can_view(outsider, case)


def test_administrator_sees_no_case_by_being_superuser(case, administrator):
    assert visible_names(administrator) == set()


def test_deactivated_person_sees_nothing(case, key_worker):
    key_worker.is_active = False
    key_worker.save()
    assert visible_names(key_worker) == set()


@pytest.mark.parametrize("who", ["outsider", "partner_without_grant", "administrator"])
def test_case_page_is_404_for_people_without_a_grant(request, case, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 404
    assert b"Destiny" not in response.content


@pytest.mark.parametrize("who", ["key_worker", "manager", "partner_with_grant"])
def test_case_page_shows_the_case_to_people_with_a_grant(request, case, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert b"Destiny" in response.content


def test_a_missing_case_looks_the_same_as_a_forbidden_one(case, client_for, outsider):
    client = client_for(outsider)
    forbidden = client.get(reverse("cases:detail", args=[case.pk]))
    missing = client.get(reverse("cases:detail", args=[case.pk + 1000]))
    assert forbidden.status_code == missing.status_code == 404

    def without_csrf_token(response):
        return re.sub(r'value="[^"]+"', "", response.content.decode())

    assert without_csrf_token(forbidden) == without_csrf_token(missing)
