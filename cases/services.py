"""Writes to cases that touch more than one row. Each is one transaction."""

from django.db import transaction

from accounts.models import Team, User

from . import access
from .models import Case


@transaction.atomic
def case_create(*, young_person_name: str, team: Team, key_worker: User | None, by: User | None) -> Case:
    case = Case.objects.create(young_person_name=young_person_name, team=team)
    access.grant_team_managers(case=case)
    if key_worker is not None:
        case_allocate(case=case, worker=key_worker, by=by)
    return case


@transaction.atomic
def case_allocate(*, case: Case, worker: User, by: User | None) -> Case:
    """Make `worker` the key worker. The grant moves with the allocation."""
    if worker.team_id != case.team_id:
        raise ValueError("The key worker must be in the case's team.")
    previous = case.key_worker
    if previous is not None and previous != worker:
        access.revoke_all(case=case, user=previous)
    case.key_worker = worker
    case.save(update_fields=["key_worker"])
    access.grant_staff(case=case, user=worker)
    return case


@transaction.atomic
def case_add_partner(*, case: Case, partner: User, contribute: bool, by: User | None) -> None:
    if not partner.is_partner:
        raise ValueError("Only a partner agency worker can be added as a partner.")
    access.grant_partner(case=case, partner=partner, contribute=contribute)


@transaction.atomic
def case_remove_partner(*, case: Case, partner: User, by: User | None) -> None:
    access.revoke_all(case=case, user=partner)
