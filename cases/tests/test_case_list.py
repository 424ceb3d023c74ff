from django.urls import reverse

from act.testing import assert_query_budget
from cases.tests.budgets import case_page_budget
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

    assert_query_budget(client, reverse("cases:list"), add_rows=add_cases, budget=11)


def _entry(case, author, **fields):
    from cases import services

    return services.timeline_add(case=case, by=author, **fields)


def test_overdue_return_home_interviews_are_flagged(client_for, key_worker, case):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    _entry(
        case,
        key_worker,
        kind="missing",
        occurred_at=now - timedelta(days=5),
        returned_at=now - timedelta(days=4),
        summary="Missing overnight",
    )
    content = client_for(key_worker).get(reverse("cases:list")).content.decode()
    assert "Return home interview overdue" in content


def test_a_return_home_interview_still_in_time_is_shown_as_due(client_for, key_worker, case):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    _entry(
        case,
        key_worker,
        kind="missing",
        occurred_at=now - timedelta(hours=10),
        returned_at=now - timedelta(hours=2),
        summary="Missing for the evening",
    )
    content = client_for(key_worker).get(reverse("cases:list")).content.decode()
    assert "Return home interview due" in content and "overdue" not in content


def test_filter_by_stage_and_search_by_name(client_for, manager, team, key_worker):
    from cases import services

    CaseFactory(given_name="Destiny", team=team, key_worker=key_worker)
    emily = CaseFactory(given_name="Emily", team=team, key_worker=key_worker)
    services.case_change_stage(case=emily, stage="support", by=manager)
    client = client_for(manager)
    by_stage = client.get(reverse("cases:list"), {"stage": "support"}).content.decode()
    assert "Emily" in by_stage and "Destiny" not in by_stage
    by_name = client.get(reverse("cases:list"), {"q": "desti", "stage": ""}).content.decode()
    assert "Destiny" in by_name and "Emily" not in by_name
    nothing = client.get(reverse("cases:list"), {"q": "zzz", "stage": ""}).content.decode()
    assert "No cases match" in nothing


def test_closed_cases_are_hidden_unless_asked_for(client_for, manager, team, key_worker):
    from cases import services

    closed = CaseFactory(given_name="Closedcase", team=team, key_worker=key_worker)
    services.case_close(case=closed, reason="Goals met", outcome="goals_met", by=manager)
    client = client_for(manager)
    assert "Closedcase" not in client.get(reverse("cases:list")).content.decode()
    assert "Closedcase" in client.get(reverse("cases:list"), {"stage": "closed"}).content.decode()


def test_filter_by_key_worker(client_for, manager, team, key_worker):
    from accounts.tests.factories import UserFactory

    other = UserFactory(team=team, first_name="Kieran")
    CaseFactory(given_name="Destiny", team=team, key_worker=key_worker)
    CaseFactory(given_name="Lily", team=team, key_worker=other)
    content = client_for(manager).get(reverse("cases:list"), {"worker": other.pk, "stage": "open"}).content.decode()
    assert "Lily" in content and "Destiny" not in content


def test_bad_filter_values_do_not_break_the_page(client_for, manager, case):
    response = client_for(manager).get(reverse("cases:list"), {"worker": "abc", "stage": "nope", "q": "x" * 500})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode() or "Destiny" in response.content.decode()


def test_audit_page_query_count_does_not_grow(client_for, manager, case):
    from cases import audit

    def add(n):
        # One at a time, as the service writes them: each entry is chained to the one before.
        for _ in range(n):
            audit.record(user=manager, case=case, action="view", what="x")

    # The page records that it was viewed, like every page of a case (on PostgreSQL that takes the chain's lock
    # as well as the last hash and the entry).
    audit_page = reverse("cases:audit", args=[case.pk])
    assert_query_budget(client_for(manager), audit_page, add_rows=add, budget=case_page_budget())


def test_case_overview_query_count_does_not_grow_with_history(client_for, manager, case, key_worker, team):
    from accounts.tests.factories import UserFactory
    from cases import services

    workers = [UserFactory(team=team) for _ in range(3)]

    def add(n):
        for i in range(n):
            services.case_change_stage(case=case, stage=["support", "moving_on"][i % 2], by=manager)
            if i < 3:
                services.case_allocate(case=case, worker=workers[i], by=manager)

    overview = reverse("cases:detail", args=[case.pk])
    assert_query_budget(client_for(manager), overview, add_rows=add, budget=case_page_budget(), large=60)


def test_a_restricted_missing_episode_is_not_flagged_to_people_who_may_not_see_it(
    client_for, key_worker, case, partner_with_grant, manager
):
    from datetime import timedelta

    from django.utils import timezone

    from cases import services

    now = timezone.now()
    services.timeline_add(
        case=case,
        by=key_worker,
        kind="missing",
        restricted=True,
        summary="Police-only episode",
        occurred_at=now - timedelta(days=5),
        returned_at=now - timedelta(days=4),
    )
    for who, flagged in [(key_worker, True), (manager, True), (partner_with_grant, False)]:
        listing = client_for(who).get(reverse("cases:list")).content.decode()
        header = client_for(who).get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert ("Return home interview overdue" in listing) is flagged, who
        assert ("Return home interview overdue" in header) is flagged, who


def test_a_worker_is_offered_no_filter_by_key_worker_and_sees_no_colleague_named(client_for, case, key_worker, team):
    from accounts.tests.factories import UserFactory

    colleague = UserFactory(team=team, first_name="Kieran", last_name="Walsh")
    CaseFactory(given_name="Lily", team=team, key_worker=colleague)
    client = client_for(key_worker)
    content = client.get(reverse("cases:list")).content.decode()
    assert 'name="worker"' not in content and "Kieran" not in content
    # Asking for a colleague's cases shows nothing more than the worker's own.
    asked = client.get(reverse("cases:list"), {"worker": colleague.pk}).content.decode()
    assert "Destiny" in asked and "Lily" not in asked


def test_the_manager_filters_by_the_teams_workers_only(client_for, manager, case, key_worker, team, outsider):
    from accounts.tests.factories import PartnerFactory, UserFactory

    coordinator = UserFactory(username="iro", role="plan_coordinator", team=team, first_name="Helen")
    partner = PartnerFactory(username="officer", first_name="Gareth")
    content = client_for(manager).get(reverse("cases:list")).content.decode()
    options = content[content.index('name="worker"') :]
    options = options[: options.index("</select>")]
    assert key_worker.get_full_name() in options and manager.get_full_name() in options
    for person in (outsider, coordinator, partner):
        assert f'value="{person.pk}"' not in options


def test_each_cell_is_labelled_for_a_phone_and_a_case_needing_nothing_has_an_empty_cell(client_for, key_worker, case):
    content = client_for(key_worker).get(reverse("cases:list")).content.decode()
    assert "act-case-table" in content
    for label in ("Stage", "Key worker", "Needs attention"):
        assert f'data-label="{label}"' in content
    assert 'data-label="Needs attention"></td>' in content
