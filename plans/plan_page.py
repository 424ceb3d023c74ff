"""What the plan's pages show, read with a fixed number of queries however long the plan grows: shared by
the staff page, the young person's page and the PDF."""

from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone

from .charts import rating_line_svg
from .models import (
    Action,
    AgreedVersion,
    FamilyPlan,
    Goal,
    GoalRating,
    KeyPersonWords,
    Priority,
    SafetyItem,
    SafetyPart,
    Strength,
    Whose,
)
from .services import changes_since_agreed

RECENT_CHANGES = 8


def grouped(items, key: str, order, *, keep_empty: bool = True) -> list[tuple[str, str, list]]:
    """Items grouped by a field, in the order of `order` (value, label), as (value, label, items); the empty
    groups kept unless `keep_empty` is False (a printed plan leaves them out)."""
    groups = defaultdict(list)
    for item in items:
        groups[getattr(item, key)].append(item)
    return [(value, label, groups[value]) for value, label in order if keep_empty or groups[value]]


def goals_of(plan: FamilyPlan):
    """The live goals with their ratings (oldest first) and live actions (by date): three queries. The
    staff page, the young person's page and the PDF read goals this way."""
    return (
        Goal.objects.live()
        .filter(plan=plan)
        .prefetch_related(
            Prefetch("ratings", queryset=GoalRating.objects.order_by("rated_at", "pk")),
            Prefetch("actions", queryset=Action.objects.live().select_related("who_user").order_by("due_on", "pk")),
        )
    )


def plan_context(plan: FamilyPlan, *, with_changes: bool = True) -> dict:
    today = timezone.localdate()
    goals = list(goals_of(plan))
    for goal in goals:
        ratings = list(goal.ratings.all())
        goal.latest = ratings[-1] if ratings else None
        goal.rating_list = ratings
        # A line needs two points; one rating is said in words.
        goal.chart = rating_line_svg(ratings, 320, 120) if len(ratings) > 1 else ""
        goal.action_list = list(goal.actions.all())
        goal.overdue_count = sum(1 for a in goal.action_list if a.overdue_on(today))
    last_agreed = AgreedVersion.objects.filter(plan=plan).select_related("meeting").order_by("-version").first()
    context = {
        "plan": plan,
        "strengths": grouped(
            Strength.objects.live().filter(plan=plan),
            "whose",
            [(w, w.label) for w in (Whose.YOUNG_PERSON, Whose.FAMILY, Whose.NETWORK)],
        ),
        "priorities": grouped(
            Priority.objects.live().filter(plan=plan).order_by("rank", "pk"),
            "whose",
            [(w, w.label) for w in (Whose.YOUNG_PERSON, Whose.FAMILY)],
        ),
        # The words of the people close to the young person, sent through their own links, under their names.
        "key_person_words": list(KeyPersonWords.objects.live().filter(plan=plan).order_by("created_at", "pk")),
        "goals": goals,
        "overdue_actions": sum(goal.overdue_count for goal in goals),
        "safety": grouped(
            SafetyItem.objects.live().filter(plan=plan).order_by("created_at", "pk"), "part", SafetyPart.choices
        ),
        "last_agreed": last_agreed,
        "today": today,
    }
    if with_changes:
        changes = changes_since_agreed(plan).select_related("by_user")
        context["changes"] = list(changes[:RECENT_CHANGES])
        context["changes_count"] = changes.count()
        context["more_changes"] = context["changes_count"] - len(context["changes"])
    return context
