"""Writes to assessments. Each is one transaction, keyword-only, and records who did it."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from cases import audit
from cases.models import AuditEvent, Case

from .models import (
    Assessment,
    Contribution,
    ContributionShare,
    LinkUse,
    ReviewPoint,
    Revision,
    Section,
    SharedLink,
    TimescaleAgreement,
)
from .sections import Audience, SectionKind

A = AuditEvent.Action
LINK_DAYS = 14


class AssessmentError(ValueError):
    """A change the rules do not allow; the message says why in plain words."""


@dataclass
class Conflict(Exception):
    """Someone else saved first. `current` is what is saved now; nothing of the refused save is lost
    (the caller still has it and shows both)."""

    current: str
    current_version: int
    changed_by: str


@transaction.atomic
def assessment_open(*, case: Case) -> Assessment:
    """The case's assessment, with all its sections and its first review point (idempotent)."""
    assessment, created = Assessment.objects.get_or_create(case=case)
    if created:
        Section.objects.bulk_create(
            [Section(assessment=assessment, kind=kind, position=i) for i, kind in enumerate(SectionKind.values)]
        )
        ReviewPoint.objects.create(assessment=assessment, due_on=timezone.localdate() + assessment.review_interval)
    return assessment


def _label(user: User | None, fallback: str) -> str:
    return (user.get_full_name() or user.username) if user else fallback


def _revise(*, section: Section, contribution: Contribution | None, version: int, content: dict, user, label):
    Revision.objects.create(
        section=section,
        contribution=contribution,
        version=version,
        content=content,
        changed_by=user,
        changed_by_label=label,
    )


@transaction.atomic
def contribution_start(
    *, section: Section, contributor: str, name: str = "", author: User | None = None
) -> Contribution:
    return Contribution.objects.create(section=section, contributor=contributor, contributor_name=name, author=author)


@transaction.atomic
def contribution_save(
    *, contribution: Contribution, text: str, expected_version: int, user: User | None = None, label: str = ""
) -> Contribution:
    """Save the words if nobody saved since `expected_version`; otherwise raise Conflict."""
    if contribution.status == Contribution.Status.ADDED and user is None:
        raise AssessmentError("This has already been added to the assessment.")
    updated = Contribution.objects.filter(pk=contribution.pk, version=expected_version).update(
        text=text, version=F("version") + 1, updated_at=timezone.now()
    )
    contribution.refresh_from_db()
    if not updated:
        last = contribution.revisions.order_by("-changed_at", "-pk").first()
        raise Conflict(
            current=contribution.text,
            current_version=contribution.version,
            changed_by=last.changed_by_label if last else "",
        )
    who = label or _label(user, contribution.who)
    _revise(
        section=contribution.section,
        contribution=contribution,
        version=contribution.version,
        content={"text": text, "who": contribution.who},
        user=user,
        label=who,
    )
    return contribution


@transaction.atomic
def contribution_send(*, contribution: Contribution, label: str) -> Contribution:
    if contribution.status != Contribution.Status.DRAFT:
        return contribution
    contribution.status = Contribution.Status.SENT
    contribution.sent_at = timezone.now()
    contribution.save(update_fields=["status", "sent_at"])
    return contribution


@transaction.atomic
def contribution_share(*, contribution: Contribution, agency_ids: set[int], allowed: set[int], label: str) -> set[int]:
    """The young person's or family member's choice of partner agencies that may read these words: the
    live shares become exactly `agency_ids` (only agencies in `allowed`, those on the case). Returns the
    agencies shared with now. Every change is kept, and recorded in the case's audit."""
    wanted = set(agency_ids) & set(allowed)
    live = {share.agency_id: share for share in contribution.shares.select_for_update().filter(withdrawn_at=None)}
    withdrawn = [share.pk for agency_id, share in live.items() if agency_id not in wanted]
    if withdrawn:
        ContributionShare.objects.filter(pk__in=withdrawn).update(withdrawn_at=timezone.now())
    added = wanted - set(live)
    ContributionShare.objects.bulk_create(
        [ContributionShare(contribution=contribution, agency_id=agency_id) for agency_id in sorted(added)]
    )
    if withdrawn or added:
        audit.record(
            user=None,
            case=contribution.section.assessment.case,
            action=A.CHANGE,
            what=f"assessment: {label} changed which partner agencies may read their words in {contribution.section}",
        )
    return wanted


