"""A supervision of the key worker by the team's manager two weeks ago, with a direction for the case."""

from datetime import timedelta

from django.utils import timezone

from supervision import services

REFLECTIONS = "Jo is tired after the weekend call-outs and wants time for training"
DIRECTION = "Offer Destiny a return home interview with someone she trusts"


def supervised(case, key_worker, manager, *, days_ago=14, due_in=7, reflections=REFLECTIONS):
    today = timezone.localdate()
    record = services.supervision_record(
        worker=key_worker,
        held_on=today - timedelta(days=days_ago),
        cases=[case],
        reflections=reflections,
        by=manager,
    )
    direction = services.direction_add(
        supervision=record, case=case, what=DIRECTION, due_on=today + timedelta(days=due_in), by=manager
    )
    return record, direction
