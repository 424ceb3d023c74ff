"""Fixtures of the cases tests beyond the people every test uses (the top-level conftest.py)."""

import pytest

from accounts.tests.factories import PartnerAgencyFactory, PartnerFactory
from cases import services
from cases.tests.network import add


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
