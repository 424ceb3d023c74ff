from django.urls import reverse

from act.testing import assert_query_budget
from cases.tests.factories import CaseFactory


def test_worker_sees_their_cases_only(client_for, case, key_worker, outsider_case, team):
    CaseFactory(given_name="Lily", team=team)
    response = client_for(key_worker).get(reverse("cases:list"))
    assert response.status_code == 200
    assert b"Destiny" in response.content
    assert b"Lily" not in response.content
    assert b"Jordan" not in response.content


def test_manager_sees_the_whole_team(client_for, case, manager, outsider_case, team):
    CaseFactory(given_name="Lily", team=team)
    content = client_for(manager).get(reverse("cases:list")).content
    assert b"Destiny" in content and b"Lily" in content
    assert b"Jordan" not in content


def test_someone_with_no_cases_is_told_so(client_for, outsider):
    response = client_for(outsider).get(reverse("cases:list"))
    assert "You have no cases yet" in response.content.decode()


def test_cases_are_paginated(client_for, manager, team):
    for n in range(55):
        CaseFactory(given_name=f"Young person {n:02d}", team=team, key_worker=manager)
    client = client_for(manager)
    first = client.get(reverse("cases:list")).content.decode()
    second = client.get(reverse("cases:list") + "?page=2").content.decode()
    assert "Page 1 of 2" in first and "Young person 49" in first and "Young person 50" not in first
    assert "Young person 54" in second


def test_a_nonsense_page_number_shows_a_page(client_for, manager, case):
    response = client_for(manager).get(reverse("cases:list") + "?page=banana")
    assert response.status_code == 200
    assert b"Destiny" in response.content


def test_cases_page_query_count_does_not_grow_with_cases(client_for, manager, team, key_worker):
    client = client_for(manager)

    def add_cases(n):
        for _ in range(n):
            CaseFactory(team=team, key_worker=key_worker)

    assert_query_budget(client, reverse("cases:list"), add_rows=add_cases, budget=10)
