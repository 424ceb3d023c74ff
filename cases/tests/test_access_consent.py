"""`access.consent_problem`: whether the case's consent to share lets a partner agency in."""

from datetime import date

from accounts.models import PartnerAgency
from accounts.tests.factories import PartnerAgencyFactory
from cases import access
from cases.models import Consent


def consent(case, basis=Consent.Basis.CONSENT, excludes=()):
    return Consent.objects.create(
        case=case, basis=basis, given_by=Consent.GivenBy.YOUNG_PERSON, given_on=date.today(), excludes=list(excludes)
    )


def test_no_consent_recorded_is_a_problem(case):
    case.consents.all().delete()
    assert access.current_consent(case) is None
    assert "No consent" in access.consent_problem(case, None)


def test_consent_that_covers_the_agency_is_no_problem(case):
    police = PartnerAgencyFactory(kind=PartnerAgency.Kind.POLICE)
    consent(case, excludes=["school"])
    assert access.consent_problem(case, police) == ""
    assert access.consent_problem(case, None) == ""


def test_an_agency_left_out_is_a_problem(case):
    school = PartnerAgencyFactory(kind=PartnerAgency.Kind.SCHOOL)
    consent(case, excludes=["school"])
    assert "leaves out School" in access.consent_problem(case, school)


def test_the_latest_recording_is_what_holds(case):
    consent(case, basis=Consent.Basis.REFUSED)
    assert "did not agree" in access.consent_problem(case, None)
    consent(case, basis=Consent.Basis.SAFEGUARDING)
    assert access.current_consent(case).basis == Consent.Basis.SAFEGUARDING
    assert access.consent_problem(case, None) == ""
