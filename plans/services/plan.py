"""Writes to the family plan. Each is one transaction, keyword-only, records who did it in the audit, and
adds a `PlanChange` with the plan's next version: every change is kept, with who and when."""

from datetime import date

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import settle
from cases import audit
from cases.models import AuditEvent, Case

from ..models import (
    Action,
    AgreedVersion,
    FamilyPlan,
    Goal,
    GoalRating,
    KeyPersonLink,
    KeyPersonWords,
    Meeting,
    PlanChange,
    Priority,
    RatedBy,
    SafetyItem,
    Strength,
)

AuditAction = AuditEvent.Action


class PlanError(Exception):
    """A change the plan refuses, with a message for the person who tried it."""


def _label(by: User | None, label: str) -> str:
    if label:
        return label
    return (by.get_full_name() or by.get_username()) if by is not None else _("Someone")


def _changed(plan: FamilyPlan, what: str, *, by: User | None, label: str = "", at=None) -> PlanChange:
    """Numbers the change with the plan's next version (the row is locked, so two changes never share one)."""
    locked = FamilyPlan.objects.select_for_update().only("version").get(pk=plan.pk)
    plan.version = locked.version + 1
    FamilyPlan.objects.filter(pk=plan.pk).update(version=plan.version, updated_at=timezone.now())
    change = PlanChange.objects.create(
        plan=plan,
        version=plan.version,
        what=what[:400],
        by_user=by,
        by_label=_label(by, label),
        at=at or timezone.now(),
    )
    audit.record(user=by, case=plan.case, action=AuditAction.CHANGE, what=f"family plan: {what}"[:200])
    return change


@transaction.atomic
def plan_start(*, case: Case, by: User) -> FamilyPlan:
    """The case's plan, started now if it has none (idempotent: two people starting it get the same one)."""
    plan, created = FamilyPlan.objects.get_or_create(case=case, defaults={"created_by": by})
    if created:
        audit.record(user=by, case=case, action=AuditAction.CREATE, what="family plan started")
    return plan


@transaction.atomic
def worries_save(*, plan: FamilyPlan, worries: str, by: User) -> FamilyPlan:
    plan.worries = worries.strip()
    plan.save(update_fields=["worries", "updated_at"])
    _changed(plan, _("Worries changed"), by=by)
    return plan


@transaction.atomic
def strength_add(*, plan: FamilyPlan, whose: str, text: str, by: User) -> Strength:
    strength = Strength.objects.create(plan=plan, whose=whose, text=text.strip())
    _changed(plan, _("Strength added: %(text)s") % {"text": strength.text}, by=by)
    return strength


@transaction.atomic
def priority_add(*, plan: FamilyPlan, whose: str, words: str, by: User | None, label: str = "") -> Priority:
    """A priority goes to the end of that person's list; they rank it with `priorities_order`."""
    last = Priority.objects.live().filter(plan=plan, whose=whose).order_by("-rank").values_list("rank", flat=True)
    priority = Priority.objects.create(plan=plan, whose=whose, words=words.strip(), rank=(last.first() or 0) + 1)
    _changed(plan, _("Priority added: %(words)s") % {"words": priority.words}, by=by, label=label)
    return priority


@transaction.atomic
def priorities_order(*, plan: FamilyPlan, whose: str, ordered_pks: list[int], by: User | None, label: str = "") -> None:
    """Their order, as they put it: every live priority of theirs, each once."""
    current = set(Priority.objects.live().filter(plan=plan, whose=whose).values_list("pk", flat=True))
    if set(ordered_pks) != current or len(ordered_pks) != len(current):
        raise PlanError(_("The list has changed since the page was opened. Look again and put them in order."))
    for rank, pk in enumerate(ordered_pks, start=1):
        Priority.objects.filter(pk=pk).update(rank=rank)
    _changed(plan, _("Priorities put in a new order"), by=by, label=label)


