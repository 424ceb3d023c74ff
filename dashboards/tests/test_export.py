"""The outcome export's page and file: who may make it, what the form refuses, the file's headers, the audit
entry of every export, and a number of queries that does not grow with the number of cases."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases.models import AuditEvent
from cases.tests.factories import CaseFactory
from dashboards.export.rows import HEADER, pseudonym
from plans import services as plan_services

from .export_helpers import (
    EXPORT_URL,
    answered,
    checked_in,
    content_of,
    export_form,
    goal_added,
    label,
    months_ago,
    moved,
    on,
    opened_on,
    rated,
    rows_of,
)

LAST_YEAR = export_form(months_ago(11), months_ago(0))


@pytest.fixture
def other_manager(other_team):
    return UserFactory(username="wigan-manager", role=User.Role.MANAGER, team=other_team)


def test_the_page_says_what_the_file_holds_and_never_holds(client_for, manager):
    response = client_for(manager).get(EXPORT_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Outcomes for evaluation" in page and "What it never holds" in page
    assert all(f"<code>{column}</code>" in page for column in HEADER)
    assert "history of the case’s stages" in page
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("who", ["key_worker", "partner_with_grant", "partner_without_grant", "administrator"])
def test_anyone_who_manages_no_team_gets_404_and_no_audit_entry(client_for, request, case, who):
    client = client_for(request.getfixturevalue(who))
    before = AuditEvent.objects.count()

    assert client.get(EXPORT_URL).status_code == 404
    assert client.post(EXPORT_URL, LAST_YEAR).status_code == 404
    assert AuditEvent.objects.count() == before


def test_a_manager_gets_a_file_of_their_team_s_cases(client_for, manager, case, outsider_case):
    response = client_for(manager).post(EXPORT_URL, LAST_YEAR)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    first, last = label(months_ago(11)), label(months_ago(0))
    assert response["Content-Disposition"] == f'attachment; filename="act-outcomes-{first}-to-{last}.csv"'
    assert "no-store" in response["Cache-Control"]
    rows = rows_of(response)
    assert {row["case"] for row in rows} == {pseudonym(case.pk)}
    assert [row["period"] for row in rows] == [label(months_ago(0))]  # opened this month


def test_another_team_s_manager_gets_only_their_own_team_s_cases(client_for, other_manager, case, outsider_case):
    rows = rows_of(client_for(other_manager).post(EXPORT_URL, LAST_YEAR))

    assert {row["case"] for row in rows} == {pseudonym(outsider_case.pk)}


def test_every_export_is_recorded_with_the_team_the_period_and_the_rows(client_for, manager, case):
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()

    client_for(manager).post(EXPORT_URL, export_form(months_ago(2), months_ago(0)))

    entry = AuditEvent.objects.get(pk__gt=before)
    assert (entry.user, entry.case, entry.action) == (manager, None, AuditEvent.Action.VIEW)
    first, last = label(months_ago(2)), label(months_ago(0))
    assert entry.what == f"outcome export of ACT Rochdale: {first} to {last} by month, 1 rows"


def test_opening_the_page_records_nothing(client_for, manager, case):
    client = client_for(manager)
    before = AuditEvent.objects.count()
    client.get(EXPORT_URL)
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    "data,field,message",
    [
        ({"first": label(months_ago(1)), "last": label(months_ago(3)), "per": "month"}, "last", "same as the first"),
        ({"first": "2019-01", "last": label(months_ago(0)), "per": "month"}, "first", "from the list"),
        ({"first": "soon", "last": label(months_ago(0)), "per": "month"}, "first", "from the list"),
        ({"first": label(months_ago(3)), "last": "", "per": "month"}, "last", "Choose a month"),
        ({"first": label(months_ago(3)), "last": label(months_ago(0)), "per": "week"}, "per", "Choose one"),
        ({"first": label(months_ago(3)), "last": label(months_ago(0))}, "per", "for each month or"),
        ({}, "first", "Choose a month"),
    ],
)
def test_bad_choices_show_the_form_again_with_the_problem_and_make_no_file(client_for, manager, data, field, message):
    before = AuditEvent.objects.count()

    response = client_for(manager).post(EXPORT_URL, data)

    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert message in " ".join(response.context["form"].errors[field])
    assert "There is a problem" in response.content.decode()
    assert AuditEvent.objects.count() == before


def a_case_with_everything(team, key_worker, number: int):
    case = opened_on(CaseFactory.create(team=team, key_worker=key_worker), on(months_ago(4), 1))
    plan = plan_services.plan_start(case=case, by=key_worker)
    goal = goal_added(plan, on(months_ago(4), 2), key_worker)
    rated(goal, number % 11, on(months_ago(4), 3), key_worker)
    rated(goal, (number + 3) % 11, on(months_ago(2), 3), key_worker)
    checked_in(case, [3, 4, 2, 5, 1], on(months_ago(3), 3))
    answered(case, 4, 5, on(months_ago(2), 4))
    moved(case, on(months_ago(1), 5).date(), key_worker, planned=bool(number % 2))
    return case


def queries_of_an_export(client) -> tuple[int, int]:
    """(queries, rows) of a year's export by month, the file read to its end."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(EXPORT_URL, LAST_YEAR)
        rows = len(content_of(response).splitlines()) - 1
    return len(queries), rows


def export_queries() -> int:
    """Signing in (the session, the person, their two-factor device), seven queries of the export, and the
    audit entry (in a savepoint: the last entry's hash and the new entry; on PostgreSQL the chain's lock too).
    The session is not written: it was, less than a minute ago (accounts.sessions)."""
    return 3 + 7 + 4 + (connection.vendor == "postgresql")


def test_the_number_of_queries_does_not_grow_with_the_number_of_cases(client_for, manager, key_worker):
    client = client_for(manager)
    a_case_with_everything(manager.team, key_worker, 1)
    few = queries_of_an_export(client)
    for number in range(2, 13):
        a_case_with_everything(manager.team, key_worker, number)
    many = queries_of_an_export(client)

    assert few == (export_queries(), 5) and many == (export_queries(), 12 * 5)


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", '=HYPERLINK("x")', "2026-13", "9" * 5000, "é\u202e"])
def test_hostile_choices_are_refused_without_being_shown_back(client_for, manager, value):
    response = client_for(manager).post(EXPORT_URL, {"first": value, "last": value, "per": value})

    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert set(response.context["form"].errors) == {"first", "last", "per"}
    assert value not in response.content.decode()