@transaction.atomic
def contribution_add(*, contribution: Contribution, by: User) -> Contribution:
    """The worker has read it and adds it to the assessment."""
    if contribution.status == Contribution.Status.ADDED:
        return contribution
    if not contribution.text.strip():
        raise AssessmentError("There is nothing written yet.")
    contribution.status = Contribution.Status.ADDED
    contribution.added_at = timezone.now()
    contribution.added_by = by
    contribution.save(update_fields=["status", "added_at", "added_by"])
    audit.record(
        user=by,
        case=contribution.section.assessment.case,
        action=A.CHANGE,
        what=f"assessment: added {contribution.who}'s words to {contribution.section}",
    )
    return contribution


@transaction.atomic
def judgement_save(
    *, section: Section, going_well: str, worries: str, why: str, expected_version: int, by: User
) -> Section:
    updated = Section.objects.filter(pk=section.pk, judgement_version=expected_version).update(
        judgement_going_well=going_well,
        judgement_worries=worries,
        judgement_why=why,
        judgement_version=F("judgement_version") + 1,
        judgement_updated_at=timezone.now(),
        judgement_updated_by=by,
    )
    section.refresh_from_db()
    if not updated:
        raise Conflict(
            current="\n\n".join([section.judgement_going_well, section.judgement_worries, section.judgement_why]),
            current_version=section.judgement_version,
            changed_by=_label(section.judgement_updated_by, ""),
        )
    content = {"going_well": going_well, "worries": worries, "why": why, "who": _label(by, "")}
    _revise(
        section=section,
        contribution=None,
        version=section.judgement_version,
        content=content,
        user=by,
        label=_label(by, ""),
    )
    audit.record(user=by, case=section.assessment.case, action=A.CHANGE, what=f"assessment: judgement on {section}")
    return section


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
        raise AssessmentError("Links are for the young person or a parent or carer.")
    if contributor == Audience.PARENT_CARER and not name.strip():
        raise AssessmentError("Give the parent's or carer's name.")
    if not 1 <= days <= 90:
        raise AssessmentError("A link can last from 1 to 90 days.")
    if passcode and len(passcode) < 4:
        raise AssessmentError("A passcode needs at least 4 characters.")
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
    audit.record(user=by, case=case, action=A.CREATE, what=f"shared link for {name}: {section}")
    return link, token


@transaction.atomic
def link_revoke(*, link: SharedLink, by: User) -> SharedLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.revoked_by = by
        link.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(user=by, case=link.case, action=A.CHANGE, what=f"shared link for {link.contributor_name} revoked")
    return link


MAX_TOKEN_LENGTH = 100


