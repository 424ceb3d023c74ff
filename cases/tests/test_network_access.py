"""Who may reach the network and what follows from it: people without a grant get 404 on every network URL;
a partner agency worker's account in the network is what gives them sight of the case (and the right to
add to its record, when ticked), and removing them, or closing the case, takes it away."""

import pytest
from django.test import Client

from accounts.tests.factories import PartnerFactory, UserFactory
from act.testing import sign_in_fully
from cases import access, services
from cases.models import AuditEvent, NetworkMember
from cases.tests.factories import CaseFactory
from cases.tests.network import NAN, active, add, url

# Who may not


@pytest.mark.parametrize("who", ["outsider", "partner_without_grant", "administrator"])
@pytest.mark.parametrize("url_name", ["network", "network-add", "network-edit", "network-remove"])
def test_people_without_a_grant_get_404_on_every_network_url(request, client_for, case, nan, who, url_name):
    client = client_for(request.getfixturevalue(who))
    path = url(url_name, case) if url_name in ("network", "network-add") else url(url_name, case, nan.pk)
    assert client.get(path).status_code == 404
    assert client.post(path, {**NAN, "name": "Intruder"}).status_code in (404, 405)
    assert list(active(case).values_list("name", flat=True)) == ["Nan"]
    assert not AuditEvent.objects.filter(case=case, action="view", what="network").exists()


@pytest.mark.parametrize("url_name", ["network-add", "network-edit", "network-remove"])
def test_a_partner_who_may_see_the_case_cannot_change_its_network(client_for, case, partner_with_grant, nan, url_name):
    client = client_for(partner_with_grant)
    assert client.get(url("network", case)).status_code == 200
    path = url(url_name, case) if url_name == "network-add" else url(url_name, case, nan.pk)
    assert client.get(path).status_code == 404
    assert client.post(path, {**NAN, "name": "Changed", "closeness": "distant"}).status_code == 404
    nan.refresh_from_db()
    assert nan.name == "Nan" and nan.closeness == "close" and nan.removed_at is None
    assert active(case).count() == 2


def test_a_member_of_another_case_cannot_be_reached_through_this_one(client_for, key_worker, case, team):
    other = CaseFactory(given_name="Lily", team=team)
    theirs = add(other, "Lily's mum")
    client = client_for(key_worker)
    assert client.get(url("network-edit", case, theirs.pk)).status_code == 404
    assert client.post(url("network-remove", case, theirs.pk)).status_code == 404
    theirs.refresh_from_db()
    assert theirs.removed_at is None


def test_a_worker_of_the_same_team_without_the_case_gets_404(client_for, case, team, nan):
    colleague = UserFactory(username="colleague", team=team)
    client = client_for(colleague)
    assert client.get(url("network", case)).status_code == 404
    assert client.post(url("network-remove", case, nan.pk)).status_code == 404


# Partner agency workers with an account


def test_the_add_form_offers_only_active_partner_accounts_with_their_agency(
    client_for, key_worker, case, school_nurse, partner_without_grant
):
    PartnerFactory(username="gone", first_name="Former", last_name="Officer", is_active=False)
    content = client_for(key_worker).get(url("network-add", case)).content.decode()
    assert f'<option value="{school_nurse.pk}">Priya Shah – Rochdale School Nursing</option>' in content
    assert f'<option value="{partner_without_grant.pk}">' in content
    assert f'<option value="{key_worker.pk}">' not in content
    assert "Former Officer" not in content
    assert 'name="closeness"' in content and "govuk-radios__input" in content


def test_an_account_that_is_not_a_partners_is_refused(client_for, key_worker, case, manager):
    response = client_for(key_worker).post(url("network-add", case), {**NAN, "user": manager.pk})
    assert "Choose a partner agency worker from the list" in response.content.decode()
    assert not NetworkMember.objects.filter(case=case).exists()


def test_an_inactive_partner_account_is_refused(client_for, key_worker, case):
    gone = PartnerFactory(username="gone", is_active=False)
    response = client_for(key_worker).post(url("network-add", case), {**NAN, "user": gone.pk})
    assert "Choose a partner agency worker from the list" in response.content.decode()
    assert not NetworkMember.objects.filter(case=case, user=gone).exists()


def test_an_account_already_in_the_network_is_refused(client_for, key_worker, case, partner_with_grant):
    response = client_for(key_worker).post(url("network-add", case), {**NAN, "user": partner_with_grant.pk})
    assert response.status_code == 200
    assert "is already in this network" in response.content.decode()
    assert NetworkMember.objects.filter(case=case, user=partner_with_grant).count() == 1


