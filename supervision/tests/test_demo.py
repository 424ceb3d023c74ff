"""The demo's supervision: one record for `worker` by `manager` two weeks ago, with a direction for Emily's
case due in a week; seeding again adds nothing."""

from datetime import timedelta

from django.utils import timezone

from accounts import demo as accounts_demo
from cases import demo as cases_demo
from supervision import demo
from supervision.models import Direction, Supervision


def test_the_demo_has_one_supervision_of_jo_with_a_direction_for_emily(db):
    people = accounts_demo.seed()
    cases = cases_demo.seed(people)
    record = demo.seed(people, cases)
    demo.seed(people, cases)
    today = timezone.localdate()
    assert Supervision.objects.get() == record
    assert (record.worker, record.manager, record.held_on) == (
        people["worker"],
        people["manager"],
        today - timedelta(weeks=2),
    )
    direction = Direction.objects.get()
    assert direction.case == cases["emily"] and direction.due_on == today + timedelta(weeks=1)
    assert cases["emily"] in record.cases.all()
