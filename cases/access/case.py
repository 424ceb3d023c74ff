"""Access to a case: who may see, change or add to it, decided once per request; which cases a person
may see; which of a case's timeline entries and links they see. See the package's docstring for where the
rights come from."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy

from accounts.models import User

from ..models import Case, CaseLink, CaseUserObjectPermission, TimelineEntry

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

VIEW = "view_case"
CHANGE = "change_case"
CONTRIBUTE = "contribute_case"

STAFF_PERMS = frozenset({VIEW, CHANGE})

# What a person who may change a case is told when they try to change it while it is closed: one message
# for every page, because one rule says it.
CLOSED_MESSAGE = gettext_lazy("This case is closed, so it cannot be changed. Reopen the case to change it.")


class CaseClosed(Exception):
    """Raised by a getter asked for `open_only` when the case is closed, to someone who may change it
    (anyone else gets 404 first). `cases.middleware` answers it: the case's page, with CLOSED_MESSAGE."""

    def __init__(self, case: Case):
        super().__init__(str(CLOSED_MESSAGE))
        self.case = case


def is_active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def manages_a_team(user: User) -> bool:
    return is_active(user) and user.is_manager and user.team_id is not None


def managed_team_id(user: User) -> int | None:
    """The id of the team this person manages, or None when they manage none."""
    return user.team_id if manages_a_team(user) else None


def _grants(user: User, *codenames: str) -> QuerySet[CaseUserObjectPermission]:
    return CaseUserObjectPermission.objects.filter(user_id=user.pk, permission__codename__in=codenames)


def _ids(user: User, *codenames: str) -> QuerySet:
    """The ids of the cases where `user` holds one of `codenames`, or (for view and change) whose team they
    manage: a UNION of two lookups that each use an index (the grant table's unique index, which starts
    with the user, and the case's team), so the database never considers other teams' cases."""
    ids = _grants(user, *codenames).values("content_object_id").order_by()
    team_id = managed_team_id(user)
    if team_id is not None and (VIEW in codenames or CHANGE in codenames):
        ids = ids.union(Case.objects.filter(team_id=team_id).values("pk").order_by())
    return ids


def visible_cases(user: User) -> QuerySet[Case]:
    """The cases this person may see, as a queryset (one query, however many cases)."""
    if not is_active(user):
        return Case.objects.none()
    return Case.objects.filter(pk__in=_ids(user, VIEW))


def changeable_cases(user: User) -> QuerySet[Case]:
    """The cases this person may change (and so whose young person's and family's sent words they read,
    `words.WordsReader.all_family`), as a queryset (one query, however many cases)."""
    if not is_active(user):
        return Case.objects.none()
    return Case.objects.filter(pk__in=_ids(user, CHANGE))


@dataclass(frozen=True)
class CaseAccess:
    """What one person may do with one case, decided once (by the getters, with the case itself) and kept
    on the case for the rest of the request: pages and their templates ask this, never the database again.
    The `..._now` answers also say whether the case's state allows it (nothing changes a closed case)."""

    user_id: int | None
    may_view: bool
    may_change: bool
    may_contribute: bool
    manages_team: bool
    closed: bool

    @property
    def may_change_now(self) -> bool:
        return self.may_change and not self.closed

    @property
    def may_contribute_now(self) -> bool:
        return self.may_contribute and not self.closed

    @property
    def may_record_missing(self) -> bool:
        """A missing episode and their return are recorded by anyone who may add to the record: often the
        police officer on the case knows first, or found them. The return home interview that follows is
        arranged by the team, so it stays with the people who may change the case."""
        return self.may_contribute

    @property
    def may_record_missing_now(self) -> bool:
        return self.may_record_missing and not self.closed

    @property
    def may_manage_now(self) -> bool:
        """The team's manager's own decisions (the key worker, agreeing a timescale), while open."""
        return self.manages_team and not self.closed

    @property
    def may_audit(self) -> bool:
        """The audit trail of a case is for the team's managers."""
        return self.manages_team


NO_ACCESS = CaseAccess(None, False, False, False, False, False)


class _Grants(TypedDict):
    """What `_with_access` adds to each case: whether the person holds each grant on it."""

    granted_view: bool
    granted_change: bool
    granted_contribute: bool


def _with_access(user: User, cases: QuerySet[Case]) -> "QuerySet[WithAnnotations[Case, _Grants]]":
    """The cases, each with whether this person holds each grant on it: one query, whatever is asked."""

    def held(codename: str) -> Exists:
        return Exists(_grants(user, codename).filter(content_object_id=OuterRef("pk")))

    return cases.annotate(granted_view=held(VIEW), granted_change=held(CHANGE), granted_contribute=held(CONTRIBUTE))


def _decide(user: User, case: "WithAnnotations[Case, _Grants]") -> CaseAccess:
    """An active person's access to a case fetched through `_with_access`."""
    manages = manages_a_team(user) and user.team_id == case.team_id
    change = case.granted_change or manages
    return CaseAccess(
        user_id=user.pk,
        may_view=case.granted_view or manages,
        may_change=change,
        may_contribute=change or case.granted_contribute,
        manages_team=manages,
        closed=case.is_closed,
    )


