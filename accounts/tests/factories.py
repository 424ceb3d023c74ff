import factory
from factory.django import DjangoModelFactory

from accounts.models import DEFAULT_CASE_CAPACITY, PartnerAgency, Team, User


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"ACT team {n}")
    local_authority = "Rochdale Borough Council"
    case_capacity = DEFAULT_CASE_CAPACITY


class PartnerAgencyFactory(DjangoModelFactory[PartnerAgency]):
    class Meta:
        model = PartnerAgency
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = PartnerAgency.Kind.POLICE


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@act.example")
    role = User.Role.ACT_WORKER
    team: factory.SubFactory | None = factory.SubFactory(TeamFactory)  # a partner has none
    password = factory.django.Password("correct-horse-battery")


class PartnerFactory(UserFactory):
    role = User.Role.PARTNER
    team = None
    agency = factory.SubFactory(PartnerAgencyFactory)