@transaction.atomic
def item_remove(
    *, item: Strength | Priority | Goal | Action | SafetyItem | KeyPersonWords, plan: FamilyPlan, by: User
) -> None:
    """Takes something off the plan; its row stays, with when it was removed (nothing is lost)."""
    if item.removed_at is None:
        item.removed_at = timezone.now()
        item.save(update_fields=["removed_at"])
        _changed(plan, _("Removed: %(what)s") % {"what": str(item)}, by=by)


def someone_close(name: str, called: str) -> str:
    """How the plan names someone close to the young person, in its history and on its pages."""
    return _("%(name)s (someone close to %(called)s)") % {"name": name, "called": called}


@transaction.atomic
def key_person_words_add(*, words_link: KeyPersonLink, going_well: str, will_do: str) -> KeyPersonWords:
    """Someone close to the young person's words for the plan, through their link: added to the plan under
    their name, numbered in its history like every change."""
    going_well, will_do = going_well.strip(), will_do.strip()
    if not (going_well or will_do):
        raise PlanError(_("Write something first."))
    # The same words sent again through the same link (a second tap on a slow phone) are one entry, not
    # two: the link's row is locked first, so that two sends arriving together are answered one at a time.
    KeyPersonLink.objects.select_for_update().filter(pk=words_link.pk).exists()
    already = KeyPersonWords.objects.filter(
        link=words_link, going_well=going_well, will_do=will_do, removed_at__isnull=True
    ).first()
    if already is not None:
        return already
    plan = words_link.plan
    shared = words_link.link
    words = KeyPersonWords.objects.create(
        plan=plan, link=words_link, name=shared.person_name, going_well=going_well, will_do=will_do
    )
    label = someone_close(shared.person_name, shared.case.young_person.called)
    _changed(plan, _("Words added: %(text)s") % {"text": going_well or will_do}, by=None, label=label)
    return words


@transaction.atomic
def goal_add(*, plan: FamilyPlan, owner: str, owner_name: str, words: str, why: str, by: User) -> Goal:
    last = Goal.objects.filter(plan=plan).order_by("-position").values_list("position", flat=True).first()
    goal = Goal.objects.create(
        plan=plan,
        owner=owner,
        owner_name=owner_name.strip(),
        words=words.strip(),
        why=why.strip(),
        position=(last or 0) + 1,
    )
    _changed(plan, _("Goal added: %(words)s") % {"words": goal.words}, by=by)
    return goal


@transaction.atomic
def goal_change(*, goal: Goal, owner: str, owner_name: str, words: str, why: str, by: User) -> Goal:
    goal.owner, goal.owner_name, goal.words, goal.why = owner, owner_name.strip(), words.strip(), why.strip()
    goal.save(update_fields=["owner", "owner_name", "words", "why"])
    _changed(goal.plan, _("Goal changed: %(words)s") % {"words": goal.words}, by=by)
    return goal


@transaction.atomic
def goal_rate(
    *, goal: Goal, score: int, rated_by: str, name: str, by: User | None, note: str = "", at=None
) -> GoalRating:
    """Where things are now on a goal, 0 to 10, from the young person, the family or a worker (`by` is the
    worker's account; a young person or family member rating through their link has none)."""
    if not 0 <= score <= 10:
        raise PlanError(_("Choose a number from 0 to 10."))
    if rated_by == RatedBy.WORKER and by is None:
        raise PlanError(_("A worker's rating needs the worker."))
    rating = GoalRating.objects.create(
        goal=goal,
        score=score,
        rated_by=rated_by,
        rated_by_name=name,
        rated_by_user=by,
        note=note.strip(),
        rated_at=at or timezone.now(),
    )
    _changed(
        goal.plan,
        _("%(name)s rated “%(goal)s” %(score)s out of 10") % {"name": name, "goal": goal.words, "score": score},
        by=by,
        label=name,
        at=rating.rated_at,
    )
    return rating


