"""What the plan's pages show, read with a fixed number of queries however long the plan grows: shared by
the staff page, the young person's page and the PDF."""

from collections import defaultdict

from django.db.models import (
    BooleanField,
    CharField,
    Count,
    DateTimeField,
    F,
    Field,
    IntegerField,
    Max,
    Prefetch,
    QuerySet,
    Subquery,
    TextField,
    Value,
    Window,
)
from django.db.models.functions import Cast
from django.utils import timezone

from .charts import rating_line_svg
from .models import (
    Action,
    AgreedVersion,
    FamilyPlan,
    Goal,
    GoalRating,
    KeyPersonWords,
    Meeting,
    Priority,
    SafetyItem,
    SafetyPart,
    Strength,
    Whose,
)
from .services import changes_after

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


# The plan's short lists (and its last agreed version) are read in one query: a UNION ALL of one SELECT per
# kind, each giving its fields as these columns (None where a kind has no such field). The columns and
# their types, then what each kind puts in them.
_COLUMNS: dict[str, Field] = {
    "label": CharField(),
    "text": TextField(),
    "more": TextField(),
    "by": CharField(),
    "number": IntegerField(),
    "other": IntegerField(),
    "flag": BooleanField(),
    "at": DateTimeField(),
}
_KINDS = {
    "strength": {"label": "whose", "text": "text", "at": "created_at"},
    "priority": {"label": "whose", "text": "words", "number": "rank", "at": "created_at"},
    "words": {"label": "name", "text": "going_well", "more": "will_do", "number": "link_id", "at": "created_at"},
    "safety": {
        "label": "part",
        "text": "text",
        "more": "phone",
        "by": "added_by_name",
        "flag": "from_young_person",
        "at": "created_at",
    },
    "agreed": {
        "label": "meeting__title",
        "text": "meeting__kind",
        "number": "version",
        "other": "meeting_id",
        "at": "agreed_at",
    },
}


def _rows_of(kind: str, queryset: QuerySet) -> QuerySet:
    fields = _KINDS[kind]
    # Named apart from every model's fields (an annotation may not take a field's name); a column a kind lacks is
    # a NULL of the column's type, as PostgreSQL needs to match the SELECTs.
    columns = {
        f"row_{name}": F(fields[name]) if name in fields else Cast(Value(None), output_field=field)
        for name, field in _COLUMNS.items()
    }
    return queryset.order_by().annotate(row_kind=Value(kind, output_field=CharField()), **columns)


def _items(plan: FamilyPlan) -> dict[str, list]:
    """The plan's live strengths, priorities, words of the people close to the young person and My Safety
    Plan, each in its own order, and its last agreed version (with its meeting): one query."""
    last_version = AgreedVersion.objects.filter(plan=plan).values("plan").annotate(last=Max("version")).values("last")
    parts = [
        _rows_of("strength", Strength.objects.live().filter(plan=plan)),
        _rows_of("priority", Priority.objects.live().filter(plan=plan)),
        _rows_of("words", KeyPersonWords.objects.live().filter(plan=plan)),
        _rows_of("safety", SafetyItem.objects.live().filter(plan=plan)),
        _rows_of("agreed", AgreedVersion.objects.filter(plan=plan, version=Subquery(last_version))),
    ]
    names = ["row_kind", "pk", *(f"row_{name}" for name in _COLUMNS)]
    rows = parts[0].values_list(*names).union(*(part.values_list(*names) for part in parts[1:]), all=True)
    found: dict[str, list] = {kind: [] for kind in _KINDS}
    for kind, pk, *values in rows:
        found[kind].append(_made(plan, kind, pk, dict(zip(_COLUMNS, values, strict=True))))
    for kind, key in (("strength", _by_time), ("words", _by_time), ("safety", _by_time), ("priority", _by_rank)):
        found[kind].sort(key=key)
    return found


def _by_time(item) -> tuple:
    return (item.created_at, item.pk)


def _by_rank(item) -> tuple:
    return (item.rank, item.pk)


def _made(plan: FamilyPlan, kind: str, pk: int, row: dict):
    """The model instance a row of `_items` stands for, with the fields it was read with."""
    if kind == "strength":
        return Strength(pk=pk, plan=plan, whose=row["label"], text=row["text"], created_at=row["at"])
    if kind == "priority":
        return Priority(
            pk=pk, plan=plan, whose=row["label"], words=row["text"], rank=row["number"], created_at=row["at"]
        )
    if kind == "words":
        return KeyPersonWords(
            pk=pk,
            plan=plan,
            link_id=row["number"],
            name=row["label"],
            going_well=row["text"],
            will_do=row["more"],
            created_at=row["at"],
        )
    if kind == "safety":
        return SafetyItem(
            pk=pk,
            plan=plan,
            part=row["label"],
            text=row["text"],
            phone=row["more"],
            added_by_name=row["by"],
            from_young_person=bool(row["flag"]),
            created_at=row["at"],
        )
    meeting = None
    if row["other"] is not None:
        meeting = Meeting(pk=row["other"], case_id=plan.case_id, title=row["label"], kind=row["text"])
    return AgreedVersion(pk=pk, plan=plan, version=row["number"], meeting=meeting, agreed_at=row["at"])


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
    items = _items(plan)
    last_agreed = items["agreed"][0] if items["agreed"] else None
    context = {
        "plan": plan,
        "strengths": grouped(
            items["strength"], "whose", [(w, w.label) for w in (Whose.YOUNG_PERSON, Whose.FAMILY, Whose.NETWORK)]
        ),
        "priorities": grouped(items["priority"], "whose", [(w, w.label) for w in (Whose.YOUNG_PERSON, Whose.FAMILY)]),
        # The words of the people close to the young person, sent through their own links, under their names.
        "key_person_words": items["words"],
        "goals": goals,
        "overdue_actions": sum(goal.overdue_count for goal in goals),
        "safety": grouped(items["safety"], "part", SafetyPart.choices),
        "last_agreed": last_agreed,
        "today": today,
    }
    if with_changes:
        # The most recent changes, each with how many there are in all (counted with them, in the same query).
        changes = changes_after(plan, last_agreed.version if last_agreed else None).select_related("by_user")
        recent = list(changes.annotate(in_all=Window(Count("pk")))[:RECENT_CHANGES])
        context["changes"] = recent
        context["changes_count"] = recent[0].in_all if recent else 0
        context["more_changes"] = context["changes_count"] - len(recent)
    return context
