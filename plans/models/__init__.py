"""The family plan and the meetings that make and review it."""

from .meeting import Attendee, ChoiceOverride, Meeting
from .plan import (
    Action,
    AgreedVersion,
    FamilyPlan,
    Goal,
    GoalRating,
    KeyPersonLink,
    KeyPersonWords,
    PlanChange,
    Priority,
    RatedBy,
    SafetyItem,
    SafetyPart,
    Strength,
    Whose,
)

__all__ = [
    "Action",
    "AgreedVersion",
    "Attendee",
    "ChoiceOverride",
    "FamilyPlan",
    "Goal",
    "GoalRating",
    "KeyPersonLink",
    "KeyPersonWords",
    "Meeting",
    "PlanChange",
    "Priority",
    "RatedBy",
    "SafetyItem",
    "SafetyPart",
    "Strength",
    "Whose",
]
