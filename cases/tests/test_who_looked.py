"""Who has looked at the young person's record, from the audit, in plain words: by role and agency, with
the last time, never what was looked at, and never the young person's or family's own uses of their links."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import PartnerAgencyFactory, PartnerFactory, UserFactory
from cases import audit, services
from cases.audit import who_looked
from cases.models import AuditEvent


def looks(client_for, person, case):
    response = client_for(person).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    return response


def words(case, **kwargs) -> dict[str, int]:
    return {entry.who: entry.people for entry in who_looked(case, **kwargs)}


def test_the_key_worker_is_named_by_first_name_and_everyone_else_by_role_or_agency(
    client_for, case, key_worker, manager, partner_with_grant, coordinator
):
    for person in (key_worker, manager, partner_with_grant, coordinator):
        looks(client_for, person, case)
    assert words(case) == {
        "Jo, your worker": 1,
        "A manager in the ACT team": 1,
        f"Someone from {partner_with_grant.agency.name}": 1,
        f"{coordinator.first_name}, who helps everyone stick to your plan": 1,
    }


def test_people_of_one_agency_are_one_line_with_how_many_and_the_last_time(client_for, case):
    police = PartnerAgencyFactory(name="Greater Manchester Police")
    officers = [PartnerFactory(username=f"officer{n}", agency=police) for n in range(3)]
    for officer in officers:
        services.case_add_partner(case=case, partner=officer, contribute=False, by=None)
        looks(client_for, officer, case)
    last = AuditEvent.objects.filter(user=officers[-1], action="view").latest("at").at
    [entry] = who_looked(case)
    assert (entry.who, entry.people, entry.last) == ("Someone from Greater Manchester Police", 3, last)


def test_a_former_key_worker_and_other_staff_of_the_team_are_someone_in_the_act_team(client_for, case, key_worker):
    looks(client_for, key_worker, case)
    new_worker = UserFactory(username="new-worker", first_name="Sam", team=key_worker.team)
    services.case_allocate(case=case, worker=new_worker, by=None)
    case.refresh_from_db()
    looks(client_for, new_worker, case)
    assert words(case) == {"Sam, your worker": 1, "Someone else in the ACT team": 1}


def test_an_outsider_never_appears_because_they_were_never_let_in(client_for, case, outsider, key_worker):
    assert client_for(outsider).get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert who_looked(case) == []


def test_the_young_persons_own_link_and_changes_are_not_someone_looking(case, key_worker, client_for):
    audit.record(user=None, case=case, action=AuditEvent.Action.VIEW, what="shared link opened")
    audit.record(user=key_worker, case=case, action=AuditEvent.Action.CHANGE, what="case details")
    assert who_looked(case) == []


def test_only_the_last_three_months_count(client_for, case, key_worker, manager):
    looks(client_for, key_worker, case)
    assert words(case, now=timezone.now() + timedelta(days=80)) == {"Jo, your worker": 1}
    assert words(case, now=timezone.now() + timedelta(days=95)) == {}


def test_only_this_cases_record_counts(client_for, outsider, outsider_case, case):
    looks(client_for, outsider, outsider_case)
    assert who_looked(case) == []


def test_the_newest_comes_first(client_for, case, key_worker, manager):
    looks(client_for, manager, case)
    looks(client_for, key_worker, case)
    assert [entry.who for entry in who_looked(case)] == ["Jo, your worker", "A manager in the ACT team"]


@pytest.mark.parametrize("viewers", [2, 20])
def test_who_looked_is_one_query_however_many_looked(client_for, case, django_assert_num_queries, viewers):
    for number in range(viewers):
        person = UserFactory(username=f"colleague{number}", team=case.team, role=User.Role.ACT_WORKER)
        audit.record(user=person, case=case, action=AuditEvent.Action.VIEW, what="timeline")
    with django_assert_num_queries(1):
        found = who_looked(case)
    assert found[0].people == viewers
