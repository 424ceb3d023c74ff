"""The per-case grants, as `cases.access.sync_grants` derives them from a case's people: the key worker and
the plan coordinator may view and change the case; a partner agency worker who is a live member of an
open case may view it, and contribute when the member says so. Managers need no rows: they see their
team's cases through their role. Computed here from what the seed made, for every case at once, and
written in one COPY; scale/tests/test_seed.py proves the rows equal those sync_grants makes."""

from django.contrib.auth.models import Permission

from cases.access.case import CHANGE, CONTRIBUTE, STAFF_PERMS, VIEW
from cases.models import CaseUserObjectPermission

from . import bulk
from .cases import SeedCase
from .network import PartnerMember

Grant = tuple[int, str, int]  # (user id, permission codename, case id)


def wanted(cases: list[SeedCase], partners: list[PartnerMember]) -> set[Grant]:
    grants: set[Grant] = set()
    for case in cases:
        for person in (case.key_worker_id, case.coordinator_id):
            if person:
                grants |= {(person, codename, case.pk) for codename in STAFF_PERMS}
    closed = {case.pk for case in cases if case.is_closed}
    for member in partners:
        if member.removed or member.case_id in closed:
            continue
        grants.add((member.user_id, VIEW, member.case_id))
        if member.can_contribute:
            grants.add((member.user_id, CONTRIBUTE, member.case_id))
    return grants


def write(grants: set[Grant]) -> int:
    permissions = dict(
        Permission.objects.filter(content_type__app_label="cases", codename__in=[VIEW, CHANGE, CONTRIBUTE]).values_list(
            "codename", "pk"
        )
    )
    ordered = sorted(grants, key=lambda grant: (grant[2], grant[0], grant[1]))
    ids = bulk.reserve_ids(CaseUserObjectPermission, len(ordered))
    rows = (
        {"id": pk, "user_id": user_id, "permission_id": permissions[codename], "content_object_id": case_id}
        for (user_id, codename, case_id), pk in zip(ordered, ids, strict=True)
    )
    return bulk.copy_rows(CaseUserObjectPermission, rows)
