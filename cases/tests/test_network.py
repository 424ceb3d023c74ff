"""The network pages: who sees them, who changes them, what the forms refuse, and the access that follows
from adding or removing a partner agency worker."""

import logging

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from accounts.tests.factories import PartnerAgencyFactory, PartnerFactory, UserFactory
from act.testing import assert_closed_case_refused, assert_query_budget, sign_in_fully
from cases import access, services
from cases.models import AuditEvent, NetworkMember
from cases.tests.factories import CaseFactory

NAN = {
    "kind": "family",
    "name": "Nan",
    "relationship": "Grandmother",
    "agency": "",
    "contact_details": "07700 900123",
    "closeness": "close",
    "young_persons_view": "support",
}


def url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.pk, *args])


def add(case, name="Nan", **fields):
    values = {**NAN, "name": name, **fields}
    return services.network_add(case=case, by=None, **values)


def active(case):
    return NetworkMember.objects.filter(case=case, removed_at__isnull=True)


@pytest.fixture
def nan(case):
    return add(case)


@pytest.fixture
def school_nurse(db):
    agency = PartnerAgencyFactory(name="Rochdale School Nursing", kind="health")
    return PartnerFactory(username="nurse", first_name="Priya", last_name="Shah", agency=agency, phone="01706 111222")


# Seeing the network


@pytest.mark.parametrize("who", ["key_worker", "manager", "partner_with_grant"])
def test_everyone_who_may_see_the_case_sees_the_network_as_a_list_and_a_picture(request, client_for, case, nan, who):
    person = request.getfixturevalue(who)
    response = client_for(person).get(url("network", case))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('<svg xmlns="http://www.w3.org/2000/svg" class="act-ecomap__svg" role="img"') == 1
    assert "Everyone in the network" in content
    table = content[content.index('class="govuk-table act-network-table"') :]
    assert "Nan" in table and "Grandmother" in table and "07700 900123" in table
    assert AuditEvent.objects.filter(case=case, user=person, action="view", what="network").count() == 1


def test_the_list_and_the_picture_show_the_same_people(client_for, key_worker, case, partner_with_grant, nan):
    add(case, "Tyler", kind="friend", closeness="distant", young_persons_view="worry")
    response = client_for(key_worker).get(url("network", case))
    svg = str(response.context["ecomap"])
    names = {m.name for m in response.context["members"]}
    assert names == {"Nan", "Tyler", str(partner_with_grant)}
    for name in names:
        assert f"<title>{escape(name)}" in svg
    assert "3 people and services" in svg


def test_the_page_inlines_the_picture_and_its_key(client_for, key_worker, case, nan):
    content = client_for(key_worker).get(url("network", case)).content.decode()
    assert "<img" not in content
    assert 'aria-labelledby="ecomap-title"' in content and '<desc id="ecomap-desc">' in content
    for words in ("A support", "A worry", "Both", "Not sure", "dashed line", "Inner ring: close"):
        assert words in content


def test_an_empty_network_says_so_and_still_draws_the_young_person(client_for, key_worker, case):
    response = client_for(key_worker).get(url("network", case))
    content = response.content.decode()
    assert response.context["members"] == []
    assert "No one has been added yet" in content
    assert "<svg" in content


def test_removed_members_disappear_from_the_list_and_the_picture_but_the_row_is_kept(client_for, key_worker, case, nan):
    services.network_remove(member=nan, by=key_worker)
    response = client_for(key_worker).get(url("network", case))
    assert response.context["members"] == []
    assert "Nan" not in response.content.decode()
    assert NetworkMember.objects.filter(pk=nan.pk, removed_at__isnull=False).exists()


def test_the_page_counts_the_professionals_involved(client_for, key_worker, case, nan):
    add(case, "PC Sam Hughes", kind="professional", agency="GMP")
    add(case, "School nurse", kind="professional", agency="NHS")
    gone = add(case, "Old social worker", kind="professional")
    services.network_remove(member=gone, by=key_worker)
    response = client_for(key_worker).get(url("network", case))
    assert response.context["professionals"] == 2
    assert len(response.context["members"]) == 3
    assert "professionals involved" in response.content.decode()


def test_names_are_escaped_on_the_page_and_in_the_picture(client_for, key_worker, case):
    add(case, "<script>alert(1)</script>", relationship="<b>mate</b>")
    content = client_for(key_worker).get(url("network", case)).content.decode()
    assert "<script>alert(1)" not in content
    assert "<b>mate</b>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_a_young_persons_name_is_escaped_in_form_labels(client_for, key_worker, case):
    young_person = case.young_person
    young_person.preferred_name = "<i>Des</i>"
    young_person.save(update_fields=["preferred_name"])
    content = client_for(key_worker).get(url("network-add", case)).content.decode()
    assert "<i>Des</i>" not in content
    assert "How close does &lt;i&gt;Des&lt;/i&gt; feel to them?" in content


