"""Adding someone to the network, changing what is known about them and removing them, by those who may
change the case: what the forms keep, what they refuse, and what the audit records."""

import logging

import pytest
from django.test import Client

from act.testing import assert_closed_case_refused, sign_in_fully
from cases import access, services
from cases.models import AuditEvent, NetworkMember
from cases.tests.network import NAN, active, url

# Adding


@pytest.mark.parametrize("who", ["key_worker", "manager"])
def test_those_who_may_change_the_case_add_someone_to_the_network(request, client_for, case, who):
    person = request.getfixturevalue(who)
    response = client_for(person).post(url("network-add", case), NAN)
    assert response.status_code == 302 and response["Location"] == url("network", case)
    member = active(case).get()
    assert (member.kind, member.name, member.relationship, member.contact_details) == (
        "family",
        "Nan",
        "Grandmother",
        "07700 900123",
    )
    assert (member.closeness, member.young_persons_view, member.user, member.added_by) == (
        "close",
        "support",
        None,
        person,
    )
    assert AuditEvent.objects.filter(case=case, user=person, action="create", what="network: Nan").exists()


def test_a_young_persons_name_is_escaped_in_form_labels(client_for, key_worker, case):
    young_person = case.young_person
    young_person.preferred_name = "<i>Des</i>"
    young_person.save(update_fields=["preferred_name"])
    content = client_for(key_worker).get(url("network-add", case)).content.decode()
    assert "<i>Des</i>" not in content
    assert "How close does &lt;i&gt;Des&lt;/i&gt; feel to them?" in content


BAD_ADDS = [
    ({"name": ""}, "Enter their name"),
    ({"name": "   "}, "Enter their name"),
    ({"kind": ""}, "Choose who they are"),
    ({"kind": "wizard"}, "Choose who they are from the list"),
    ({"closeness": ""}, "Choose how close they feel"),
    ({"closeness": "very"}, "Choose close, some or distant"),
    ({"young_persons_view": ""}, "Choose whether they are a support or a worry"),
    ({"young_persons_view": "angry"}, "Choose a support, a worry, both or not sure"),
    ({"name": "x" * 151}, "at most 150 characters"),
    ({"can_contribute": "on"}, "Only a partner agency worker with an account can add to the record"),
    ({"user": "not-a-number"}, "Choose a partner agency worker from the list"),
    ({"user": "999999"}, "Choose a partner agency worker from the list"),
]


@pytest.mark.parametrize("change,message", BAD_ADDS)
def test_bad_input_to_the_add_form_is_refused_and_what_was_typed_is_kept(client_for, key_worker, case, change, message):
    response = client_for(key_worker).post(url("network-add", case), {**NAN, **change})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    assert "07700 900123" in content
    assert not NetworkMember.objects.filter(case=case).exists()


# Changing


def test_the_key_worker_changes_what_is_known_about_someone(client_for, key_worker, case, nan):
    client = client_for(key_worker)
    form_page = client.get(url("network-edit", case, nan.pk)).content.decode()
    assert 'value="Grandmother"' in form_page
    data = {**NAN, "closeness": "distant", "young_persons_view": "both", "relationship": "Nan (dad's side)"}
    response = client.post(url("network-edit", case, nan.pk), data)
    assert response.status_code == 302
    nan.refresh_from_db()
    assert (nan.closeness, nan.young_persons_view, nan.relationship) == ("distant", "both", "Nan (dad's side)")
    assert AuditEvent.objects.filter(case=case, user=key_worker, action="change", what="network: Nan").exists()


def test_saving_an_unchanged_member_records_no_change(client_for, key_worker, case, nan):
    client_for(key_worker).post(url("network-edit", case, nan.pk), NAN)
    assert not AuditEvent.objects.filter(case=case, action="change", what__startswith="network").exists()


BAD_EDITS = [
    ({"name": ""}, "Enter their name"),
    ({"kind": ""}, "Choose who they are"),
    ({"kind": "wizard"}, "Choose who they are from the list"),
    ({"closeness": "very"}, "Choose close, some or distant"),
    ({"closeness": ""}, "Choose how close they feel"),
    ({"young_persons_view": "angry"}, "Choose a support, a worry, both or not sure"),
    ({"contact_details": "x" * 201}, "at most 200 characters"),
]


