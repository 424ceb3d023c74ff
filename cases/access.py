"""The access policy: the only place that answers "may this person see or change this case?",
"which cases may this person see?" and what of a case's record they may see.

Who may do what comes from two sources, and nothing else:
- the person's role and team, said once on the user: a manager sees and changes every case of their
  team (derived here, on every request, so a change of role or team, or a deactivated account, takes
  effect on the next request; no group an administrator could tick widens or splits it);
- django-guardian per-object grants in direct foreign-key tables, derived from the case's people by
  `sync_grants`, which every service that changes those people calls:
  - the key worker and the plan coordinator: view and change;
  - a partner agency worker who is an active member of the case's network: view, and contribute if
    they may add to the record; nothing once they are removed or the case closes.

Not a global permission, not a group, not being a superuser. A case a person may not see answers 404,
exactly like a case that does not exist.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User

from .models import (
    Case,
    CaseLink,
    CaseUserObjectPermission,
    NetworkMember,
    Referral,
    Stage,
    TimelineEntry,
)

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


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _manages_team(user: User) -> bool:
    return _active(user) and user.is_manager and user.team_id is not None


def _grants(user: User, *codenames: str) -> QuerySet[CaseUserObjectPermission]:
    return CaseUserObjectPermission.objects.filter(user_id=user.pk, permission__codename__in=codenames)


def _ids(user: User, *codenames: str) -> QuerySet:
    """The ids of the cases where `user` holds one of `codenames`, or (for view and change) whose team they
    manage: a UNION of two lookups that each use an index (the grant table's unique index, which starts
    with the user, and the case's team), so the database never considers other teams' cases."""
    ids = _grants(user, *codenames).values("content_object_id").order_by()
    if _manages_team(user) and (VIEW in codenames or CHANGE in codenames):
        ids = ids.union(Case.objects.filter(team_id=user.team_id).values("pk").order_by())
    return ids


def visible_cases(user: User) -> QuerySet[Case]:
    """The cases this person may see, as a queryset (one query, however many cases)."""
    if not _active(user):
        return Case.objects.none()
    return Case.objects.filter(pk__in=_ids(user, VIEW))


def changeable_cases(user: User) -> QuerySet[Case]:
    if not _active(user):
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
    def may_manage_now(self) -> bool:
        """The team's manager's own decisions (the key worker, agreeing a timescale), while open."""
        return self.manages_team and not self.closed

    @property
    def may_audit(self) -> bool:
        """The audit trail of a case is for the team's managers."""
        return self.manages_team


NO_ACCESS = CaseAccess(None, False, False, False, False, False)


def _with_access(user: User, cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases, each with whether this person holds each grant on it: one query, whatever is asked."""

    def held(codename: str) -> Exists:
        return Exists(_grants(user, codename).filter(content_object_id=OuterRef("pk")))

    return cases.annotate(granted_view=held(VIEW), granted_change=held(CHANGE), granted_contribute=held(CONTRIBUTE))


def _decide(user: User, case: Case) -> CaseAccess:
    """The person's access to a case fetched through `_with_access`."""
    manages = _manages_team(user) and user.team_id == case.team_id
    change = _active(user) and (case.granted_change or manages)
    return CaseAccess(
        user_id=user.pk,
        may_view=_active(user) and (case.granted_view or manages),
        may_change=change,
        may_contribute=change or (_active(user) and case.granted_contribute),
        manages_team=manages,
        closed=case.is_closed,
    )


def access_to(user: User, case: Case) -> CaseAccess:
    """This person's access to the case: the decision the getter made for this request, or (for a case
    that did not come from a getter for this person) one query now."""
    decided = getattr(case, "access", None)
    if isinstance(decided, CaseAccess) and decided.user_id == user.pk and user.pk is not None:
        return decided
    if not _active(user):
        return NO_ACCESS
    fetched = _with_access(user, Case.objects.filter(pk=case.pk)).first()
    return _decide(user, fetched) if fetched is not None else NO_ACCESS


def _get(user: User, pk, allowed: Callable[[CaseAccess], bool], *, open_only: bool) -> Case:
    """The case with its access decided, if `allowed`; otherwise 404, exactly as for a case that does not
    exist. With `open_only`, a closed case raises CaseClosed to someone allowed."""
    if not _active(user):
        raise Http404("No such case.")
    found = (
        _with_access(user, Case.objects.filter(pk=pk))
        .select_related("team", "key_worker", "young_person", "plan_coordinator")
        .first()
    )
    if found is None:
        raise Http404("No such case.")
    found.access = _decide(user, found)
    if not allowed(found.access):
        raise Http404("No such case.")
    if open_only and found.access.closed:
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


def is_team_manager(user: User, case: Case) -> bool:
    return _manages_team(user) and user.team_id == case.team_id


def sees_restricted(user: User, case: Case) -> bool:
    """Restricted entries (for example police intelligence): the key worker and the team's managers see
    them all; anyone else only those they wrote."""
    return _active(user) and (case.key_worker_id == user.pk or is_team_manager(user, case))


def visible_entries_q(user: User, prefix: str = "") -> Q:
    """The timeline entries this person may see, as a condition (usable inside other queries, for example
    the flags of the Cases page): unrestricted ones, their own, and all of the cases where they are the key
    worker or one of the team's managers."""
    if not _active(user):
        return Q(pk__in=[])
    condition = Q(**{f"{prefix}restricted": False}) | Q(**{f"{prefix}author": user})
    condition |= Q(**{f"{prefix}case__key_worker": user})
    if _manages_team(user):
        condition |= Q(**{f"{prefix}case__team_id": user.team_id})
    return condition


def timeline_for(user: User, case: Case) -> QuerySet[TimelineEntry]:
    return TimelineEntry.objects.filter(case=case).filter(visible_entries_q(user))


def linked_cases(user: User, case: Case) -> QuerySet[CaseLink]:
    """Links of `case` to other cases this person may also see (a link to a case they may not see is
    not shown at all: even its existence would say something)."""
    visible = _ids(user, VIEW) if _active(user) else Case.objects.none().values("pk")
    return (
        CaseLink.objects.filter(Q(case_a=case, case_b__in=visible) | Q(case_b=case, case_a__in=visible))
        .select_related("case_a__young_person", "case_b__young_person")
        .order_by("created_at")
    )


# The words of the young person and their family (written through a shared link, so with no author):
# - a draft is theirs alone until they send it: nobody else reads it, and it is never loaded for anyone;
# - once sent, the staff who may change the case read it (the key worker, the plan coordinator, the
#   team's managers);
# - a partner agency reads it only where the writer chose to share that part with that agency (a live
#   ContributionShare), and that choice can be withdrawn.
# Words written by staff and partners (with an author) are read by everyone who may see the case.


def readable_words_q(user: User, case: Case, *, prefix: str = "") -> Q:
    """The contributions to `case` this person may read, as a condition on contributions (`prefix`
    "contribution__" applies it through a relation, for example to the history of a part)."""
    if not _active(user):
        return Q(pk__in=[])
    professional = Q(**{f"{prefix}author__isnull": False})
    family_sent = Q(**{f"{prefix}author__isnull": True}) & ~Q(**{f"{prefix}status": "draft"})
    if can_change(user, case):
        return professional | family_sent
    if user.is_partner and user.agency_id:
        shared = Q(**{f"{prefix}shares__agency_id": user.agency_id, f"{prefix}shares__withdrawn_at__isnull": True})
        return professional | (family_sent & shared)
    return professional


def may_read_family_words(user: User, case: Case, shared_with_agency_ids) -> bool:
    """For words kept elsewhere than a contribution (a review's snapshot): may this person read words a
    young person or family member shared with `shared_with_agency_ids`?"""
    if can_change(user, case):
        return True
    return bool(_active(user) and user.is_partner and user.agency_id in set(shared_with_agency_ids))


@dataclass(frozen=True)
class Reader:
    """Someone who can read what a young person or family member sends, in plain words."""

    name: str
    role: str


def family_words_readers(case: Case) -> list[Reader]:
    """Everyone who can read what a young person or family member sends on this case, whatever they
    choose: exactly the people this policy lets change the case (so the page that tells them is true)."""
    granted = CaseUserObjectPermission.objects.filter(content_object=case, permission__codename=CHANGE)
    people = list(User.objects.filter(pk__in=granted.values("user_id"), is_active=True))
    people += [m for m in team_managers(case.team_id) if m.pk not in {p.pk for p in people}]
    worker = case.key_worker
    readers = []
    for person in sorted(people, key=lambda p: (p.pk != case.key_worker_id, p.is_manager, p.first_name)):
        if person.pk == case.key_worker_id:
            role = _("your worker")
        elif person.pk == case.plan_coordinator_id:
            role = _("helps organise your plan")
        elif person.is_manager and worker:
            role = _("manages %(worker)s’s team") % {"worker": worker.first_name}
        elif person.is_manager:
            role = _("manages the team")
        else:
            role = _("works with you")
        readers.append(Reader(name=person.get_full_name() or person.username, role=role))
    return readers


def partner_agencies_of(case: Case) -> list[tuple[int, str, list[str]]]:
    """The partner agencies whose workers can see this case, with those workers' names: a young person
    or family member may choose to let an agency read what they wrote. (agency id, name, people)"""
    granted = CaseUserObjectPermission.objects.filter(content_object=case, permission__codename=VIEW)
    partners = (
        User.objects.filter(pk__in=granted.values("user_id"), role=User.Role.PARTNER, is_active=True)
        .select_related("agency")
        .order_by("agency__name", "first_name")
    )
    agencies: dict[int, tuple[str, list[str]]] = {}
    for partner in partners:
        agencies.setdefault(partner.agency_id, (partner.agency.name, []))[1].append(
            partner.get_full_name() or partner.username
        )
    return [(pk, name, people) for pk, (name, people) in agencies.items()]


def may_audit(user: User, case: Case) -> bool:
    """The audit trail of a case is for the team's managers."""
    return is_team_manager(user, case)


# Referrals come before a case exists: the managers of the receiving team see them all (they decide);
# whoever made a referral sees that one (to know what happened to it).


def visible_referrals(user: User) -> QuerySet[Referral]:
    if not _active(user):
        return Referral.objects.none()
    condition = Q(created_by=user)
    if _manages_team(user):
        condition |= Q(team_id=user.team_id)
    return Referral.objects.filter(condition)


def get_referral_for_view(user: User, pk) -> Referral:
    referral = visible_referrals(user).filter(pk=pk).select_related("team", "case", "possible_duplicate").first()
    if referral is None:
        raise Http404("No such referral.")
    return referral


def get_referral_for_decision(user: User, pk) -> Referral:
    if not _manages_team(user):
        raise Http404("No such referral.")
    referral = Referral.objects.filter(pk=pk, team_id=user.team_id).select_related("team", "possible_duplicate").first()
    if referral is None:
        raise Http404("No such referral.")
    return referral


def may_decide_referrals(user: User) -> bool:
    return _manages_team(user)


def team_managers(team_id: int) -> QuerySet[User]:
    """The people who manage a team now (for notifications): its active members whose role is manager."""
    return User.objects.filter(team_id=team_id, role=User.Role.MANAGER, is_active=True)


# Grants: written only through these functions, from cases/services.py, inside the transaction that
# changes the case's people.


def _wanted_grants(case: Case) -> dict[int, set[str]]:
    wanted: dict[int, set[str]] = {}
    for person_id in (case.key_worker_id, case.plan_coordinator_id):
        if person_id:
            wanted.setdefault(person_id, set()).update(STAFF_PERMS)
    if case.stage != Stage.CLOSED:
        members = NetworkMember.objects.filter(case=case, removed_at__isnull=True, user__isnull=False)
        for member in members.select_related("user"):
            if not (member.user.is_active and member.user.is_partner):
                continue
            perms = wanted.setdefault(member.user_id, set())
            perms.add(VIEW)
            if member.can_contribute:
                perms.add(CONTRIBUTE)
    return wanted


def sync_grants(*, case: Case) -> None:
    """Make the case's person grants exactly what its people call for (idempotent)."""
    wanted = _wanted_grants(case)
    existing = CaseUserObjectPermission.objects.filter(content_object=case).select_related("permission")
    have = {(row.user_id, row.permission.codename): row.pk for row in existing}
    want = {(user_id, codename) for user_id, codenames in wanted.items() for codename in codenames}
    stale = [pk for key, pk in have.items() if key not in want]
    if stale:
        CaseUserObjectPermission.objects.filter(pk__in=stale).delete()
    missing = want - set(have)
    if missing:
        perms = {
            p.codename: p
            for p in Permission.objects.filter(content_type__app_label="cases", codename__in=[VIEW, CHANGE, CONTRIBUTE])
        }
        CaseUserObjectPermission.objects.bulk_create(
            [
                CaseUserObjectPermission(content_object=case, user_id=user_id, permission=perms[codename])
                for user_id, codename in sorted(missing)
            ]
        )


def get_import_for_manager(user: User, pk):
    """A referral import, to the managers of its team (they decide referrals); 404 to anyone else."""
    from .models import ReferralImport

    if not may_decide_referrals(user):
        raise Http404("No such import.")
    # The file's text can be megabytes: only the page that reads it loads it.
    found = ReferralImport.objects.filter(pk=pk, team_id=user.team_id).defer("content").first()
    if found is None:
        raise Http404("No such import.")
    return found
