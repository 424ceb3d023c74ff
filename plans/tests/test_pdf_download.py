"""Downloading the plan as a PDF: the family version for anyone who may see the case, the staff version for
those who may change it; 404 for everyone else and for a case with no plan; every download recorded."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.models import AuditEvent
from plans.services import plan as plans

from .pdf_helpers import coordinator_of, destiny_plan, pdf_text

STAFF_HEADING = "Staff version — not for the young person or family"


def url(case, audience: str | None = None) -> str:
    return reverse("plans:plan-pdf", args=[case.pk]) + (f"?for={audience}" if audience else "")


@pytest.fixture
def plan(case, key_worker):
    return destiny_plan(case, key_worker, today=timezone.localdate())


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The versions the view asked for, with the drawing itself left out (one test draws for real): which
    version each person gets is decided before the drawing."""
    versions: list[str] = []

    def fake(*, plan, audience, today):
        versions.append(audience)
        return b"%PDF-1.7 " + audience.encode()

    monkeypatch.setattr("plans.views.pdf.plan_pdf_bytes", fake)
    return versions


def downloads(case, user) -> list[str]:
    return list(AuditEvent.objects.filter(case=case, user=user, action="view").values_list("what", flat=True))


def test_the_key_worker_downloads_the_family_version_as_an_attachment_with_no_name_in_it(
    client_for, case, key_worker, plan
):
    response = client_for(key_worker).get(url(case))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response.content)
    assert "Destiny’s plan" in text and STAFF_HEADING not in text
    assert downloads(case, key_worker) == ["family plan PDF (family)"]


@pytest.mark.parametrize("who", ["key_worker", "coordinator", "manager"])
def test_those_who_hold_the_plan_download_the_staff_version(request, client_for, case, plan, asked, who):
    person = coordinator_of(case) if who == "coordinator" else request.getfixturevalue(who)
    response = client_for(person).get(url(case, "staff"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert asked == ["staff"]
    assert downloads(case, person) == ["family plan PDF (staff)"]


def test_the_staff_version_is_drawn_for_real(client_for, case, key_worker, plan):
    response = client_for(key_worker).get(url(case, "staff"))
    assert STAFF_HEADING in pdf_text(response.content)


def test_a_partner_on_the_case_gets_the_family_version_only(client_for, case, partner_with_grant, plan, asked):
    client = client_for(partner_with_grant)
    assert client.get(url(case, "staff")).status_code == 404
    assert downloads(case, partner_with_grant) == [] and asked == []
    assert client.get(url(case, "family")).status_code == 200
    assert asked == ["family"]
    assert downloads(case, partner_with_grant) == ["family plan PDF (family)"]


@pytest.mark.parametrize("who", ["partner_without_grant", "outsider"])
@pytest.mark.parametrize("audience", ["family", "staff"])
def test_people_who_may_not_see_the_case_get_404(request, client_for, case, plan, asked, who, audience):
    person = request.getfixturevalue(who)
    assert client_for(person).get(url(case, audience)).status_code == 404
    assert not AuditEvent.objects.filter(case=case, user=person).exists() and asked == []


def test_anyone_not_signed_in_is_sent_to_sign_in(client, case, plan):
    response = client.get(url(case))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


def test_a_case_with_no_plan_has_no_pdf(client_for, case, key_worker):
    assert client_for(key_worker).get(url(case)).status_code == 404
    assert downloads(case, key_worker) == []


def test_anything_else_asked_for_gets_the_family_version(client_for, case, key_worker, asked):
    plans.plan_start(case=case, by=key_worker)
    assert client_for(key_worker).get(url(case, "<everyone>")).status_code == 200
    assert asked == ["family"]


def test_only_get_is_answered(client_for, case, key_worker, plan):
    assert client_for(key_worker).post(url(case)).status_code == 405
