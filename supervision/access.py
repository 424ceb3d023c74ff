"""Who reads and writes supervision records: not a rule about a case, so it lives here (the rules about
cases, such as which cases may be discussed and who reads a case's directions, are in `cases.access`).

- A team's manager records supervision with the ACT workers and plan coordinators of their team, and reads
  every record of the team.
- A worker reads their own records (read only), with the reflections about them.
- Nobody else: not another worker, not a partner agency, not the manager of another team (nor a manager who
  has moved team or role: it is decided from their role and team now, on each request). A record the
  person may not read answers 404, like one that does not exist.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from cases import access

from .models import Supervision

SUPERVISED_ROLES = (User.Role.ACT_WORKER, User.Role.PLAN_COORDINATOR)


def supervisable_workers(manager: User) -> QuerySet[User]:
    """The people the manager supervises: the active ACT workers and plan coordinators of their team."""
    team_id = access.managed_team_id(manager)
    if team_id is None:
        return User.objects.none()
    return User.objects.filter(team_id=team_id, is_active=True, role__in=SUPERVISED_ROLES)


def get_worker_for_supervision(manager: User, worker_pk) -> User:
    """A worker of the manager's team; otherwise 404."""
    found = supervisable_workers(manager).filter(pk=worker_pk).first()
    if found is None:
        raise Http404("No such worker.")
    return found


def readable_supervisions(user: User) -> QuerySet[Supervision]:
    """The records this person reads: their own, and (as a team's manager) every record of the team."""
    if not (user.is_authenticated and user.is_active) or user.is_partner:
        return Supervision.objects.none()
    condition = Q(worker_id=user.pk)
    team_id = access.managed_team_id(user)
    if team_id is not None:
        condition |= Q(team_id=team_id)
    return Supervision.objects.filter(condition)


def get_supervision_for_view(user: User, pk) -> Supervision:
    found = readable_supervisions(user).select_related("worker", "manager", "team").filter(pk=pk).first()
    if found is None:
        raise Http404("No such record.")
    return found


def may_record_for(user: User, supervision: Supervision) -> bool:
    """Adding a direction to a record is for the managers of its team."""
    return access.managed_team_id(user) == supervision.team_id
