"""Shared links: made once (only the token's hash is kept), found by token, revoked, and every use
recorded. The app that owns what a link opens makes it (with its purpose and target) and draws its page;
everything else about a link is here, the same for every kind."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .. import audit
from ..models import AuditEvent, Case, LinkUse, Person, SharedLink

Action = AuditEvent.Action
LINK_DAYS = 14
MAX_TOKEN_LENGTH = 100


class LinkError(ValueError):
    """A link the rules do not allow; the message says why, in plain words."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def link_create(
    *,
    case: Case,
    purpose: str,
    target_id: int | None,
    person: str,
    name: str,
    by: User,
    days: int = LINK_DAYS,
    passcode: str = "",
    what: str = "",
) -> tuple[SharedLink, str]:
    """Make a link to one thing (`purpose`, `target_id`) for one person. Returns the link and its token,
    which is shown to the worker once and never stored. `name` may be empty for the young person: their
    preferred name is used. `what` names the thing in the audit ("About me")."""
    if person not in Person.values:
        raise LinkError(_("Links are for the young person or a parent or carer."))
    if person == Person.PARENT_CARER and not name.strip():
        raise LinkError(_("Give the parent's or carer's name."))
    if person == Person.KEY_PERSON and not name.strip():
        raise LinkError(_("Give the name of the person their words will show under."))
    if not 1 <= days <= 90:
        raise LinkError(_("A link can last from 1 to 90 days."))
    if passcode and len(passcode) < 4:
        raise LinkError(_("A passcode needs at least 4 characters."))
    if person == Person.YOUNG_PERSON and not name:
        name = case.young_person.called
    token = secrets.token_urlsafe(32)
    link = SharedLink.objects.create(
        case=case,
        purpose=purpose,
        target_id=target_id,
        person=person,
        person_name=name,
        token_hash=token_hash(token),
        passcode_hash=make_password(passcode) if passcode else "",
        expires_at=timezone.now() + timedelta(days=days),
        created_by=by,
    )
    audit.record(user=by, case=case, action=Action.CREATE, what=f"shared link for {name}: {what or purpose}")
    return link, token


@transaction.atomic
def link_revoke(*, link: SharedLink, by: User) -> SharedLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = by
        link.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(user=by, case=link.case, action=Action.CHANGE, what=f"shared link for {link.person_name} revoked")
    return link


def link_find(token: str) -> SharedLink | None:
    """The link a token names, with what the door needs to know its `state` (only a working link opens
    anything), or None for a token that names no link."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        SharedLink.objects.filter(token_hash=token_hash(token))
        .select_related("case__young_person__appearance", "case__key_worker")
        .first()
    )


def link_check_passcode(link: SharedLink, passcode: str) -> bool:
    return bool(link.passcode_hash) and check_password(passcode, link.passcode_hash)


def link_used(*, link: SharedLink, event: str, address_hash: str = "") -> None:
    LinkUse.objects.create(link=link, event=event, address_hash=address_hash)
    SharedLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
