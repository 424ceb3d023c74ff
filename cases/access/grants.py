"""The per-case grants of people (django-guardian's direct foreign-key table), derived from the case's
people. Written only here, by `sync_grants`, which every service that changes those people calls inside
its transaction."""

from django.contrib.auth.models import Permission

from ..models import Case, CaseUserObjectPermission, NetworkMember, Stage
from .case import CHANGE, CONTRIBUTE, STAFF_PERMS, VIEW


def _wanted_grants(case: Case) -> dict[int, set[str]]:
    wanted: dict[int, set[str]] = {}
    for person_id in (case.key_worker_id, case.plan_coordinator_id):
        if person_id:
            wanted.setdefault(person_id, set()).update(STAFF_PERMS)
    if case.stage != Stage.CLOSED:
        members = NetworkMember.objects.filter(case=case, removed_at__isnull=True, user__isnull=False)
        for member in members.select_related("user"):
            user = member.user
            assert user is not None, "the members were chosen with an account"
            if not (user.is_active and user.is_partner):
                continue
            perms = wanted.setdefault(user.pk, set())
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
