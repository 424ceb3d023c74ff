"""A case's directions from supervision: shown on the case to the people who hold it and the team's managers
(never a partner), flagged on the Cases page and the case header when past their date, marked done by the key
worker. The reflections of the supervision never reach a case's page, a partner, an export or a PDF."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.models import AuditEvent
from cases.tests.factories import CaseFactory
from dashboards.tests.export_helpers import EXPORT_URL, content_of, export_form, months_ago
from plans.pdf import plan_html
from plans.tests.pdf_helpers import destiny_plan
from supervision.models import Direction

from .helpers import DIRECTION, REFLECTIONS, supervised


def directions_url(case):
    return reverse("supervision:case-directions", args=[case.pk])


def done_url(direction):
    return reverse("supervision:direction-done", args=[direction.case_id, direction.pk])


@pytest.fixture
def direction(case, key_worker, manager):
    return supervised(case, key_worker, manager)[1]


@pytest.fixture
def overdue(direction):
    Direction.objects.filter(pk=direction.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    return direction


def test_the_key_worker_manager_and_coordinator_read_the_directions_never_the_reflections(
    client_for, case, key_worker, manager, coordinator, direction
):
    for person in (key_worker, manager, coordinator):
        response = client_for(person).get(directions_url(case))
        page = response.content.decode()
        assert response.status_code == 200 and DIRECTION in page and REFLECTIONS not in page
    assert AuditEvent.objects.filter(case=case, what="case directions", user=coordinator).exists()


def test_a_partner_on_the_case_gets_404(client_for, case, direction, partner_with_grant, viewing_partner):
    for partner in (partner_with_grant, viewing_partner):
        client = client_for(partner)
        assert client.get(directions_url(case)).status_code == 404
        assert client.post(done_url(direction)).status_code == 404
        for name in ("cases:detail", "cases:list", "cases:timeline"):
            url = reverse(name, args=[case.pk]) if name != "cases:list" else reverse(name)
            page = client.get(url).content.decode()
            assert DIRECTION not in page and REFLECTIONS not in page and "direction" not in page.lower()


def test_the_key_worker_marks_a_direction_done_once(client_for, case, key_worker, direction):
    client = client_for(key_worker)
    assert "Mark done" in client.get(directions_url(case)).content.decode()
    assert client.post(done_url(direction)).status_code == 302
    direction.refresh_from_db()
    first = direction.done_at
    assert first and direction.done_by == key_worker
    client.post(done_url(direction))
    direction.refresh_from_db()
    assert direction.done_at == first
    assert AuditEvent.objects.filter(case=case, what="case direction done").count() == 1


def test_a_plan_coordinator_reads_but_does_not_mark_done(client_for, case, coordinator, direction):
    client = client_for(coordinator)
    assert "Mark done" not in client.get(directions_url(case)).content.decode()
    assert client.post(done_url(direction)).status_code == 404
    direction.refresh_from_db()
    assert direction.done_at is None


def test_a_direction_of_another_case_is_not_found(client_for, team, key_worker, direction):
    other = CaseFactory(team=team, key_worker=key_worker)
    assert (
        client_for(key_worker).post(done_url(direction).replace(f"/{direction.case_id}/", f"/{other.pk}/")).status_code
        == 404
    )


def test_an_overdue_direction_is_flagged_on_the_cases_page_and_the_header(client_for, case, key_worker, overdue):
    client = client_for(key_worker)
    assert "Case direction overdue" in client.get(reverse("cases:list")).content.decode()
    header = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "A direction from supervision is past its date." in header


def test_a_direction_done_or_not_yet_due_is_not_flagged(client_for, case, key_worker, direction, overdue):
    client = client_for(key_worker)
    Direction.objects.filter(pk=direction.pk).update(done_at=timezone.now())
    assert "Case direction overdue" not in client.get(reverse("cases:list")).content.decode()
    Direction.objects.filter(pk=direction.pk).update(done_at=None, due_on=timezone.localdate())
    assert "Case direction overdue" not in client.get(reverse("cases:list")).content.decode()


def test_a_partner_never_sees_the_flag(client_for, case, partner_with_grant, overdue):
    client = client_for(partner_with_grant)
    assert "Case direction overdue" not in client.get(reverse("cases:list")).content.decode()
    assert "supervision" not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_the_cases_page_flag_costs_no_query_per_case(client_for, team, key_worker, manager, overdue):
    from act.testing import count_queries

    client = client_for(manager)
    few = count_queries(client, reverse("cases:list"))
    for _ in range(5):
        other = CaseFactory(team=team, key_worker=key_worker)
        supervised(other, key_worker, manager, due_in=-1 + 14, days_ago=14)
    assert count_queries(client, reverse("cases:list")) == few


def test_the_reflections_never_reach_an_export_or_a_pdf(client_for, case, key_worker, manager, direction):
    plan = destiny_plan(case, key_worker, today=timezone.localdate())
    for audience in ("staff", "family"):
        html = plan_html(plan=plan, audience=audience, today=timezone.localdate())
        assert REFLECTIONS not in html and DIRECTION not in html
    exported = content_of(client_for(manager).post(EXPORT_URL, export_form(months_ago(11), months_ago(0))))
    assert REFLECTIONS not in exported and DIRECTION not in exported


def test_a_closed_case_takes_no_direction_done(client_for, case, key_worker, manager, direction):
    case_services.case_close(case=case, reason="Done", outcome="goals_met", by=manager)
    response = client_for(key_worker).post(done_url(direction))
    direction.refresh_from_db()
    assert direction.done_at is None and response.status_code in (200, 302, 409)
