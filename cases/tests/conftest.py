"""Fixtures of the cases tests beyond the people every test uses (the top-level conftest.py): the network's
(Nan, a school nurse, a closed case) and the timeline's (a plan coordinator, two missing episodes, one while
they are still missing and one after they came back)."""

import pytest

from accounts.models import User
from accounts.tests.factories import PartnerAgencyFactory, PartnerFactory, UserFactory
from cases import services
from cases.tests.network import add
from cases.tests.timeline_helpers import ago, entry


@pytest.fixture
def nan(case):
    """The young person's grandmother, in the network of `case` (no account)."""
    return add(case)


@pytest.fixture
def school_nurse(db):
    """A partner agency worker with an account, not yet in any network."""
    agency = PartnerAgencyFactory(name="Rochdale School Nursing", kind="health")
    return PartnerFactory(username="nurse", first_name="Priya", last_name="Shah", agency=agency, phone="01706 111222")


@pytest.fixture
def closed_case(case, key_worker, nan):
    """`case`, with Nan in its network, closed."""
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    case.refresh_from_db()
    return case


@pytest.fixture
def coordinator(case):
    person = UserFactory(username="coordinator", role=User.Role.PLAN_COORDINATOR, team=None)
    services.case_set_plan_coordinator(case=case, coordinator=person, by=None)
    return person


@pytest.fixture
def still_missing(case, key_worker):
    return entry(case, key_worker, kind="missing", summary="Missing since last night", occurred_at=ago(hours=14))


@pytest.fixture
def back_home(case, key_worker):
    return entry(
        case,
        key_worker,
        kind="missing",
        summary="Missing for the weekend",
        occurred_at=ago(days=2),
        returned_at=ago(hours=10, minutes=30),
        where_found="Found by police in Oldham",
    )


@pytest.fixture
def viewing_partner(case):
    """A partner on the case who may look but not add to the record."""
    partner = PartnerFactory(username="viewer")
    services.case_add_partner(case=case, partner=partner, contribute=False, by=None)
    return partner