def test_only_those_who_may_change_the_case_see_the_links_to_change_it(
    client_for, key_worker, case, partner_with_grant
):
    mine = client_for(key_worker).get(url("network", case)).content.decode()
    assert url("network-add", case) in mine
    member = active(case).get()
    assert url("network-edit", case, member.pk) in mine and url("network-remove", case, member.pk) in mine
    theirs = client_for(partner_with_grant).get(url("network", case)).content.decode()
    assert url("network-add", case) not in theirs
    assert url("network-edit", case, member.pk) not in theirs
    assert url("network-remove", case, member.pk) not in theirs


def test_the_network_page_keeps_to_its_query_budget(client_for, key_worker, case, partner_with_grant):
    client = client_for(key_worker)

    def add_rows(count):
        for index in range(count):
            kind = ["family", "friend", "professional", "other"][index % 4]
            closeness = ["close", "some", "distant"][index % 3]
            NetworkMember.objects.create(case=case, kind=kind, name=f"Person {index}", closeness=closeness)

    assert_query_budget(client, url("network", case), add_rows=add_rows, budget=16)


# Who may not


@pytest.mark.parametrize("who", ["outsider", "partner_without_grant", "administrator"])
@pytest.mark.parametrize("page", ["network", "network-add", "network-edit", "network-remove"])
def test_people_without_a_grant_get_404_on_every_network_url(request, client_for, case, nan, who, page):
    client = client_for(request.getfixturevalue(who))
    path = url(page, case) if page in ("network", "network-add") else url(page, case, nan.pk)
    assert client.get(path).status_code == 404
    assert client.post(path, {**NAN, "name": "Intruder"}).status_code in (404, 405)
    assert list(active(case).values_list("name", flat=True)) == ["Nan"]
    assert not AuditEvent.objects.filter(case=case, action="view", what="network").exists()


@pytest.mark.parametrize("page", ["network-add", "network-edit", "network-remove"])
def test_a_partner_who_may_see_the_case_cannot_change_its_network(client_for, case, partner_with_grant, nan, page):
    client = client_for(partner_with_grant)
    assert client.get(url("network", case)).status_code == 200
    path = url(page, case) if page == "network-add" else url(page, case, nan.pk)
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


# Changing


def test_the_key_worker_changes_what_is_known_about_someone(client_for, key_worker, case, nan):
    client = client_for(key_worker)
    page = client.get(url("network-edit", case, nan.pk)).content.decode()
    assert 'value="Grandmother"' in page
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
    page = client_for(key_worker).get(url("network-edit", case, member.pk)).content.decode()
    assert "can_contribute" in page and "Linked to the account of" in page
    data = {**NAN, "name": member.name, "kind": "professional", "relationship": member.relationship}
    client_for(key_worker).post(url("network-edit", case, member.pk), data)  # the box left unticked
    member.refresh_from_db()
    assert member.can_contribute is False
    assert access.can_view(partner_with_grant, case)
    with pytest.raises(Exception, match="No such case"):
        access.get_case_for_contribution(partner_with_grant, case.pk)


def test_the_change_form_offers_no_contribute_box_for_someone_without_an_account(client_for, key_worker, case, nan):
    page = client_for(key_worker).get(url("network-edit", case, nan.pk)).content.decode()
    assert "can_contribute" not in page
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


@pytest.fixture
def closed_case(case, key_worker, nan):
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    case.refresh_from_db()
    return case


def test_a_closed_cases_network_is_shown_read_only_with_the_reason(client_for, key_worker, closed_case):
    content = client_for(key_worker).get(url("network", closed_case)).content.decode()
    assert "This case is closed, so its network is kept as it was and cannot be changed." in content
    assert "Nan" in content
    assert url("network-add", closed_case) not in content
    nan = active(closed_case).get()
    assert url("network-edit", closed_case, nan.pk) not in content
    assert url("network-remove", closed_case, nan.pk) not in content


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


def test_a_partner_loses_sight_of_the_network_when_the_case_closes(client_for, key_worker, case, partner_with_grant):
    assert client_for(partner_with_grant).get(url("network", case)).status_code == 200
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    assert client_for(partner_with_grant).get(url("network", case)).status_code == 404


def test_a_worker_of_the_same_team_without_the_case_gets_404(client_for, case, team, nan):
    colleague = UserFactory(username="colleague", team=team)
    client = client_for(colleague)
    assert client.get(url("network", case)).status_code == 404
    assert client.post(url("network-remove", case, nan.pk)).status_code == 404
