"""The manager's dashboard and the cases behind its figures, as pages: who may open them, the filter (and what
it does with bad input), the links that keep the filter, the audit of the list of names, and the query budget
with 10 and with 300 cases in the team."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from act.testing import count_queries
from cases.models import AuditEvent, Case, Move, TimelineEntry, YoungPerson
from cases.tests.factories import CaseFactory

from .team_helpers import check_in, missing_episode, move

DASHBOARD = reverse("dashboards:team")
CASES = reverse("dashboards:team-cases")


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace("&#x27;", "'")


@pytest.fixture
def cases(team, key_worker, manager, outsider_case):
    """Destiny (Jo's) moved and is back from being missing with her interview overdue; Lily has no key worker;
    Jordan, of another team, moved too."""
    destiny = CaseFactory.create(given_name="Destiny", team=team, key_worker=key_worker)
    lily = CaseFactory.create(given_name="Lily", team=team, key_worker=None)
    today = timezone.localdate()
    move(destiny, today - timedelta(days=3), planned=False, by=key_worker)
    move(outsider_case, today - timedelta(days=3), planned=False, by=outsider_case.key_worker)
    missing_episode(destiny, back=timezone.now() - timedelta(days=5), by=key_worker)
    check_in(destiny, 4, timezone.now() - timedelta(days=2))
    return {"destiny": destiny, "lily": lily, "jordan": outsider_case}


@pytest.mark.parametrize("who", ["key_worker", "partner_with_grant", "outsider", "administrator"])
def test_only_a_teams_manager_opens_the_dashboard(client_for, request, case, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(DASHBOARD).status_code == 404
    assert client.get(CASES, {"figure": "open"}).status_code == 404


def test_the_manager_sees_the_teams_figures_and_not_another_teams(client_for, manager, cases):
    response = client_for(manager).get(DASHBOARD)
    assert response.status_code == 200
    page = text(response)
    assert "2 (the team’s capacity is 30)" in page  # Destiny and Lily, not Jordan
    assert "Open cases with no key worker 1" in page
    assert "Cases with a move because a placement broke down 1" in page  # Destiny's, not Jordan's
    assert "Jordan" not in page and "Destiny" not in page  # numbers only: no child's name on the dashboard


def test_every_figure_links_to_its_cases_with_the_filter(client_for, manager, key_worker, cases):
    response = client_for(manager).get(DASHBOARD, {"period": "6m", "worker": key_worker.pk})
    html = response.content.decode()
    assert f'href="{CASES}?figure=breakdown&amp;period=6m&amp;worker={key_worker.pk}"' in html
    assert f'href="{CASES}?figure=interview_overdue&amp;period=6m&amp;worker={key_worker.pk}"' in html
    assert "The cases of Jo Bennett, over the last 182 days." in text(response)
    assert "Open cases with no key worker" not in text(response)  # Lily is nobody's: not Jo's


def test_the_cases_behind_a_figure_are_listed_and_the_look_is_recorded(client_for, manager, cases):
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client_for(manager).get(CASES, {"figure": "breakdown", "period": "3m"})
    page = text(response)
    assert "Moved because a placement broke down" in page and "1 case" in page
    assert "Destiny" in page and "Jordan" not in page and "Lily" not in page
    [entry] = AuditEvent.objects.filter(pk__gt=before)
    assert (entry.user_id, entry.case_id, entry.action) == (manager.pk, None, AuditEvent.Action.VIEW)
    assert "breakdown" in entry.what
    assert f'href="{DASHBOARD}?period=3m"' in response.content.decode()  # back, with the same filter


def test_the_worker_filter_narrows_the_list(client_for, manager, key_worker, cases):
    page = text(client_for(manager).get(CASES, {"figure": "open", "worker": key_worker.pk}))
    assert "Destiny" in page and "Lily" not in page


@pytest.mark.parametrize(
    "query,error",
    [
        ({"period": "forever"}, "Select a valid choice"),
        ({"worker": "999999"}, "Select a valid choice"),
        ({"worker": "Jo"}, "Select a valid choice"),
    ],
)
def test_bad_filters_answer_with_the_error_not_a_failure(client_for, manager, cases, query, error):
    response = client_for(manager).get(DASHBOARD, query)
    assert response.status_code == 200
    assert "There is a problem" in text(response) and error in text(response)
    assert "capacity" not in text(response)  # no figures for a filter that was not understood


def test_another_teams_worker_is_not_a_choice(client_for, manager, outsider, cases):
    page = text(client_for(manager).get(CASES, {"figure": "open", "worker": outsider.pk}))
    assert "Select a valid choice" in page and "Jordan" not in page


@pytest.mark.parametrize("query", [{}, {"figure": "everything"}, {"figure": "open", "page": "x"}])
def test_the_cases_page_refuses_an_unknown_figure_with_an_error(client_for, manager, cases, query):
    before = AuditEvent.objects.count()
    response = client_for(manager).get(CASES, query)
    assert response.status_code == 200
    if query.get("figure") == "open":  # a bad page number is the first page, as on the Cases page
        assert "Destiny" in text(response)
        return
    assert "There is a problem" in text(response) and "Destiny" not in text(response)
    assert AuditEvent.objects.count() == before  # nothing was shown


def test_another_teams_manager_never_sees_these_cases(client_for, other_team, cases):
    wigan = UserFactory(username="wigan-manager", role=User.Role.MANAGER, team=other_team)
    page = text(client_for(wigan).get(CASES, {"figure": "moved"}))
    assert "Jordan" in page and "Destiny" not in page


def _add_cases(team, key_worker, count: int) -> None:
    """`count` more cases in the team, each with a move, a check-in and a missing episode (bulk: quick)."""
    people = YoungPerson.objects.bulk_create(
        YoungPerson(team=team, given_name=f"Young{n}", family_name="Person", date_of_birth="2011-01-01")
        for n in range(count)
    )
    made = Case.objects.bulk_create(Case(young_person=person, team=team, key_worker=key_worker) for person in people)
    today, now = timezone.localdate(), timezone.now()
    Move.objects.bulk_create(
        Move(case=case, moved_on=today, to_kind="family", planned=False, reason="x", recorded_by=key_worker)
        for case in made
    )
    TimelineEntry.objects.bulk_create(
        TimelineEntry(
            case=case,
            kind="missing",
            occurred_at=now - timedelta(days=5),
            returned_at=now - timedelta(days=4),
            return_interview_due_at=now - timedelta(days=1),
            summary="x",
            author=key_worker,
        )
        for case in made
    )


# The lists' budgets hold on PostgreSQL, where the audit entry takes one more query (its lock).
@pytest.mark.parametrize(
    "address,budget",
    [
        (DASHBOARD, 14),
        (f"{CASES}?figure=moved", 13),
        (f"{CASES}?figure=interview_overdue&period=12m&worker=WORKER", 14),
    ],
)
def test_the_same_queries_with_10_and_with_300_cases_in_the_team(
    client_for, manager, team, key_worker, address, budget
):
    client = client_for(manager)
    address = address.replace("WORKER", str(key_worker.pk))
    _add_cases(team, key_worker, 10)
    few = count_queries(client, address)
    _add_cases(team, key_worker, 290)
    assert Case.objects.filter(team=team).count() == 300
    assert count_queries(client, address) == few
    assert few <= budget, few


def test_the_dashboard_leads_to_the_outcome_export(client_for, manager):
    page = client_for(manager).get(reverse("dashboards:team")).content.decode()
    assert reverse("dashboards:outcome-export") in page