def link_find(token: str) -> SharedLink | None:
    """The link a token opens, with what its page needs, or None for a token that opens nothing."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    return (
        SharedLink.objects.filter(token_hash=token_hash(token))
        .select_related("section", "contribution", "case__young_person", "case__key_worker")
        .first()
    )


def contribution_shared_with(contribution: Contribution) -> set[int]:
    """The partner agencies these words are shared with now."""
    return set(contribution.shares.filter(withdrawn_at=None).values_list("agency_id", flat=True))


def link_state(link: SharedLink) -> str:
    if link.revoked_at:
        return "revoked"
    if link.expires_at <= timezone.now():
        return "expired"
    return "active"


def link_check_passcode(link: SharedLink, passcode: str) -> bool:
    return bool(link.passcode_hash) and check_password(passcode, link.passcode_hash)


def link_used(*, link: SharedLink, event: str, address_hash: str = "") -> None:
    LinkUse.objects.create(link=link, event=event, address_hash=address_hash)
    SharedLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())


# Timescales and reviews


@transaction.atomic
def timescale_propose(
    *, assessment: Assessment, weeks: int, strategy: str, target_date: date, by: User
) -> TimescaleAgreement:
    proposal = TimescaleAgreement.objects.create(
        assessment=assessment,
        getting_to_know_weeks=weeks,
        engagement_strategy=strategy,
        target_date=target_date,
        created_by=by,
    )
    audit.record(user=by, case=assessment.case, action=A.CREATE, what="assessment timescale proposed")
    return proposal


@transaction.atomic
def timescale_decide(
    *,
    proposal: TimescaleAgreement,
    by: User,
    comment: str = "",
    weeks: int | None = None,
    strategy: str | None = None,
    target_date: date | None = None,
) -> TimescaleAgreement:
    """The manager agrees the proposal as it is, or changes it (with a comment). A new version is kept."""
    changed = (
        (weeks is not None and weeks != proposal.getting_to_know_weeks)
        or (strategy is not None and strategy != proposal.engagement_strategy)
        or (target_date is not None and target_date != proposal.target_date)
    )
    if changed and not comment.strip():
        raise AssessmentError("Say why you are changing the timescale.")
    decision = TimescaleAgreement.objects.create(
        assessment=proposal.assessment,
        getting_to_know_weeks=weeks if weeks is not None else proposal.getting_to_know_weeks,
        engagement_strategy=strategy if strategy is not None else proposal.engagement_strategy,
        target_date=target_date or proposal.target_date,
        status=TimescaleAgreement.Status.CHANGED if changed else TimescaleAgreement.Status.AGREED,
        comment=comment,
        created_by=by,
    )
    audit.record(user=by, case=proposal.assessment.case, action=A.CHANGE, what="assessment timescale agreed")
    return decision


def snapshot(assessment: Assessment) -> dict:
    sections = []
    for section in assessment.sections.prefetch_related("contributions__shares"):
        sections.append(
            {
                "kind": section.kind,
                "judgement": {
                    "going_well": section.judgement_going_well,
                    "worries": section.judgement_worries,
                    "why": section.judgement_why,
                },
                "contributions": [
                    {
                        "id": c.pk,
                        "who": c.who,
                        "text": c.text,
                        "status": c.status,
                        # Words from a link (no author) are the family's: who they chose to share them with
                        # decides who reads them in the snapshot too.
                        "family": c.author_id is None,
                        "shared_with": [share.agency_id for share in c.shares.all() if share.withdrawn_at is None],
                    }
                    for c in section.contributions.all()
                    if c.status == Contribution.Status.ADDED
                ],
            }
        )
    return {"taken_at": timezone.now().isoformat(), "sections": sections}


@transaction.atomic
def review_hold(*, review: ReviewPoint, what_changed: str, next_due_on: date, by: User) -> ReviewPoint:
    """Record the review, keep a snapshot of the assessment as it is now, and agree the next date."""
    review = ReviewPoint.objects.select_for_update().get(pk=review.pk)
    if review.held_at is not None:
        raise AssessmentError("This review has already been held.")
    if not what_changed.strip():
        raise AssessmentError("Say what has changed since the last review.")
    if next_due_on <= timezone.localdate():
        raise AssessmentError("The next review must be in the future.")
    review.held_at = timezone.now()
    review.held_by = by
    review.what_changed = what_changed
    review.snapshot = snapshot(review.assessment)
    review.save(update_fields=["held_at", "held_by", "what_changed", "snapshot"])
    following = ReviewPoint.objects.create(assessment=review.assessment, due_on=next_due_on)
    audit.record(user=by, case=review.assessment.case, action=A.CHANGE, what=f"assessment reviewed; next {next_due_on}")
    return following


# The first full picture and the time between reviews


@transaction.atomic
def first_picture_reached(*, assessment: Assessment, by: User) -> Assessment:
    """The key worker marks that the first full picture has been reached (what the agreed timescale
    aims at). Marking it again changes nothing: the first time is the one that counts."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    case = assessment.case
    if case.is_closed:
        raise AssessmentError("The case is closed: reopen it to change its assessment.")
    if locked.first_picture_at is None:
        locked.first_picture_at = timezone.now()
        locked.save(update_fields=["first_picture_at"])
        audit.record(user=by, case=case, action=A.CHANGE, what="assessment: first full picture reached")
    assessment.first_picture_at = locked.first_picture_at
    return assessment


REVIEW_INTERVAL_WEEKS = (1, 26)


@transaction.atomic
def review_interval_change(*, assessment: Assessment, weeks: int, by: User) -> Assessment:
    """How many weeks apart this case's reviews are. The review already agreed keeps its date; the new
    interval sets the date offered at the next review."""
    low, high = REVIEW_INTERVAL_WEEKS
    if not low <= weeks <= high:
        raise AssessmentError(f"Reviews can be from {low} to {high} weeks apart.")
    case = assessment.case
    if case.is_closed:
        raise AssessmentError("The case is closed: reopen it to change its assessment.")
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.review_interval_weeks != weeks:
        before = locked.review_interval_weeks
        locked.review_interval_weeks = weeks
        locked.save(update_fields=["review_interval_weeks"])
        audit.record(user=by, case=case, action=A.CHANGE, what=f"assessment: weeks between reviews {before} -> {weeks}")
    assessment.review_interval_weeks = weeks
    return assessment
