"""Consent to share information with partner agencies: recorded on the case, with its history, and checked
before a partner agency worker joins the case's network."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import PartnerAgency
from accounts.tests.factories import PartnerAgencyFactory, PartnerFactory
from cases import services
from cases.models import AuditEvent, Consent, NetworkMember
from cases.tests.network import NAN


def a_consent(**change) -> dict:
    day = timezone.localdate() - timedelta(days=2)
    return {
        "basis": "consent",
        "given_by": "both",
        "given_on_0": str(day.day),
        "given_on_1": str(day.month),
        "given_on_2": str(day.year),
        "excludes": ["school"],
        "notes": "Agreed at the first visit",
        **change,
    }


def test_the_key_worker_records_consent_and_its_history_is_kept(client_for, key_worker, case):
    response = client_for(key_worker).post(reverse("cases:consent-add", args=[case.pk]), a_consent())
    assert response.status_code == 302
    latest = case.consents.first()
    assert (latest.basis, latest.given_by, latest.excludes, latest.recorded_by) == (
        "consent",
        "both",
        ["school"],
        key_worker,
    )
    assert case.consents.count() == 2  # the one every test case starts with is kept
    assert AuditEvent.objects.filter(case=case, what="consent to share: consent").exists()
    page = client_for(key_worker).get(reverse("cases:consent", args=[case.pk])).content.decode()
    assert "It leaves out: School or college." in page and "Every recording" in page
    overview = client_for(key_worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "They agreed to share" in overview


def test_sharing_without_consent_needs_nobody_to_have_agreed(client_for, key_worker, case):
    data = a_consent(basis="safeguarding", given_by="young_person", excludes=[])
    client_for(key_worker).post(reverse("cases:consent-add", args=[case.pk]), data)
    assert case.consents.first().given_by == ""


@pytest.mark.parametrize(
    "change,message",
    [
        ({"basis": ""}, "Choose the basis for sharing"),
        ({"basis": "maybe"}, "Select a valid choice"),
        ({"given_by": ""}, "Say who agreed or did not agree"),
        ({"excludes": ["aliens"]}, "Select a valid choice"),
        ({"given_on_2": str(timezone.localdate().year + 1)}, "The date must be today or in the past"),
        ({"given_on_0": ""}, "Enter the date it was agreed or decided"),
        ({"notes": "x" * 501}, "at most 500 characters"),
    ],
)
def test_bad_consent_is_refused(client_for, key_worker, case, change, message):
    response = client_for(key_worker).post(reverse("cases:consent-add", args=[case.pk]), a_consent(**change))
    assert response.status_code == 200 and message in response.content.decode()
    assert case.consents.count() == 1


def test_a_refused_form_says_error_first_in_the_title_of_its_page(client_for, key_worker, case):
    # The layout of a case's page of one form (cases/case_form.html): a screen reader hears the error first.
    client = client_for(key_worker)
    path = reverse("cases:consent-add", args=[case.pk])
    assert "<title>Error:" not in client.get(path).content.decode()
    assert "<title>Error: Record consent to share" in client.post(path, a_consent(basis="")).content.decode()


@pytest.mark.parametrize("who", ["partner_with_grant", "outsider"])
def test_only_those_who_change_the_case_record_consent(request, client_for, case, who):
    response = client_for(request.getfixturevalue(who)).post(reverse("cases:consent-add", args=[case.pk]), a_consent())
    assert response.status_code == 404 and case.consents.count() == 1


def add_partner(client, case, partner, **extra):
    data = {**NAN, "kind": "professional", "name": "", "relationship": "", "user": partner.pk, **extra}
    return client.post(reverse("cases:network-add", args=[case.pk]), data)


def test_a_partner_the_consent_leaves_out_needs_a_reason(client_for, key_worker, case):
    services.consent_record(
        case=case,
        basis="consent",
        given_by="young_person",
        given_on=timezone.localdate(),
        excludes=["police"],
        by=key_worker,
    )
    police = PartnerFactory(username="pc", agency=PartnerAgencyFactory(kind=PartnerAgency.Kind.POLICE))
    client = client_for(key_worker)
    page = client.get(reverse("cases:network-add", args=[case.pk])).content.decode()
    assert "It leaves out: Police." in page
    response = add_partner(client, case, police)
    assert response.status_code == 200 and "The consent to share leaves out Police" in response.content.decode()
    assert not NetworkMember.objects.filter(user=police).exists()
    response = add_partner(client, case, police, sharing_reason="Strategy meeting agreed police must see it.")
    assert response.status_code == 302
    member = NetworkMember.objects.get(user=police)
    assert member.sharing_reason == "Strategy meeting agreed police must see it."
    assert AuditEvent.objects.filter(case=case, what__endswith="(past the consent to share)").exists()
    network = client.get(reverse("cases:network", args=[case.pk])).content.decode()
    assert "Added past the consent to share" in network


def test_a_partner_within_the_consent_needs_no_reason(client_for, key_worker, case):
    partner = PartnerFactory(username="nurse", agency=PartnerAgencyFactory(kind=PartnerAgency.Kind.HEALTH))
    assert add_partner(client_for(key_worker), case, partner).status_code == 302
    assert NetworkMember.objects.get(user=partner).sharing_reason == ""


def test_the_service_refuses_a_partner_without_consent_and_without_a_reason(key_worker, case):
    case.consents.all().delete()
    partner = PartnerFactory(username="pc2")
    with pytest.raises(services.CaseError, match="No consent"):
        services.case_add_partner(case=case, partner=partner, contribute=False, by=key_worker)
    member = services.case_add_partner(
        case=case, partner=partner, contribute=False, by=key_worker, sharing_reason="Child at immediate risk."
    )
    assert member.sharing_reason == "Child at immediate risk."
    case.consents.all().delete()
    services.consent_record(
        case=case,
        basis="refused",
        given_by="parent_carer",
        given_on=timezone.localdate(),
        excludes=["police"],
        by=key_worker,
    )
    assert case.consents.first().excludes == []  # refused leaves nothing to leave out


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"basis": "perhaps"}, "basis"),
        ({"given_by": "cat"}, "who said so"),
        ({"given_by": ""}, "who agreed"),
        ({"given_on": timezone.localdate() + timedelta(days=1)}, "today or in the past"),
        ({"excludes": ["aliens"]}, "from the list"),
    ],
)
def test_the_service_refuses_bad_consent(key_worker, case, fields, message):
    data = {"basis": "consent", "given_by": "both", "given_on": timezone.localdate(), "excludes": [], **fields}
    with pytest.raises(services.CaseError, match=message):
        services.consent_record(case=case, by=key_worker, **data)


def test_a_closed_case_takes_no_consent(key_worker, case):
    services.case_close(case=case, reason="Done", outcome="", by=key_worker)
    with pytest.raises(services.CaseError):
        services.consent_record(
            case=case, basis="consent", given_by="both", given_on=timezone.localdate(), excludes=[], by=key_worker
        )
    assert Consent.objects.filter(case=case).count() == 1
