"""`access.changeable_cases`: the cases a person may change, and so whose family's sent words they read."""

from django.contrib.auth.models import AnonymousUser

from cases import access, services
from cases.tests.factories import CaseFactory


def changeable_names(user) -> set[str]:
    return set(access.changeable_cases(user).values_list("young_person__given_name", flat=True))


def test_the_key_worker_and_the_plan_coordinator_may_change_their_case(case, coordinator, key_worker):
    assert changeable_names(key_worker) == {"Destiny"}
    assert changeable_names(coordinator) == {"Destiny"}


def test_a_manager_may_change_every_case_of_their_team_and_no_other(case, manager, outsider_case):
    CaseFactory.create(given_name="Lily", team=case.team)
    assert changeable_names(manager) == {"Destiny", "Lily"}


def test_a_partner_who_contributes_may_change_nothing(partner_with_grant, viewing_partner):
    assert changeable_names(partner_with_grant) == set()
    assert changeable_names(viewing_partner) == set()


def test_a_worker_of_another_team_may_change_only_their_own(case, outsider, outsider_case):
    assert changeable_names(outsider) == {"Jordan"}


def test_nobody_signed_out_or_deactivated_may_change_anything(case, key_worker):
    assert not access.changeable_cases(AnonymousUser()).exists()
    key_worker.is_active = False
    key_worker.save()
    assert not access.changeable_cases(key_worker).exists()


def test_a_key_worker_replaced_on_the_case_may_change_it_no_more(case, key_worker, team):
    from accounts.tests.factories import UserFactory

    services.case_allocate(case=case, worker=UserFactory(team=team), by=None)
    assert changeable_names(key_worker) == set()
