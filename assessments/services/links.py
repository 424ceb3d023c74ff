"""Shared links to a part of the assessment. The link itself (token, passcode, expiry, revoking, every
use) is the case's: `cases.services.link_create` and the rest. What is the assessment's is here: which
section a link opens and whose words in it, writing more after sending, and the person's choice of who
else may read those words."""

from collections.abc import Sequence

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from accounts.models import User
from cases import services as case_services
from cases.forms.shared_links import KEY_PERSON_KINDS, agreement_words
from cases.models import NetworkMember, Person, SharedLink

from ..models import Contribution, ContributionShare, Section, SectionLink
from .contributions import AssessmentError, contribution_share, contribution_start

LINK_PURPOSE = "section"
LINK_DAYS = case_services.LINK_DAYS


@transaction.atomic
def section_link_create(
    *, section: Section, person: str, name: str, by: User, days: int = LINK_DAYS, passcode: str = ""
) -> tuple[SharedLink, str]:
    """Make a link for one section and one person (the young person, or a parent or carer). Returns the
    link and its token, which is shown to the worker once and never stored. The link opens that person's
    words in the section that are not yet in the assessment (two links for the same person share them).
    Someone close to the young person is invited with `key_person_link_create`, never here."""
    if person == Person.KEY_PERSON:
        raise AssessmentError(_("Someone close to the young person is invited from their network."))
    return _create(section=section, person=person, name=name, by=by, days=days, passcode=passcode)


@transaction.atomic
def key_person_link_create(
    *, section: Section, member: NetworkMember, agreed: bool, by: User, days: int = LINK_DAYS, passcode: str = ""
) -> tuple[SharedLink, str]:
    """Invite someone close to the young person (from the case's network: family, a friend, another trusted
    adult) to add their words to one part, with the young person's agreement, which the audit records with
    the link. Their words show under their name; the link opens only their own words."""
    case = section.assessment.case
    refuse_key_person(case=case, member=member, agreed=agreed)
    return _create(
        section=section,
        person=Person.KEY_PERSON,
        name=member.name,
        by=by,
        days=days,
        passcode=passcode,
        member=member,
        what=f"{section}, from the network ({member.get_kind_display()}), with the young person's agreement",
    )


def refuse_key_person(*, case, member: NetworkMember, agreed: bool) -> None:
    """The rules of inviting someone close: the young person agreed, and the person is a live, non-professional
    member of this case's network."""
    if not agreed:
        raise AssessmentError(_("The young person must agree before someone close to them is invited."))
    if member.case_id != case.pk or member.removed_at is not None or member.kind not in KEY_PERSON_KINDS:
        raise AssessmentError(_("Choose someone close to the young person from their network."))


def _create(
    *, section: Section, person: str, name: str, by: User, days: int, passcode: str, member=None, what: str = ""
) -> tuple[SharedLink, str]:
    case = section.assessment.case
    try:
        link, token = case_services.link_create(
            case=case,
            purpose=LINK_PURPOSE,
            target_id=section.pk,
            person=person,
            name=name,
            by=by,
            days=days,
            passcode=passcode,
            what=what or str(section),
        )
    except case_services.LinkError as error:
        raise AssessmentError(str(error)) from error
    contribution = (
        Contribution.objects.filter(section=section, contributor=person, contributor_name=link.person_name)
        .exclude(status=Contribution.Status.ADDED)
        .first()
    ) or contribution_start(section=section, contributor=person, name=link.person_name)
    # Set through the link, so that `link.section_link` is there for the caller without a query.
    link.section_link = SectionLink.objects.create(link=link, section=section, contribution=contribution, member=member)
    return link, token


def section_link_of(link: SharedLink) -> SectionLink | None:
    """What a link to a section opens, with its section and words; None for a link to anything else."""
    if link.purpose != LINK_PURPOSE:
        return None
    return SectionLink.objects.select_related("section", "contribution", "member").filter(link=link).first()


@transaction.atomic
def link_write_more(*, link: SectionLink) -> Contribution:
    """After sending their words, the young person or family member writes more: a new contribution of
    their own, which the link now opens (what they sent stays as it was, with the worker). Idempotent: a
    link whose words are still being written keeps them."""
    # Only this link's row is locked (the section and words are read as they are): two taps on "write more"
    # at once start one set of new words, and nobody else's link waits.
    locked = SectionLink.objects.select_for_update(of=("self",)).select_related("contribution").get(pk=link.pk)
    contribution = locked.contribution
    if contribution is None or contribution.status != Contribution.Status.DRAFT:
        earlier = contribution
        shared = link.link
        contribution = contribution_start(section=link.section, contributor=shared.person, name=shared.person_name)
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


def sent_before(link: SectionLink) -> QuerySet[Contribution]:
    """What this person sent in this part before the words the link opens now, oldest first. (Only a page
    behind a passcode shows their text.)"""
    return (
        Contribution.objects.filter(
            section=link.section,
            contributor=link.link.person,
            contributor_name=link.link.person_name,
            author__isnull=True,
        )
        .exclude(status=Contribution.Status.DRAFT)
        .exclude(links=link)
        .order_by("sent_at", "pk")
    )


@transaction.atomic
def link_share(*, link: SectionLink, agency_ids: set[int], allowed: set[int], label: str) -> set[int]:
    """The young person's or family member's choice of partner agencies that may read their words in this
    part: the words the link opens and what they sent before in it, so that withdrawing reaches all of them.
    Someone close to the young person does not choose who else reads about the young person: their words go
    to the worker only (record 22)."""
    assert link.contribution is not None, "a link to an assessment section has its words"
    if link.link.person == Person.KEY_PERSON:
        raise AssessmentError(_("Only the young person and their family choose who else reads their words."))
    for words in [link.contribution, *sent_before(link)]:
        contribution_share(contribution=words, agency_ids=agency_ids, allowed=allowed, label=label)
    return set(agency_ids) & set(allowed)


def contribution_shared_with(contribution: Contribution) -> set[int]:
    """The partner agencies these words are shared with now."""
    return set(contribution.shares.filter(withdrawn_at=None).values_list("agency_id", flat=True))


def describe_links(links: Sequence[SharedLink]) -> dict[int, str]:
    """The part each link opens, in words, for the case's list of links: one query for the whole list. A link
    for someone close to the young person says who in the network it is for and that the young person agreed."""
    parts = SectionLink.objects.filter(link__in=links).select_related("section", "member", "link__created_by")
    return {part.link_id: _described(part) for part in parts}


def _described(part: SectionLink) -> str:
    what = str(part.section.get_kind_display())
    if part.member is None:
        return what
    return f"{what}. {agreement_words(part.link, part.member)}"
