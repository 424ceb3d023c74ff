"""Fixtures the timeline's tests share: a plan coordinator on the case, and two missing episodes, one
while they are still missing and one after they came back."""

import pytest

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases import services
from cases.tests.timeline_helpers import ago, entry


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
