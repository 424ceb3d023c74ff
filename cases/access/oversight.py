"""Management oversight of a case: who asks to close it and who agrees, who reads the directions a manager
gave in supervision and who marks one done, and which cases a manager may discuss with a worker.

- Closing needs the manager's agreement: the key worker asks; the team's manager agrees or sends it back,
  and may close a case directly. Anyone else who may change the case (a plan coordinator) does neither.
- Case directions are for the people who hold the case (the key worker, the plan coordinator) and the team's
  managers: whoever may change it. Never a partner agency: a direction is management's word to the team.
  The key worker marks a direction done, and so may the team's manager.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User

from ..models import Case, CloseRequest, Stage
from .case import access_to, changeable_cases, get_case_for_management, managed_team_id


def _holds_as_key_worker(user: User, case: Case) -> bool:
    return user.pk is not None and case.key_worker_id == user.pk


def may_ask_to_close(user: User, case: Case) -> bool:
    """The key worker asks to close an open case (a manager closes it directly instead)."""
    decided = access_to(user, case)
    return decided.may_change_now and not decided.manages_team and _holds_as_key_worker(user, case)


def may_close_directly(user: User, case: Case) -> bool:
    """The team's manager closes an open case, and agrees or sends back a request to close it."""
    return access_to(user, case).may_manage_now


def get_close_request_for_decision(user: User, pk, request_pk) -> CloseRequest:
    """A request to close an open case, still waiting, to the manager of its team; otherwise 404."""
    case = get_case_for_management(user, pk, open_only=True)
    found = CloseRequest.objects.filter(case=case, pk=request_pk, state=CloseRequest.State.ASKED).first()
    if found is None:
        raise Http404("No such request.")
    found.case = case  # the case with its access decided, for the page's frame
    return found


def may_read_directions(user: User, case: Case) -> bool:
    """The case's directions from supervision: to whoever may change the case, never to a partner."""
    return access_to(user, case).may_change


def direction_readable_cases(user: User) -> QuerySet[Case]:
    """The cases whose directions this person reads (for the flags of a list: one subquery)."""
    return changeable_cases(user)


def may_complete_direction(user: User, case: Case) -> bool:
    """The key worker marks a direction done (or the team's manager), while the case is open."""
    decided = access_to(user, case)
    return decided.may_manage_now or (decided.may_change_now and _holds_as_key_worker(user, case))


def supervised_cases(manager: User, worker: User) -> QuerySet[Case]:
    """The open cases of the manager's team that `worker` holds (as key worker or plan coordinator): those
    the manager may discuss with them in supervision. None when the person manages no team."""
    team_id = managed_team_id(manager)
    if team_id is None:
        return Case.objects.none()
    holds = Q(key_worker_id=worker.pk) | Q(plan_coordinator_id=worker.pk)
    return Case.objects.filter(holds, team_id=team_id).exclude(stage=Stage.CLOSED)
