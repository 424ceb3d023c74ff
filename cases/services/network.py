from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .. import access, audit
from ..models import AuditEvent, Case, NetworkMember
from .case import CaseError

Action = AuditEvent.Action


def _check_account(case: Case, user: User | None, member: NetworkMember | None = None) -> None:
    if user is None:
        return
    if not user.is_partner:
        raise CaseError(_("Only partner agency workers are added to a case's network with their account."))
    others = NetworkMember.objects.filter(case=case, user=user, removed_at__isnull=True)
    if member is not None:
        others = others.exclude(pk=member.pk)
    if others.exists():
        raise CaseError(_("%(name)s is already in this case's network.") % {"name": user})


@transaction.atomic
def network_add(*, case: Case, by: User | None, user: User | None = None, **fields) -> NetworkMember:
    """Add a person or service. A partner with an account gets access to the case (and loses it when
    removed or when the case closes)."""
    _check_account(case, user)
    if user is not None:
        fields.setdefault("name", user.get_full_name() or user.username)
        fields.setdefault("agency", str(user.agency or ""))
        fields.setdefault("kind", NetworkMember.Kind.PROFESSIONAL)
    member = NetworkMember.objects.create(case=case, user=user, added_by=by, **fields)
    if user is not None:
        access.sync_grants(case=case)
    audit.record(user=by, case=case, action=Action.CREATE, what=f"network: {member.name}")
    return member


@transaction.atomic
def network_update(*, member: NetworkMember, by: User, **fields) -> NetworkMember:
    unknown = set(fields) - set(NetworkMember.EDITABLE)
    if unknown:
        raise CaseError(_("Cannot change %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(member, name, value)
    member.save(update_fields=list(fields))
    if member.user_id:
        access.sync_grants(case=member.case)
    audit.record(user=by, case=member.case, action=Action.CHANGE, what=f"network: {member.name}")
    return member


@transaction.atomic
def network_remove(*, member: NetworkMember, by: User) -> None:
    if member.removed_at is not None:
        return
    member.removed_at = timezone.now()
    member.save(update_fields=["removed_at"])
    if member.user_id:
        access.sync_grants(case=member.case)
    audit.record(user=by, case=member.case, action=Action.REMOVE, what=f"network: {member.name}")


def case_add_partner(*, case: Case, partner: User, contribute: bool, by: User | None, role: str = "") -> NetworkMember:
    """Add a partner agency worker who has an account, with their role on the case."""
    return network_add(
        case=case,
        by=by,
        user=partner,
        relationship=role,
        can_contribute=contribute,
        closeness=NetworkMember.Closeness.SOME,
    )


def case_remove_partner(*, case: Case, partner: User, by: User) -> None:
    for member in NetworkMember.objects.filter(case=case, user=partner, removed_at__isnull=True):
        network_remove(member=member, by=by)
