"""Writes to the family plan and its meetings. Each is one transaction, keyword-only, and records who did it.
Callers use `services.<name>`; the functions live in modules by what they write."""

from .links import MEETING_LINK, PLAN_LINK, meeting_link_create, plan_link_create
from .meeting_record import ActionData, Record, meeting_record
from .meetings import (
    AttendeeData,
    MeetingError,
    meeting_cancel,
    meeting_change,
    meeting_choices_save,
    meeting_plan,
)
from .plan import (
    PlanError,
    action_add,
    action_done,
    changes_since_agreed,
    goal_add,
    goal_change,
    goal_rate,
    item_remove,
    plan_start,
    priorities_order,
    priority_add,
    safety_add,
    snapshot,
    strength_add,
    version_agree,
    worries_save,
)

__all__ = [
    "ActionData",
    "AttendeeData",
    "MeetingError",
    "Record",
    "meeting_cancel",
    "meeting_change",
    "meeting_choices_save",
    "meeting_plan",
    "meeting_record",
    "MEETING_LINK",
    "PLAN_LINK",
    "meeting_link_create",
    "plan_link_create",
    "PlanError",
    "action_add",
    "action_done",
    "changes_since_agreed",
    "goal_add",
    "goal_change",
    "goal_rate",
    "item_remove",
    "plan_start",
    "priorities_order",
    "priority_add",
    "safety_add",
    "snapshot",
    "strength_add",
    "version_agree",
    "worries_save",
]