def test_an_account_removed_earlier_can_be_added_again(client_for, key_worker, case, partner_with_grant):
    services.case_remove_partner(case=case, partner=partner_with_grant, by=key_worker)
    assert not access.can_view(partner_with_grant, case)
    client_for(key_worker).post(url("network-add", case), {**NAN, "name": "", "user": partner_with_grant.pk})
    assert NetworkMember.objects.filter(case=case, user=partner_with_grant).count() == 2
    assert access.can_view(partner_with_grant, case)


def test_adding_a_partner_with_an_account_gives_access_and_removing_them_takes_it_away(
    client_for, key_worker, case, school_nurse
):
    assert not access.can_view(school_nurse, case)
    client = client_for(key_worker)
    data = {
        "user": school_nurse.pk,
        "kind": "",
        "name": "",
        "relationship": "School nurse",
        "agency": "",
        "contact_details": "",
        "closeness": "some",
        "young_persons_view": "support",
    }
    response = client.post(url("network-add", case), data)
    assert response.status_code == 302
    member = active(case).get(user=school_nurse)
    # The account fills in what was left blank.
    assert (member.name, member.kind, member.agency, member.contact_details) == (
        "Priya Shah",
        "professional",
        "Rochdale School Nursing",
        "01706 111222",
    )
    assert member.relationship == "School nurse" and member.can_contribute is False
    assert access.can_view(school_nurse, case)
    with pytest.raises(Exception, match="No such case"):
        access.get_case_for_contribution(school_nurse, case.pk)

    assert client.get(url("network-remove", case, member.pk)).status_code == 200
    assert access.can_view(school_nurse, case)  # the confirmation page changes nothing
    response = client.post(url("network-remove", case, member.pk))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.removed_at is not None
    assert not access.can_view(school_nurse, case)
    assert AuditEvent.objects.filter(case=case, user=key_worker, action="remove", what="network: Priya Shah").exists()


def test_a_partner_added_to_contribute_may_add_to_the_record(client_for, key_worker, case, school_nurse):
    data = {**NAN, "user": school_nurse.pk, "name": "", "kind": "", "can_contribute": "on"}
    client_for(key_worker).post(url("network-add", case), data)
    member = active(case).get(user=school_nurse)
    assert member.can_contribute and member.name == "Priya Shah"
    assert access.get_case_for_contribution(school_nurse, case.pk) == case


def test_the_partner_sees_the_case_once_added(client_for, key_worker, case, school_nurse):
    client_for(key_worker).post(url("network-add", case), {**NAN, "user": school_nurse.pk, "name": ""})
    partner = sign_in_fully(Client(), school_nurse)
    assert partner.get(url("network", case)).status_code == 200


def test_the_account_of_a_member_cannot_be_swapped_through_the_change_form(
    client_for, key_worker, case, partner_with_grant, school_nurse
):
    member = active(case).get(user=partner_with_grant)
    data = {**NAN, "name": member.name, "kind": "professional", "user": school_nurse.pk}
    client_for(key_worker).post(url("network-edit", case, member.pk), data)
    member.refresh_from_db()
    assert member.user == partner_with_grant
    assert not access.can_view(school_nurse, case)


def test_taking_away_a_partners_right_to_add_to_the_record_takes_the_grant_away(
    client_for, key_worker, case, partner_with_grant
):
    member = active(case).get(user=partner_with_grant)
    assert access.get_case_for_contribution(partner_with_grant, case.pk) == case
    form_page = client_for(key_worker).get(url("network-edit", case, member.pk)).content.decode()
    assert "can_contribute" in form_page and "Linked to the account of" in form_page
    data = {**NAN, "name": member.name, "kind": "professional", "relationship": member.relationship}
    client_for(key_worker).post(url("network-edit", case, member.pk), data)  # the box left unticked
    member.refresh_from_db()
    assert member.can_contribute is False
    assert access.can_view(partner_with_grant, case)
    with pytest.raises(Exception, match="No such case"):
        access.get_case_for_contribution(partner_with_grant, case.pk)


def test_a_partner_loses_sight_of_the_network_when_the_case_closes(client_for, key_worker, case, partner_with_grant):
    assert client_for(partner_with_grant).get(url("network", case)).status_code == 200
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    assert client_for(partner_with_grant).get(url("network", case)).status_code == 404
