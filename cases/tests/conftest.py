"""Fixtures of the cases tests beyond the people every test uses (the top-level conftest.py): the network's
(Nan, a school nurse, a closed case), the timeline's (two missing episodes, one while they are still missing and
one after they came back), and another case of the team that the key worker may not see (Lily's), with an
entry of the register of concerns linked to both (Tee)."""

import pytest

from accounts.tests.factories import PartnerAgencyFactory, PartnerFactory, UserFactory
from cases import services
from cases.tests.concerns_helpers import an_entry, link
from cases.tests.factories import CaseFactory
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
def lily(team):
    """Lily's case, in the same team, with a key worker of her own: the key worker of `case` may not see it."""
    worker2 = UserFactory(username="worker2", first_name="Kieran", last_name="Walsh", team=team)
    return CaseFactory.create(given_name="Lily", team=team, key_worker=worker2)


@pytest.fixture
def tee(case, lily, manager):
    """An entry of the register of concerns linked to Destiny's case (`case`) and to Lily's."""
    entry = an_entry(case.team, manager)
    link(entry, case, manager)
    link(entry, lily, manager, source="Lily told her worker")
    return entry
