import factory

from accounts.tests.factories import TeamFactory, UserFactory
from cases import services
from cases.models import Case


class CaseFactory(factory.Factory):
    """Cases are made through the service, so that every test case carries the real grants."""

    class Meta:
        model = Case

    young_person_name = factory.Faker("first_name", locale="en_GB")
    team = factory.SubFactory(TeamFactory)
    key_worker = factory.LazyAttribute(lambda o: UserFactory(team=o.team))

    @classmethod
    def _create(cls, model_class, *, young_person_name, team, key_worker):
        return services.case_create(young_person_name=young_person_name, team=team, key_worker=key_worker, by=None)
