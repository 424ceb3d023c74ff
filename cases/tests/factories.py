from datetime import date, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import TeamFactory, UserFactory
from cases import services
from cases.models import Case, Consent, LivingSituation, Referral, YoungPerson


class YoungPersonFactory(DjangoModelFactory[YoungPerson]):
    class Meta:
        model = YoungPerson

    team = factory.SubFactory(TeamFactory)
    given_name = factory.Faker("first_name_female", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = factory.Faker("date_between", start_date=date(2009, 1, 1), end_date=date(2013, 12, 31))
    living_situation = LivingSituation.FAMILY


class CaseFactory(factory.Factory[Case]):
    """Cases are made through the service, so that every test case carries the real grants.
    `CaseFactory.create(given_name="Destiny", team=team, key_worker=worker)` answers the Case the service
    made (calling the factory does the same, but its type is not known). Only create() makes a Case:
    nothing is built without being saved."""

    class Meta:
        model = dict  # built by _create through the service

    given_name = factory.Faker("first_name_female", locale="en_GB")
    team = factory.SubFactory(TeamFactory)
    key_worker = factory.LazyAttribute(lambda o: UserFactory(team=o.team))
    young_person = factory.LazyAttribute(lambda o: YoungPersonFactory(team=o.team, given_name=o.given_name))

    @classmethod
    def _create(cls, model_class, *, given_name, team, key_worker, young_person) -> Case:
        case = services.case_create(young_person=young_person, team=team, key_worker=key_worker, by=None)
        # Every test case has its consent to share recorded, as a case usually does: a test of what happens
        # without it removes it.
        Consent.objects.create(
            case=case, basis=Consent.Basis.CONSENT, given_by=Consent.GivenBy.YOUNG_PERSON, given_on=date.today()
        )
        return case


class ReferralFactory(DjangoModelFactory[Referral]):
    class Meta:
        model = Referral

    team = factory.SubFactory(TeamFactory)
    received_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=3))
    given_name = factory.Faker("first_name_female", locale="en_GB")
    family_name = factory.Faker("last_name", locale="en_GB")
    date_of_birth = date(2011, 4, 2)
    living_situation = LivingSituation.FAMILY
    education_setting = "Rochdale High School"
    referrer_name = "Sam Patel"
    referrer_agency = "Rochdale High School"
    referrer_contact = "01706 000000"
    worries = factory.LazyFunction(lambda: ["missing", "online"])
    going_well = "Loves music; attends most days."
    young_person_knows = "yes"
    parent_knows = "yes"
    urgency = "soon"
