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

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

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


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _manages_team(user: User) -> bool:
    return _active(user) and user.is_manager and user.team_id is not None


def _granted(user: User, *codenames: str) -> Q:
    """A condition on cases: true where `user` holds one of `codenames` as a grant of their own, or
    (for view and change) manages the case's team."""
    grants = CaseUserObjectPermission.objects.filter(user=user, permission__codename__in=codenames)
    condition = Q(pk__in=grants.values("content_object_id"))
    if _manages_team(user) and (VIEW in codenames or CHANGE in codenames):
        condition |= Q(team_id=user.team_id)
    return condition


def visible_cases(user: User) -> QuerySet[Case]:
    """The cases this person may see, as a queryset (one query, however many cases)."""
    if not _active(user):
        return Case.objects.none()
    return Case.objects.filter(_granted(user, VIEW))


def changeable_cases(user: User) -> QuerySet[Case]:
    if not _active(user):
        return Case.objects.none()
    return Case.objects.filter(_granted(user, CHANGE))


def _one(queryset: QuerySet[Case], pk) -> Case:
    case = queryset.filter(pk=pk).select_related("team", "key_worker", "young_person", "plan_coordinator").first()
    if case is None:
        raise Http404("No such case.")
    return case


def get_case_for_view(user: User, pk) -> Case:
    """The case, if this person may see it; otherwise 404."""
    return _one(visible_cases(user), pk)


def get_case_for_change(user: User, pk) -> Case:
    """The case, if this person may change it. 404 when they may not, so that a partner who may only
    look cannot tell a change page from a missing one."""
    return _one(changeable_cases(user), pk)


def get_case_for_contribution(user: User, pk) -> Case:
    """The case, if this person may add to its record (staff with change rights, or a partner who
    contributes). Closed cases take no new entries from partners (they have no grant then)."""
    if not _active(user):
        raise Http404("No such case.")
    return _one(Case.objects.filter(_granted(user, CHANGE, CONTRIBUTE)), pk)


def can_view(user: User, case: Case) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()


def can_change(user: User, case: Case) -> bool:
    return changeable_cases(user).filter(pk=case.pk).exists()


def can_contribute(user: User, case: Case) -> bool:
    """May add to the record: staff who may change the case, or a partner who contributes."""
    if not _active(user):
        return False
    return Case.objects.filter(pk=case.pk).filter(_granted(user, CHANGE, CONTRIBUTE)).exists()


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
    visible = visible_cases(user).values("pk")
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
