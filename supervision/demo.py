"""The demo's supervision: Priya Shah (`manager`) met Jo Bennett (`worker`) two weeks ago, talked about Destiny
and Emily, wrote her reflections, and gave a direction for Emily's case due in a week. Safe to run again: a
record already there is left as it is."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cases.models import Case

from . import services
from .models import Supervision

REFLECTIONS = (
    "Jo is carrying two young people who both went missing this month and has been on call twice. She is "
    "proud of the trust Destiny is building and worried she is not doing enough for Emily at school. She "
    "would like the team's trauma-informed training in the new year, and a quieter week after the next "
    "strategy discussion."
)
EMILYS_DIRECTION = (
    "Meet Emily's school with her mum to agree a quiet place for her at lunchtime; ask Emily first what she "
    "would like them to know."
)


def seed(people: dict[str, User], cases: dict[str, Case]) -> Supervision:
    manager, worker = people["manager"], people["worker"]
    existing = Supervision.objects.filter(worker=worker, manager=manager).first()
    if existing is not None:
        return existing
    today = timezone.localdate()
    discussed = [case for case in (cases["destiny"], cases["emily"]) if not case.is_closed]
    record = services.supervision_record(
        worker=worker, held_on=today - timedelta(weeks=2), cases=discussed, reflections=REFLECTIONS, by=manager
    )
    services.direction_add(
        supervision=record, case=cases["emily"], what=EMILYS_DIRECTION, due_on=today + timedelta(weeks=1), by=manager
    )
    return record
