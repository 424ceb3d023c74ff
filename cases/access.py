"""The access policy: the only place that answers "may this person see or change this case?"
and "which cases may this person see?".

Grants are django-guardian per-object permissions held in direct foreign-key tables:
- the key worker, co-workers and the plan coordinator: view and change (user grants);
- the team's managers: view and change on every case of their team (one group grant per case);
- a partner agency worker: view, and contribute if they contribute, on the cases they were added to.

Nothing else gives access: not a global permission, not being a superuser. A case a person may not
see answers 404, exactly like a case that does not exist.
"""

from django.contrib.auth.models import Group
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from guardian.shortcuts import assign_perm, remove_perm

from accounts.models import User

from .models import Case, CaseGroupObjectPermission, CaseUserObjectPermission

VIEW = "view_case"
CHANGE = "change_case"
CONTRIBUTE = "contribute_case"

STAFF_PERMS = (VIEW, CHANGE)


def _granted(user: User, codename: str):
    """An EXISTS expression: true for a case on which `user` holds `codename`, directly or
    through one of their groups."""
    direct = CaseUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"), user=user, permission__codename=codename
    )
    via_group = CaseGroupObjectPermission.objects.filter(
        content_object=OuterRef("pk"), group__user=user, permission__codename=codename
    )
    return Exists(direct) | Exists(via_group)


def visible_cases(user: User) -> QuerySet[Case]:
    """The cases this person may see, as a queryset (one query, however many cases)."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    return Case.objects.filter(_granted(user, VIEW))


def changeable_cases(user: User) -> QuerySet[Case]:
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    return Case.objects.filter(_granted(user, CHANGE))


def get_case_for_view(user: User, pk) -> Case:
    """The case, if this person may see it; otherwise 404."""
    case = visible_cases(user).filter(pk=pk).select_related("team", "key_worker").first()
    if case is None:
        raise Http404("No such case.")
    return case


def get_case_for_change(user: User, pk) -> Case:
    """The case, if this person may change it. 404 when they may not even see it."""
    case = changeable_cases(user).filter(pk=pk).select_related("team", "key_worker").first()
    if case is None:
        raise Http404("No such case.")
    return case


def can_view(user: User, case: Case) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()


def can_change(user: User, case: Case) -> bool:
    return changeable_cases(user).filter(pk=case.pk).exists()


# Grants: called only from cases/services.py, inside the transaction that changes the case.


def grant_staff(*, case: Case, user: User) -> None:
    for codename in STAFF_PERMS:
        assign_perm(codename, user, case)


def revoke_all(*, case: Case, user: User) -> None:
    CaseUserObjectPermission.objects.filter(content_object=case, user=user).delete()


def grant_team_managers(*, case: Case) -> None:
    group: Group = case.team.managers_group
    for codename in STAFF_PERMS:
        assign_perm(codename, group, case)


def grant_partner(*, case: Case, partner: User, contribute: bool) -> None:
    assign_perm(VIEW, partner, case)
    if contribute:
        assign_perm(CONTRIBUTE, partner, case)
    else:
        remove_perm(CONTRIBUTE, partner, case)
