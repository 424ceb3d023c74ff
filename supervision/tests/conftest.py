"""The case's other people, as the cases tests name them: its plan coordinator and a partner who only looks."""

import pytest

from accounts.models import User
from accounts.tests.factories import PartnerFactory, UserFactory
from cases import services


@pytest.fixture
def coordinator(case):
    person = UserFactory(username="coordinator", role=User.Role.PLAN_COORDINATOR, team=None)
    services.case_set_plan_coordinator(case=case, coordinator=person, by=None)
    return person


@pytest.fixture
def viewing_partner(case):
    partner = PartnerFactory(username="viewer")
    services.case_add_partner(case=case, partner=partner, contribute=False, by=None)
    return partner
