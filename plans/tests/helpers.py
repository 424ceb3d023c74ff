"""A family plan with something in every part, made through the services as people would."""

from datetime import timedelta

from django.utils import timezone

from plans import services
from plans.models import RatedBy, SafetyPart, Whose


def a_plan(case, by, *, goals: int = 1, actions: int = 1, ratings: int = 1):
    plan = services.plan_start(case=case, by=by)
    services.strength_add(plan=plan, whose=Whose.YOUNG_PERSON, text="Funny and kind to her friends", by=by)
    services.worries_save(plan=plan, worries="Older men are giving her lifts.", by=by)
    services.priority_add(plan=plan, whose=Whose.YOUNG_PERSON, words="Go back to college", by=by)
    services.priority_add(plan=plan, whose=Whose.YOUNG_PERSON, words="See my mum more", by=by)
    for number in range(goals):
        goal = services.goal_add(
            plan=plan, owner=Whose.YOUNG_PERSON, owner_name="", words=f"Goal {number}", why="It matters", by=by
        )
        for score in range(ratings):
            services.goal_rate(goal=goal, score=score + 3, rated_by=RatedBy.WORKER, name="Jo Bennett", by=by)
        for step in range(actions):
            services.action_add(
                goal=goal, what=f"Step {step}", who_name="Jo", due_on=timezone.localdate() + timedelta(days=7), by=by
            )
    services.safety_add(
        plan=plan, part=SafetyPart.PEOPLE, text="Mum", phone="07700 900123", by=by, name="Jo", from_young_person=False
    )
    return plan