def access_to(user: User, case: Case) -> CaseAccess:
    """This person's access to the case: the decision the getter made for this request, or (for a case
    that did not come from a getter for this person) one query now."""
    decided = getattr(case, "access", None)
    if isinstance(decided, CaseAccess) and decided.user_id == user.pk and user.pk is not None:
        return decided
    if not is_active(user):
        return NO_ACCESS
    fetched = _with_access(user, Case.objects.filter(pk=case.pk)).first()
    return _decide(user, fetched) if fetched is not None else NO_ACCESS


def _get(user: User, pk, allowed: Callable[[CaseAccess], bool], *, open_only: bool) -> Case:
    """The case with its access decided, if `allowed`; otherwise 404, exactly as for a case that does not
    exist. With `open_only`, a closed case raises CaseClosed to someone allowed."""
    if not is_active(user):
        raise Http404("No such case.")
    found = (
        _with_access(user, Case.objects.filter(pk=pk))
        .select_related("team", "key_worker", "young_person__appearance", "plan_coordinator")
        .first()
    )
    if found is None:
        raise Http404("No such case.")
    decided = _decide(user, found)
    # Kept on the case for the rest of the request: access_to reads it back instead of asking again.
    found.access = decided  # type: ignore[attr-defined]  # not a field: this request's decision, set only here
    if not allowed(decided):
        raise Http404("No such case.")
    if open_only and decided.closed:
        raise CaseClosed(found)
    return found


def get_case_for_view(user: User, pk) -> Case:
    """The case, if this person may see it; otherwise 404."""
    return _get(user, pk, lambda decided: decided.may_view, open_only=False)


def get_case_for_change(user: User, pk, *, open_only: bool = False) -> Case:
    """The case, if this person may change it. 404 when they may not, so that a partner who may only
    look cannot tell a change page from a missing one. `open_only`: the change needs the case open."""
    return _get(user, pk, lambda decided: decided.may_change, open_only=open_only)


def get_case_for_contribution(user: User, pk, *, open_only: bool = False) -> Case:
    """The case, if this person may add to its record (staff with change rights, or a partner who
    contributes). Closed cases take no new entries from partners (they have no grant then)."""
    return _get(user, pk, lambda decided: decided.may_contribute, open_only=open_only)


def get_case_for_missing_episode(user: User, pk, *, open_only: bool = False) -> Case:
    """The case, to record a missing episode or their return (`CaseAccess.may_record_missing`)."""
    return _get(user, pk, lambda decided: decided.may_record_missing, open_only=open_only)


def get_case_for_management(user: User, pk, *, open_only: bool = False) -> Case:
    """The case, to the manager of its team (their own decisions: the key worker, the timescale)."""
    return _get(user, pk, lambda decided: decided.manages_team, open_only=open_only)


def can_view(user: User, case: Case) -> bool:
    return access_to(user, case).may_view


def can_change(user: User, case: Case) -> bool:
    return access_to(user, case).may_change


def can_contribute(user: User, case: Case) -> bool:
    """May add to the record: staff who may change the case, or a partner who contributes."""
    return access_to(user, case).may_contribute


def visible_entries_q(user: User, prefix: str = "") -> Q:
    """The timeline entries this person may see, as a condition (usable inside other queries, for example
    the flags of the Cases page). Restricted entries (for example police intelligence) are seen by the key
    worker and the team's managers; anyone else sees the unrestricted ones and those they wrote."""
    if not is_active(user):
        return Q(pk__in=[])
    condition = Q(**{f"{prefix}restricted": False}) | Q(**{f"{prefix}author": user})
    condition |= Q(**{f"{prefix}case__key_worker": user})
    if manages_a_team(user):
        condition |= Q(**{f"{prefix}case__team_id": user.team_id})
    return condition


def timeline_for(user: User, case: Case) -> QuerySet[TimelineEntry]:
    return TimelineEntry.objects.filter(case=case).filter(visible_entries_q(user))


def linked_cases(user: User, case: Case) -> QuerySet[CaseLink]:
    """Links of `case` to other cases this person may also see (a link to a case they may not see is
    not shown at all: even its existence would say something)."""
    visible = _ids(user, VIEW) if is_active(user) else Case.objects.none().values("pk")
    return (
        CaseLink.objects.filter(Q(case_a=case, case_b__in=visible) | Q(case_b=case, case_a__in=visible))
        .select_related("case_a__young_person", "case_b__young_person")
        .order_by("created_at")
    )


def team_managers(team_id: int) -> QuerySet[User]:
    """The people who manage a team now (for notifications): its active members whose role is manager."""
    return managers_of_every_team().filter(team_id=team_id)


def managers_of_every_team() -> QuerySet[User]:
    """The people who manage each team now, of every team (a reminders run tells the managers of many
    teams: one query for all of them)."""
    return User.objects.filter(team__isnull=False, role=User.Role.MANAGER, is_active=True)
