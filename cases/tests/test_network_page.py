"""The network page: everyone around the young person as a list and as a picture (the ecomap), shown
to those who may see the case, with the links to change it only for those who may change it."""

import pytest
from django.utils.html import escape

from act.testing import assert_query_budget
from cases import services
from cases.models import AuditEvent, NetworkMember
from cases.tests.budgets import case_page_budget
from cases.tests.network import active, add, url


@pytest.mark.parametrize("who", ["key_worker", "manager", "partner_with_grant"])
def test_everyone_who_may_see_the_case_sees_the_network_as_a_list_and_a_picture(request, client_for, case, nan, who):
    person = request.getfixturevalue(who)
    response = client_for(person).get(url("network", case))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count('<svg xmlns="http://www.w3.org/2000/svg" class="act-ecomap__svg" role="img"') == 1
    assert "Everyone in the network" in content
    table = content[content.index('act-network-table"') :]
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

    assert_query_budget(client, url("network", case), add_rows=add_rows, budget=case_page_budget())


def test_a_closed_cases_network_is_shown_read_only_with_the_reason(client_for, key_worker, closed_case):
    content = client_for(key_worker).get(url("network", closed_case)).content.decode()
    assert "This case is closed, so its network is kept as it was and cannot be changed." in content
    assert "Nan" in content
    assert url("network-add", closed_case) not in content
    nan = active(closed_case).get()
    assert url("network-edit", closed_case, nan.pk) not in content
    assert url("network-remove", closed_case, nan.pk) not in content
