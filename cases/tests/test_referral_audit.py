"""Looking at a referral or a referral import is recorded, like looking at a case."""

import pytest
from django.urls import reverse

from cases import audit
from cases.models import AuditEvent, ReferralImport
from cases.tests.factories import ReferralFactory, YoungPersonFactory


@pytest.fixture
def waiting(team, key_worker):
    return ReferralFactory(team=team, given_name="Mia", family_name="Roberts", created_by=key_worker)


def views_of(referral):
    return AuditEvent.objects.filter(referral=referral, action=AuditEvent.Action.VIEW)


@pytest.mark.parametrize("who", ["manager", "key_worker"])
def test_opening_a_referral_is_recorded_against_it(request, client_for, waiting, who):
    person = request.getfixturevalue(who)  # the deciding manager, and the worker who made the referral
    assert client_for(person).get(reverse("referrals:detail", args=[waiting.pk])).status_code == 200

    entry = views_of(waiting).get()
    assert (entry.user, entry.case, entry.what) == (person, None, "referral")
    assert audit.verify_chain().intact


def test_a_refused_decision_shows_the_referral_again_and_is_recorded(client_for, manager, waiting):
    response = client_for(manager).post(reverse("referrals:decline", args=[waiting.pk]), {})
    assert response.status_code == 400
    assert views_of(waiting).filter(user=manager).count() == 1


def test_a_referral_nobody_may_see_records_nothing(client_for, outsider, waiting):
    assert client_for(outsider).get(reverse("referrals:detail", args=[waiting.pk])).status_code == 404
    assert not AuditEvent.objects.filter(user=outsider).exists()


def test_viewing_an_accepted_referral_shows_on_the_cases_audit(client_for, manager, waiting, key_worker):
    client = client_for(manager)
    client.post(reverse("referrals:accept", args=[waiting.pk]), {"key_worker": key_worker.pk, "confirmed": "true"})
    waiting.refresh_from_db()
    client.get(reverse("referrals:detail", args=[waiting.pk]))

    assert views_of(waiting).get().case == waiting.case
    assert AuditEvent.objects.filter(referral=waiting, case=waiting.case, what__startswith="referral accepted").exists()
    page = client.get(reverse("cases:audit", args=[waiting.case.pk])).content.decode()
    assert "Viewed: referral" in page


@pytest.mark.parametrize(
    "action,data,what",
    [
        ("decline", {"reason": "Early help is better placed"}, "referral declined"),
        ("signpost", {"service": "Early help", "reason": ""}, "referral signposted"),
    ],
)
def test_decisions_are_recorded_against_the_referral(client_for, manager, waiting, action, data, what):
    client_for(manager).post(reverse(f"referrals:{action}", args=[waiting.pk]), {**data, "confirmed": "true"})
    entry = AuditEvent.objects.get(referral=waiting, action=AuditEvent.Action.CHANGE)
    assert (entry.user, entry.what) == (manager, what)


def test_deciding_on_a_possible_duplicate_is_recorded(client_for, manager, team):
    known = YoungPersonFactory(team=team, given_name="Mia", family_name="Roberts")
    referral = ReferralFactory(
        team=team, given_name="Mia", family_name="Roberts", date_of_birth=known.date_of_birth, possible_duplicate=known
    )
    client_for(manager).post(reverse("referrals:duplicate", args=[referral.pk]), {"choice": "separate"})
    assert AuditEvent.objects.filter(referral=referral, what="referral: possible duplicate separate").exists()


@pytest.fixture
def finished_import(team, manager):
    return ReferralImport.objects.create(
        team=team,
        created_by=manager,
        file_name="referrals-may.csv",
        content="",
        status=ReferralImport.Status.DONE,
        total_rows=2,
        processed_rows=2,
        good_rows=2,
        imported_rows=2,
    )


def test_opening_an_import_is_recorded(client_for, manager, finished_import):
    assert client_for(manager).get(reverse("referrals:import-detail", args=[finished_import.pk])).status_code == 200
    entry = AuditEvent.objects.get(user=manager, action=AuditEvent.Action.VIEW)
    assert (entry.case, entry.referral, entry.what) == (None, None, f"referral import {finished_import.pk}")


def test_downloading_an_imports_problems_is_recorded(client_for, manager, finished_import):
    url = reverse("referrals:import-problems-csv", args=[finished_import.pk])
    assert client_for(manager).get(url).status_code == 200
    entry = AuditEvent.objects.get(user=manager, action=AuditEvent.Action.VIEW)
    what = f"referral import {finished_import.pk}: rows with problems downloaded"
    assert (entry.case, entry.referral, entry.what) == (None, None, what)
    assert audit.verify_chain().intact


def test_an_import_of_another_team_records_nothing(client_for, outsider, finished_import):
    outsider.role = outsider.Role.MANAGER
    outsider.save(update_fields=["role"])
    assert client_for(outsider).get(reverse("referrals:import-detail", args=[finished_import.pk])).status_code == 404
    assert not AuditEvent.objects.filter(user=outsider).exists()
