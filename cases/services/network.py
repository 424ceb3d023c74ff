from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import Message, settle, tell

from .. import access, audit
from ..models import AuditEvent, Case, NetworkChange, NetworkMember, OwnCloseness, Person, SharedLink
from ..models.network import OWN_ORDER, TO_RINGS
from .case import CaseError

Action = AuditEvent.Action
What = NetworkChange.What


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
def network_add(
    *, case: Case, by: User | None, user: User | None = None, sharing_reason: str = "", **fields
) -> NetworkMember:
    """Add a person or service. A partner with an account gets access to the case (and loses it when
    removed or when the case closes), within the case's consent to share, or past it with a reason
    (`sharing_reason`), which is kept on the member and in the audit."""
    _check_account(case, user)
    sharing_reason = sharing_reason.strip()
    problem = access.consent_problem(case, user.agency) if user is not None else ""
    if problem and not sharing_reason:
        raise CaseError(problem + " " + _("Say why they must see this case anyway."))
    if problem:
        fields["sharing_reason"] = sharing_reason
    if user is not None:
        fields.setdefault("name", user.get_full_name() or user.username)
        fields.setdefault("agency", str(user.agency or ""))
        fields.setdefault("kind", NetworkMember.Kind.PROFESSIONAL)
    member = NetworkMember.objects.create(case=case, user=user, added_by=by, **fields)
    if user is not None:
        access.sync_grants(case=case)
    past = " (past the consent to share)" if problem else ""
    audit.record(user=by, case=case, action=Action.CREATE, what=f"network: {member.name}{past}"[:200])
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


def case_add_partner(
    *, case: Case, partner: User, contribute: bool, by: User | None, role: str = "", sharing_reason: str = ""
) -> NetworkMember:
    """Add a partner agency worker who has an account, with their role on the case."""
    return network_add(
        case=case,
        by=by,
        user=partner,
        sharing_reason=sharing_reason,
        relationship=role,
        can_contribute=contribute,
        closeness=NetworkMember.Closeness.SOME,
    )


def case_remove_partner(*, case: Case, partner: User, by: User) -> None:
    for member in NetworkMember.objects.filter(case=case, user=partner, removed_at__isnull=True):
        network_remove(member=member, by=by)


# The young person's own view of their people, changed from their space ("My people"). Each change is kept
# as a NetworkChange (before and after), for their worker to see, and audited with no user: it came through
# their link, not from an account.


def _theirs(member: NetworkMember, link: SharedLink) -> NetworkMember:
    """The member, locked and read afresh, if it is a current member of the link's case and the link is the
    young person's own; otherwise CaseError (the page already found it through the link's case)."""
    if link.person != Person.YOUNG_PERSON or member.case_id != link.case_id:
        raise CaseError(_("Only the young person changes how they see their people."))
    fresh = NetworkMember.objects.select_for_update().filter(pk=member.pk, removed_at__isnull=True).first()
    if fresh is None:
        raise CaseError(_("They are no longer in the network."))
    return fresh


def _change(*, member: NetworkMember, link: SharedLink, what: str, before: str, after: str) -> NetworkChange:
    change = NetworkChange.objects.create(
        case_id=member.case_id, member=member, what=what, before=before, after=after, person=link.person, link=link
    )
    audit.record(
        user=None, case=link.case, action=Action.CHANGE, what=f"network, the young person's view: {member.name}"
    )
    _tell_worker(change, link.case)
    return change


def _tell_worker(change: NetworkChange, case: Case) -> None:
    """The key worker is told in the app: at once when the young person says someone makes them feel unsafe,
    and otherwise once for every run of changes not yet seen (not once per tap)."""
    from django.urls import reverse

    worker = case.key_worker
    if worker is None:
        return
    url = reverse("cases:network", args=[case.pk]) + "#their-changes"
    name = case.young_person.called
    if change.what == NetworkChange.What.UNSAFE and change.after == "yes":
        words = _("%(name)s said someone makes them feel unsafe") % {"name": name}
        tell([Message(recipient=worker, key=f"people-unsafe:{change.pk}", message=words, url=url, urgent=True)])
        return
    if NetworkChange.objects.filter(case=case, seen_at__isnull=True).exclude(pk=change.pk).exists():
        return  # already told of the changes waiting to be seen
    words = _("%(name)s changed how they see the people around them") % {"name": name}
    tell([Message(recipient=worker, key=f"people-changed:{change.pk}", message=words, url=url)])


@transaction.atomic
def network_move(*, member: NetworkMember, link: SharedLink, closer: bool) -> NetworkChange | None:
    """Move someone one step closer or further away, as the young person sees it. Already as close (or as
    far) as can be: nothing changes (None)."""
    fresh = _theirs(member, link)
    before = fresh.closeness_as_they_see_it
    step = OWN_ORDER.index(OwnCloseness(before)) + (-1 if closer else 1)
    if not 0 <= step < len(OWN_ORDER):
        return None
    fresh.own_closeness = OWN_ORDER[step]
    fresh.save(update_fields=["own_closeness"])
    member.own_closeness = fresh.own_closeness
    return _change(member=fresh, link=link, what=What.CLOSENESS, before=before, after=fresh.own_closeness)


@transaction.atomic
def network_say_unsafe(*, member: NetworkMember, link: SharedLink, unsafe: bool) -> NetworkChange | None:
    """The young person says this person makes them feel unsafe (or no longer does). Said already: None."""
    fresh = _theirs(member, link)
    if fresh.feels_unsafe == unsafe:
        return None
    fresh.feels_unsafe = unsafe
    fresh.save(update_fields=["feels_unsafe"])
    member.feels_unsafe = unsafe
    before, after = ("no", "yes") if unsafe else ("yes", "no")
    return _change(member=fresh, link=link, what=What.UNSAFE, before=before, after=after)


@transaction.atomic
def network_add_own(*, link: SharedLink, name: str, relationship: str, own_closeness: str) -> NetworkMember:
    """Someone who matters to the young person, added by them: with no account, agency or contact details.
    The professional view starts where theirs is, until the worker changes it."""
    if link.person != Person.YOUNG_PERSON:
        raise CaseError(_("Only the young person adds to their people."))
    own = OwnCloseness(own_closeness)
    member = NetworkMember.objects.create(
        case=link.case,
        kind=NetworkMember.Kind.OTHER,
        name=name,
        relationship=relationship,
        closeness=TO_RINGS[own],
        own_closeness=own,
        added_by_young_person=True,
    )
    _change(member=member, link=link, what=What.ADDED, before="", after=own)
    return member


@transaction.atomic
def network_changes_seen(*, case: Case, by: User, up_to: int) -> int:
    """Mark the young person's changes as seen by a worker, up to the newest they were shown (`up_to`, a
    change's pk): one made since stays new. How many were marked."""
    seen = NetworkChange.objects.filter(case=case, seen_at__isnull=True, pk__lte=up_to)
    keys = [f"people-{kind}:{pk}" for pk in seen.values_list("pk", flat=True) for kind in ("changed", "unsafe")]
    marked = seen.update(seen_at=timezone.now(), seen_by=by)
    settle(keys)
    if marked:
        audit.record(user=by, case=case, action=Action.CHANGE, what="network: the young person's changes seen")
    return marked
