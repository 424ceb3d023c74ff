"""What the referrer knows of consent to share with partner agencies: asked on the referral form, and the
case it opens starts from it."""

import pytest
from django.urls import reverse

from cases import services
from cases.models import Consent, Referral
from cases.tests.factories import ReferralFactory
from cases.tests.test_referrals import FORM


def test_the_referral_form_asks_about_sharing_and_keeps_the_answer(client_for, key_worker):
    response = client_for(key_worker).post(reverse("referrals:new"), {**FORM, "share_consent": "both"})
    assert response.status_code == 302
    assert Referral.objects.get(given_name="Mia").share_consent == "both"


def test_a_made_up_answer_about_sharing_is_refused(client_for, key_worker):
    response = client_for(key_worker).post(reverse("referrals:new"), {**FORM, "share_consent": "maybe"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    "said,basis,given_by",
    [
        ("young_person", Consent.Basis.CONSENT, "young_person"),
        ("both", Consent.Basis.CONSENT, "both"),
        ("refused_parent_carer", Consent.Basis.REFUSED, "parent_carer"),
    ],
)
def test_the_case_starts_from_what_the_referral_said(team, manager, key_worker, said, basis, given_by):
    referral = ReferralFactory(team=team, share_consent=said)
    case = services.referral_accept(referral=referral, key_worker=key_worker, by=manager)
    consent = case.consents.get()
    assert (consent.basis, consent.given_by, consent.recorded_by) == (basis, given_by, manager)
    assert consent.given_on == referral.received_at.date() and consent.notes.startswith("From the referral")


def test_a_referral_that_did_not_ask_leaves_consent_unrecorded(team, manager, key_worker, client_for):
    referral = ReferralFactory(team=team)
    case = services.referral_accept(referral=referral, key_worker=key_worker, by=manager)
    assert not case.consents.exists()
    page = client_for(key_worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Not recorded." in page
