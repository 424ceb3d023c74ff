"""Shared links: made once (only the token's hash is kept), found by token, revoked, and every use
recorded."""

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import audit
from cases.models import AuditEvent

from ..models import Contribution, ContributionShare, LinkUse, Section, SharedLink
from ..sections import Audience
from .contributions import AssessmentError, contribution_share, contribution_start

Action = AuditEvent.Action
LINK_DAYS = 14


# Shared links


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def link_create(
    *, section: Section, contributor: str, name: str, by: User, days: int = LINK_DAYS, passcode: str = ""
) -> tuple[SharedLink, str]:
    """Make a link for one section and one contributor. Returns the link and its token, which is shown
    to the worker once and never stored."""
    if contributor not in (Audience.YOUNG_PERSON, Audience.PARENT_CARER):
        raise AssessmentError(_("Links are for the young person or a parent or carer."))
    if contributor == Audience.PARENT_CARER and not name.strip():
        raise AssessmentError(_("Give the parent's or carer's name."))
    if not 1 <= days <= 90:
        raise AssessmentError(_("A link can last from 1 to 90 days."))
    if passcode and len(passcode) < 4:
        raise AssessmentError(_("A passcode needs at least 4 characters."))
    case = section.assessment.case
    if contributor == Audience.YOUNG_PERSON and not name:
        name = case.young_person.preferred_name or case.young_person.given_name
    contribution = (
        Contribution.objects.filter(section=section, contributor=contributor, contributor_name=name)
        .exclude(status=Contribution.Status.ADDED)
        .first()
    ) or contribution_start(section=section, contributor=contributor, name=name)
    token = secrets.token_urlsafe(32)
    link = SharedLink.objects.create(
        case=case,
        section=section,
        contribution=contribution,
        contributor=contributor,
        contributor_name=name,
        token_hash=token_hash(token),
        passcode_hash=make_password(passcode) if passcode else "",
        expires_at=timezone.now() + timedelta(days=days),
        created_by=by,
    )
    audit.record(user=by, case=case, action=Action.CREATE, what=f"shared link for {name}: {section}")
    return link, token


@transaction.atomic
def link_revoke(*, link: SharedLink, by: User) -> SharedLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = by
        link.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            user=by, case=link.case, action=Action.CHANGE, what=f"shared link for {link.contributor_name} revoked"
        )
    return link


MAX_TOKEN_LENGTH = 100


def link_find(token: str) -> SharedLink | None:
    """The link a token names, with what its page needs and so its `state` (only a working link opens
    anything), or None for a token that names no link."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        SharedLink.objects.filter(token_hash=token_hash(token))
        .select_related("section", "contribution", "case__young_person", "case__key_worker")
        .first()
    )


@transaction.atomic
def link_write_more(*, link: SharedLink) -> Contribution:
    """After sending their words, the young person or family member writes more: a new contribution of
    their own, which the link now opens (what they sent stays as it was, with the worker). Idempotent: a
    link whose words are still being written keeps them."""
    locked = (
        SharedLink.objects.select_for_update(of=("self",)).select_related("contribution", "section").get(pk=link.pk)
    )
    contribution = locked.contribution
    assert locked.section is not None, "a link to an assessment section has its section"
    if contribution is None or contribution.status != Contribution.Status.DRAFT:
        earlier = contribution
        contribution = contribution_start(
            section=locked.section, contributor=link.contributor, name=link.contributor_name
        )
        # Their choice of who else may read their words in this part holds for the new words too (the page
        # names those agencies before they send, and they can change it there).
        if earlier is not None:
            ContributionShare.objects.bulk_create(
                ContributionShare(contribution=contribution, agency_id=agency_id)
                for agency_id in sorted(contribution_shared_with(earlier))
            )
        locked.contribution = contribution
        locked.save(update_fields=["contribution"])
    link.contribution = contribution
    return contribution


def sent_before(link: SharedLink) -> QuerySet[Contribution]:
    """What this person sent in this part before the words the link opens now, oldest first. (Only a page
    behind a passcode shows their text.)"""
    return (
        Contribution.objects.filter(
            section=link.section,
            contributor=link.contributor,
            contributor_name=link.contributor_name,
            author__isnull=True,
        )
        .exclude(status=Contribution.Status.DRAFT)
        .exclude(links=link)
        .order_by("sent_at", "pk")
    )


@transaction.atomic
def link_share(*, link: SharedLink, agency_ids: set[int], allowed: set[int], label: str) -> set[int]:
    """The young person's or family member's choice of partner agencies that may read their words in this
    part: the words the link opens and what they sent before in it, so that withdrawing reaches all of them."""
    assert link.contribution is not None, "a link to an assessment section has its words"
    for words in [link.contribution, *sent_before(link)]:
        contribution_share(contribution=words, agency_ids=agency_ids, allowed=allowed, label=label)
    return set(agency_ids) & set(allowed)


def contribution_shared_with(contribution: Contribution) -> set[int]:
    """The partner agencies these words are shared with now."""
    return set(contribution.shares.filter(withdrawn_at=None).values_list("agency_id", flat=True))


def link_check_passcode(link: SharedLink, passcode: str) -> bool:
    return bool(link.passcode_hash) and check_password(passcode, link.passcode_hash)


def link_used(*, link: SharedLink, event: str, address_hash: str = "") -> None:
    LinkUse.objects.create(link=link, event=event, address_hash=address_hash)
    SharedLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
