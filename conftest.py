"""The people every test uses, named once.

- `key_worker` (ACT Rochdale) holds `case`; `manager` manages ACT Rochdale;
- `outsider` is an ACT worker of another team (ACT Wigan) with a case of their own;
- `partner_with_grant` was added to `case`; `partner_without_grant` was not;
- `administrator` runs the admin, and is given no case by that.
"""

import factory.random
import pytest

from accounts.models import User
from accounts.tests.factories import PartnerFactory, TeamFactory, UserFactory
from act.testing import sign_in_fully
from cases import services
from cases.tests.factories import CaseFactory


@pytest.fixture(autouse=True)
def _same_generated_data_every_run():
    # Faker's names are random: without a fixed seed, a generated surname can match a name a test
    # looks for ("Jordan") and fail one run in hundreds.
    factory.random.reseed_random("act-tests")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team(db):
    return TeamFactory(name="ACT Rochdale")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="ACT Wigan", local_authority="Wigan Council")


@pytest.fixture
def key_worker(team):
    return UserFactory(username="worker", first_name="Jo", last_name="Bennett", team=team)


@pytest.fixture
def manager(team):
    return UserFactory(username="manager", role=User.Role.MANAGER, team=team)


@pytest.fixture
def outsider(other_team):
    return UserFactory(username="outsider", team=other_team)


@pytest.fixture
def outsider_case(outsider):
    return CaseFactory(given_name="Jordan", team=outsider.team, key_worker=outsider)


@pytest.fixture
def case(key_worker):
    return CaseFactory(given_name="Destiny", team=key_worker.team, key_worker=key_worker)


@pytest.fixture
def partner_with_grant(case):
    partner = PartnerFactory(username="partner")
    services.case_add_partner(case=case, partner=partner, contribute=True, by=None, role="Police CSE officer")
    return partner


@pytest.fixture
def partner_without_grant(db):
    return PartnerFactory(username="partner-no-grant")


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", role=User.Role.ADMINISTRATOR, team=None, is_staff=True, is_superuser=True)


@pytest.fixture
def client_for(client):
    """A test client signed in as the given person, two-factor step included: `client_for(key_worker).get(...)`."""

    def sign_in(user):
        return sign_in_fully(client, user)

    return sign_in
