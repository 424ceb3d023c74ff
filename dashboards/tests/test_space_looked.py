"""Who has looked at my record, in the young person's space: the staff and agencies who opened their record
in the last three months, in plain words, from the audit; never what they looked at; not for a parent."""

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from act.testing import assert_query_budget
from cases import audit
from cases.models import AuditEvent, Person
from cases.tests.timeline_helpers import entry
from dashboards.tests.space_helpers import open_space


def looks_at(client_for, person, case, name="cases:detail", *args):
    assert client_for(person).get(reverse(name, args=[case.pk, *args])).status_code == 200


def test_the_young_person_sees_who_looked_by_role_and_agency_and_when(
    client, client_for, case, key_worker, manager, partner_with_grant
):
    for person in (key_worker, manager, partner_with_grant):
        looks_at(client_for, person, case)
    home, _link = open_space(client, case, key_worker)
    response = client.get(f"{home}looked/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Who has looked at my record" in content and "in the last 3 months" in content
    assert "Jo, your worker" in content
    assert "A manager in the ACT team" in content and str(manager) not in content
    assert f"Someone from {partner_with_grant.agency.name}" in content and str(partner_with_grant) not in content
    assert "Last looked:" in content and "<time datetime=" in content
    assert "People look at your record to get ready to see you" in content  # why people look


def test_it_never_says_what_they_looked_at_nor_restricted_details(client, client_for, case, key_worker, manager):
    secret = entry(case, key_worker, kind="contact", summary="Intelligence about a car seen outside", restricted=True)
    looks_at(client_for, manager, case, "cases:timeline-entry", secret.pk)
    home, _link = open_space(client, case, key_worker)
    content = client.get(f"{home}looked/").content.decode()
    assert "A manager in the ACT team" in content
    for words in ("Intelligence", "car seen", "timeline", "restricted", "Restricted"):
        assert words not in content


def test_an_outsider_never_appears(client, client_for, case, key_worker, outsider):
    assert client_for(outsider).get(reverse("cases:detail", args=[case.pk])).status_code == 404
    home, _link = open_space(client, case, key_worker)
    content = client.get(f"{home}looked/").content.decode()
    assert "ACT Wigan" not in content and str(outsider) not in content
    assert "Nobody has opened your record in this time." in content


def test_their_own_visits_are_not_on_the_list(client, case, key_worker):
    home, _link = open_space(client, case, key_worker)
    client.get(f"{home}looked/")
    client.get(f"{home}people/")
    assert "Nobody has opened your record in this time." in client.get(f"{home}looked/").content.decode()


def test_a_parents_space_has_no_who_has_looked(client, client_for, case, key_worker):
    looks_at(client_for, key_worker, case)
    home, _link = open_space(client, case, key_worker, person=Person.PARENT_CARER, name="Mum")
    assert client.get(f"{home}looked/").status_code == 404


@pytest.mark.parametrize("rest", ["looked/more/", "looked/1/"])
def test_addresses_under_it_open_nothing(client, case, key_worker, rest):
    home, _link = open_space(client, case, key_worker)
    assert client.get(f"{home}{rest}").status_code == 404
    assert client.post(f"{home}looked/", {}).status_code == 404


def test_who_has_looked_keeps_to_its_query_budget(client, case, key_worker):
    home, _link = open_space(client, case, key_worker)

    def add_rows(count):
        for _number in range(count):
            person = UserFactory(team=case.team)
            audit.record(user=person, case=case, action=AuditEvent.Action.VIEW, what="timeline")

    assert_query_budget(client, f"{home}looked/", add_rows=add_rows, budget=12, small=3, large=40)