@pytest.mark.parametrize("change,message", BAD_EDITS)
def test_bad_input_to_the_change_form_is_refused(client_for, key_worker, case, nan, change, message):
    response = client_for(key_worker).post(url("network-edit", case, nan.pk), {**NAN, "relationship": "Gran", **change})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    nan.refresh_from_db()
    assert (nan.name, nan.kind, nan.relationship, nan.closeness) == ("Nan", "family", "Grandmother", "close")


def test_the_change_form_offers_no_contribute_box_for_someone_without_an_account(client_for, key_worker, case, nan):
    form_page = client_for(key_worker).get(url("network-edit", case, nan.pk)).content.decode()
    assert "can_contribute" not in form_page
    client_for(key_worker).post(url("network-edit", case, nan.pk), {**NAN, "can_contribute": "on"})
    nan.refresh_from_db()
    assert nan.can_contribute is False


def test_the_change_page_logs_no_error_with_or_without_an_account(
    client_for, key_worker, case, nan, partner_with_grant, caplog
):
    partner_member = NetworkMember.objects.get(case=case, user=partner_with_grant)
    for member in (nan, partner_member):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            response = client_for(key_worker).get(url("network-edit", case, member.pk))
        assert response.status_code == 200
        assert not caplog.records, [record.getMessage() for record in caplog.records]
    assert 'name="can_contribute"' in response.content.decode()


# Removing


def test_removing_asks_for_confirmation_first(client_for, key_worker, case, nan):
    response = client_for(key_worker).get(url("network-remove", case, nan.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Remove Nan from the network?" in content
    assert 'method="post"' in content and "govuk-button--warning" in content
    assert "csrfmiddlewaretoken" in content
    nan.refresh_from_db()
    assert nan.removed_at is None


def test_removing_needs_a_post_with_the_csrf_token(key_worker, case, nan):
    client = sign_in_fully(Client(enforce_csrf_checks=True), key_worker)
    assert client.post(url("network-remove", case, nan.pk)).status_code == 403
    nan.refresh_from_db()
    assert nan.removed_at is None


def test_confirming_removes_them_and_keeps_the_row(client_for, key_worker, case, nan):
    response = client_for(key_worker).post(url("network-remove", case, nan.pk))
    assert response.status_code == 302 and response["Location"] == url("network", case)
    nan.refresh_from_db()
    assert nan.removed_at is not None
    assert NetworkMember.objects.filter(case=case).count() == 1
    assert AuditEvent.objects.filter(case=case, user=key_worker, action="remove", what="network: Nan").exists()


def test_someone_already_removed_cannot_be_changed_or_removed_again(client_for, key_worker, case, nan):
    services.network_remove(member=nan, by=key_worker)
    removed_at = NetworkMember.objects.get(pk=nan.pk).removed_at
    client = client_for(key_worker)
    assert client.get(url("network-edit", case, nan.pk)).status_code == 404
    assert client.post(url("network-edit", case, nan.pk), NAN).status_code == 404
    assert client.post(url("network-remove", case, nan.pk)).status_code == 404
    assert NetworkMember.objects.get(pk=nan.pk).removed_at == removed_at


# A closed case


def test_a_closed_cases_network_cannot_be_changed(client_for, key_worker, closed_case, school_nurse):
    client = client_for(key_worker)
    nan = active(closed_case).get()
    response = client.post(url("network-add", closed_case), {**NAN, "name": "Tyler", "user": school_nurse.pk})
    assert_closed_case_refused(response, "Tyler")
    assert_closed_case_refused(client.post(url("network-edit", closed_case, nan.pk), {**NAN, "closeness": "distant"}))
    assert_closed_case_refused(client.post(url("network-remove", closed_case, nan.pk)))
    assert list(active(closed_case).values_list("name", "closeness")) == [("Nan", "close")]
    assert not access.can_view(school_nurse, closed_case)
    follow = client.get(url("network-add", closed_case), follow=True)
    assert "Reopen the case to change it" in follow.content.decode()