@transaction.atomic
def action_add(
    *,
    goal: Goal,
    what: str,
    who_name: str,
    due_on: date,
    by: User,
    who_user: User | None = None,
    meeting: Meeting | None = None,
) -> Action:
    """An action under a goal: what, who (named; with their account when they have one, so they are told
    when it is past its date) and by when. From a meeting when `meeting` is given."""
    if goal.removed_at is not None:
        raise PlanError(_("That goal has been taken off the plan."))
    action = Action.objects.create(
        goal=goal, what=what.strip(), who_name=who_name.strip(), who_user=who_user, due_on=due_on, meeting=meeting
    )
    _changed(goal.plan, _("Action added: %(what)s (%(who)s)") % {"what": action.what, "who": action.who_name}, by=by)
    return action


@transaction.atomic
def action_done(*, action: Action, by: User) -> Action:
    if action.done_at is None:
        action.done_at = timezone.now()
        action.done_by = by
        action.save(update_fields=["done_at", "done_by"])
        _changed(action.goal.plan, _("Action done: %(what)s") % {"what": action.what}, by=by)
        settle([f"action-overdue:{action.pk}"])
    return action


@transaction.atomic
def safety_add(
    *, plan: FamilyPlan, part: str, text: str, phone: str = "", by: User | None, name: str, from_young_person: bool
) -> SafetyItem:
    item = SafetyItem.objects.create(
        plan=plan,
        part=part,
        text=text.strip(),
        phone=phone.strip(),
        added_by_name=name,
        from_young_person=from_young_person,
    )
    _changed(plan, _("Added to My Safety Plan: %(text)s") % {"text": item.text}, by=by, label=name)
    return item


def _goal_snapshot(goal: Goal) -> dict:
    ratings = list(goal.ratings.all())  # oldest first: the last is where things are now
    return {
        "owner": goal.owner,
        "words": goal.words,
        "why": goal.why,
        "rating": ratings[-1].score if ratings else None,
        "actions": [
            {"what": a.what, "who": a.who_name, "due_on": a.due_on.isoformat(), "done": a.done_at is not None}
            for a in goal.actions.all()
        ],
    }


def snapshot(plan: FamilyPlan) -> dict:
    """The plan as it is now, whole, in plain data: what an agreed version keeps."""
    goals = (
        Goal.objects.live()
        .filter(plan=plan)
        .prefetch_related("ratings", Prefetch("actions", queryset=Action.objects.live()))
    )
    return {
        "version": plan.version,
        "worries": plan.worries,
        "strengths": [{"whose": s.whose, "text": s.text} for s in Strength.objects.live().filter(plan=plan)],
        "priorities": [
            {"whose": p.whose, "rank": p.rank, "words": p.words} for p in Priority.objects.live().filter(plan=plan)
        ],
        "goals": [_goal_snapshot(goal) for goal in goals],
        "safety": [
            {"part": i.part, "text": i.text, "phone": i.phone} for i in SafetyItem.objects.live().filter(plan=plan)
        ],
    }


@transaction.atomic
def version_agree(*, plan: FamilyPlan, meeting: Meeting | None, by: User) -> AgreedVersion:
    """The plan as it is now, agreed (at `meeting`, when there was one)."""
    plan.refresh_from_db(fields=["version"])
    agreed = AgreedVersion.objects.create(plan=plan, version=plan.version, meeting=meeting, snapshot=snapshot(plan))
    audit.record(user=by, case=plan.case, action=AuditAction.CHANGE, what=f"family plan version {plan.version} agreed")
    return agreed


def changes_since_agreed(plan: FamilyPlan):
    """What changed since the last agreed version (every change, when none was agreed yet), newest first."""
    last = AgreedVersion.objects.filter(plan=plan).order_by("-version").values_list("version", flat=True).first()
    changes = PlanChange.objects.filter(plan=plan)
    return changes.filter(version__gt=last) if last is not None else changes
