from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Team, User

from .. import access, audit, notices
from ..models import AuditEvent, Case, CaseLink, KeyWorkerSpell, Stage, StageChange, YoungPerson

Action = AuditEvent.Action


class CaseError(ValueError):
    """A change the rules of the service do not allow; the message says why, in plain words."""


@transaction.atomic
def case_create(
    *, young_person: YoungPerson, team: Team, key_worker: User | None, by: User | None, urgent: bool | None = None
) -> Case:
    case = Case.objects.create(young_person=young_person, team=team)
    StageChange.objects.create(case=case, to_stage=case.stage, changed_by=by, reason="Case opened")
    if key_worker is not None:
        case_allocate(case=case, worker=key_worker, by=by, urgent=urgent)
    audit.record(user=by, case=case, action=Action.CREATE, what="case opened")
    return case


@transaction.atomic
def case_allocate(*, case: Case, worker: User, by: User | None, urgent: bool | None = None) -> Case:
    """Make `worker` the key worker; the previous one's spell ends and their grant goes. They are told,
    marked urgent when the case's referral was urgent (`urgent`, or else found from the case's referrals)."""
    if worker.team_id != case.team_id or worker.role not in (User.Role.ACT_WORKER, User.Role.MANAGER):
        raise CaseError(_("The key worker must be an ACT worker or manager in the case's team."))
    if case.key_worker_id == worker.pk:
        return case
    now = timezone.now()
    KeyWorkerSpell.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
    spell = KeyWorkerSpell.objects.create(case=case, worker=worker, allocated_by=by)
    case.key_worker = worker
    case.save(update_fields=["key_worker"])
    access.sync_grants(case=case)
    audit.record(user=by, case=case, action=Action.CHANGE, what=f"key worker: {worker}")
    notices.case_allocated(case=case, worker=worker, spell_pk=spell.pk, by=by, urgent=urgent)
    return case


@transaction.atomic
def case_set_plan_coordinator(*, case: Case, coordinator: User | None, by: User | None) -> Case:
    if coordinator is not None and coordinator.role != User.Role.PLAN_COORDINATOR:
        raise CaseError(_("The plan coordinator must be an Innovation social worker or an IRO."))
    case.plan_coordinator = coordinator
    case.save(update_fields=["plan_coordinator"])
    access.sync_grants(case=case)
    audit.record(user=by, case=case, action=Action.CHANGE, what=f"plan coordinator: {coordinator or 'none'}")
    return case


@transaction.atomic
def case_update_people(
    *, case: Case, social_worker_name: str, social_worker_contact: str, coordinator: User | None, by: User
) -> Case:
    case.social_worker_name = social_worker_name
    case.social_worker_contact = social_worker_contact
    case.save(update_fields=["social_worker_name", "social_worker_contact"])
    if coordinator != case.plan_coordinator:
        case_set_plan_coordinator(case=case, coordinator=coordinator, by=by)
    audit.record(user=by, case=case, action=Action.CHANGE, what="people around the case")
    return case


@transaction.atomic
def young_person_update(*, case: Case, young_person: YoungPerson, fields: list[str], by: User) -> YoungPerson:
    young_person.save(update_fields=fields)
    audit.record(user=by, case=case, action=Action.CHANGE, what="young person's details: " + ", ".join(fields))
    return young_person


@transaction.atomic
def case_change_stage(*, case: Case, stage: str, by: User, reason: str = "") -> Case:
    if stage == Stage.CLOSED:
        raise CaseError(_("Close a case with its reason and outcome."))
    if case.is_closed:
        raise CaseError(_("Reopen the case first."))
    if stage == case.stage:
        return case
    StageChange.objects.create(case=case, from_stage=case.stage, to_stage=stage, reason=reason, changed_by=by)
    case.stage = stage
    case.save(update_fields=["stage"])
    audit.record(user=by, case=case, action=Action.CHANGE, what=f"stage: {case.get_stage_display()}")
    return case


@transaction.atomic
def case_close(*, case: Case, reason: str, outcome: str, by: User) -> Case:
    if case.is_closed:
        raise CaseError(_("The case is already closed."))
    if not reason.strip():
        raise CaseError(_("Say why the case is closing."))
    StageChange.objects.create(case=case, from_stage=case.stage, to_stage=Stage.CLOSED, reason=reason, changed_by=by)
    case.stage = Stage.CLOSED
    case.closed_at = timezone.now()
    case.close_reason = reason
    case.close_outcome = outcome
    case.save(update_fields=["stage", "closed_at", "close_reason", "close_outcome"])
    access.sync_grants(case=case)  # partners lose access when the case closes
    audit.record(user=by, case=case, action=Action.CHANGE, what="case closed")
    return case


@transaction.atomic
def case_reopen(*, case: Case, reason: str, by: User) -> Case:
    if not case.is_closed:
        raise CaseError(_("The case is not closed."))
    if not reason.strip():
        raise CaseError(_("Say why the case is reopening."))
    stage = Stage.SUPPORT
    StageChange.objects.create(case=case, from_stage=Stage.CLOSED, to_stage=stage, reason=reason, changed_by=by)
    case.stage = stage
    case.closed_at = None
    case.save(update_fields=["stage", "closed_at"])
    access.sync_grants(case=case)
    audit.record(user=by, case=case, action=Action.CHANGE, what="case reopened")
    return case


@transaction.atomic
def case_link(*, case: Case, other: Case, reason: str, by: User) -> CaseLink:
    if case.pk == other.pk:
        raise CaseError(_("A case cannot be linked to itself."))
    first, second = sorted((case, other), key=lambda c: c.pk)
    if CaseLink.objects.filter(case_a=first, case_b=second).exists():
        raise CaseError(_("These cases are already linked."))
    link = CaseLink.objects.create(case_a=first, case_b=second, reason=reason, created_by=by)
    for each in (case, other):
        audit.record(
            user=by, case=each, action=Action.CREATE, what=f"link to case {other.pk if each is case else case.pk}"
        )
    return link


@transaction.atomic
def case_unlink(*, link: CaseLink, by: User) -> None:
    for each in (link.case_a, link.case_b):
        audit.record(
            user=by, case=each, action=Action.REMOVE, what=f"link between cases {link.case_a_id} and {link.case_b_id}"
        )
    link.delete()
