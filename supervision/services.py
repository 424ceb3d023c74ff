"""Writes of supervision: a record (with the cases discussed), a direction for a case, a direction done.
Each is one transaction, keyword-only; a direction is a change to the case's record, so it is audited on
the case (the reflections are not case data and never reach the case's audit words)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import access, audit
from cases.models import AuditEvent, Case

from .access import supervisable_workers
from .models import Direction, Supervision


class SupervisionError(Exception):
    """A record or direction that cannot be saved, in words for the manager."""


@transaction.atomic
def supervision_record(*, worker: User, held_on: date, cases: list[Case], reflections: str, by: User) -> Supervision:
    """The manager records supervision with a worker of their team, and the cases they discussed (cases of
    the team the worker holds)."""
    team_id = access.managed_team_id(by)
    if team_id is None or not supervisable_workers(by).filter(pk=worker.pk).exists():
        raise SupervisionError(_("Record supervision with a worker of your team."))
    if held_on > timezone.localdate():
        raise SupervisionError(_("The date of the supervision must be today or in the past."))
    allowed = set(access.supervised_cases(by, worker).values_list("pk", flat=True))
    if any(case.pk not in allowed for case in cases):
        raise SupervisionError(_("Choose only open cases this worker holds in your team."))
    record = Supervision.objects.create(
        team_id=team_id, worker=worker, manager=by, held_on=held_on, reflections=reflections
    )
    record.cases.set(cases)
    return record


@transaction.atomic
def direction_add(*, supervision: Supervision, case: Case, what: str, due_on: date, by: User) -> Direction:
    """A direction for one of the cases discussed, by the manager of the record's team."""
    if access.managed_team_id(by) != supervision.team_id:
        raise SupervisionError(_("Only the team's manager gives directions."))
    if not supervision.cases.filter(pk=case.pk).exists():
        raise SupervisionError(_("Choose a case you discussed in this supervision."))
    if case.is_closed:
        raise SupervisionError(_("The case is closed."))
    if not what.strip():
        raise SupervisionError(_("Say what should happen next."))
    if due_on < supervision.held_on:
        raise SupervisionError(_("The date must be on or after the supervision."))
    direction = Direction.objects.create(supervision=supervision, case=case, what=what, due_on=due_on)
    audit.record(user=by, case=case, action=AuditEvent.Action.CREATE, what="case direction from supervision")
    return direction


@transaction.atomic
def direction_done(*, direction: Direction, by: User) -> Direction:
    """The key worker (or the manager) says the direction is done (once: saying it again changes nothing)."""
    locked = Direction.objects.select_for_update().get(pk=direction.pk)
    if locked.done_at is not None:
        return locked
    locked.done_at = timezone.now()
    locked.done_by = by
    locked.save(update_fields=["done_at", "done_by"])
    audit.record(user=by, case=direction.case, action=AuditEvent.Action.CHANGE, what="case direction done")
    return locked
