"""The level of concern in the case's header (on every page of the case) and as a filter of the Cases page."""

from django.urls import reverse

from act.testing import assert_query_budget, count_queries
from cases import services
from cases.tests.factories import CaseFactory


def change_to(case, level, by):
    return services.risk_change(case=case, level=level, why="Because.", doing="Visits.", by=by)


def test_the_header_shows_the_level_and_since_when_on_every_page_of_the_case(client_for, key_worker, case):
    change = change_to(case, "very_high", key_worker)
    client = client_for(key_worker)
    for url in (reverse("cases:detail", args=[case.pk]), reverse("plans:meetings", args=[case.pk])):
        page = client.get(url).content.decode()
        assert "Level of concern" in page and "govuk-tag--red" in page and "Very high" in page
        assert f"since {change.changed_at:%-d %B %Y}" in page


def test_the_header_says_nothing_of_a_level_never_recorded(client_for, key_worker, case):
    assert (
        "Level of concern" not in client_for(key_worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    )


def test_a_partner_on_the_case_sees_the_level_in_the_header(client_for, key_worker, partner_with_grant, case):
    change_to(case, "high", key_worker)
    page = client_for(partner_with_grant).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Level of concern" in page and "High" in page


def test_the_case_pages_queries_do_not_grow_with_the_history(client_for, key_worker, case):
    client = client_for(key_worker)
    url = reverse("cases:risk", args=[case.pk])
    change_to(case, "low", key_worker)
    few = count_queries(client, url)
    for level in ["medium", "high", "very_high", "high", "low"] * 4:
        change_to(case, level, key_worker)
    assert count_queries(client, url) == few
    assert count_queries(client, reverse("cases:detail", args=[case.pk])) <= 30


def test_the_cases_page_filters_by_the_level_now(client_for, manager, key_worker, team):
    high = CaseFactory(given_name="Highly", team=team, key_worker=key_worker)
    was_high = CaseFactory(given_name="Wasonce", team=team, key_worker=key_worker)
    CaseFactory(given_name="Unrecorded", team=team, key_worker=key_worker)
    change_to(high, "high", key_worker)
    change_to(was_high, "high", key_worker)
    change_to(was_high, "low", key_worker)
    client = client_for(manager)

    def names(risk):
        page = client.get(reverse("cases:list"), {"stage": "open", "risk": risk}).content.decode()
        return {name for name in ("Highly", "Wasonce", "Unrecorded") if name in page}

    assert names("high") == {"Highly"}
    assert names("low") == {"Wasonce"}
    assert names("none") == {"Unrecorded"}
    assert names("") == {"Highly", "Wasonce", "Unrecorded"}


def test_a_nonsense_level_shows_the_page_with_the_error(client_for, manager, case):
    response = client_for(manager).get(reverse("cases:list"), {"risk": "extreme"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_cases_page_filtered_by_level_keeps_its_query_budget(client_for, manager, team, key_worker):
    client = client_for(manager)
    url = reverse("cases:list") + "?stage=open&risk=high"

    def add_cases(n):
        for _ in range(n):
            case = CaseFactory(team=team, key_worker=key_worker)
            change_to(case, "medium", key_worker)
            change_to(case, "high", key_worker)

    # The same budget as the Cases page without the filter (test_case_list), with 3 cases or 60.
    filtered = assert_query_budget(client, url, add_rows=add_cases, budget=11, large=60)
    assert filtered == count_queries(client, reverse("cases:list") + "?stage=open")


def test_the_cases_page_shows_each_cases_level_of_concern(client_for, key_worker, case):
    from django.urls import reverse

    from cases import services

    services.risk_change(case=case, level="high", why="Missing again", doing="Strategy discussion", by=key_worker)
    page = client_for(key_worker).get(reverse("cases:list")).content.decode()
    assert 'data-label="Level of concern"><strong class="govuk-tag govuk-tag--orange">High</strong></td>' in page
