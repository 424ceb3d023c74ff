"""Writes to an assessment's parts: opening the assessment, everyone's words (versioned, refused when
stale), the family's choice of who else reads their words, and the worker's judgement."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import audit
from cases.models import AuditEvent, Case

from .. import notices
from ..models import Assessment, Contribution, ContributionShare, ReviewPoint, Revision, Section
from ..sections import SectionKind

Action = AuditEvent.Action


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


def refuse_if_closed(case: Case) -> None:
    """A closed case's assessment stays as it was. (The pages ask the access policy for an open case first;
    this keeps the rule for every other caller.)"""
    if case.is_closed:
        raise AssessmentError(_("The case is closed: reopen it to change its assessment."))


def _record_change(*, section: Section, by: User | None, what: str) -> None:
    """A change to one part of the assessment, in the case's audit."""
    audit.record(user=by, case=section.assessment.case, action=Action.CHANGE, what=f"assessment: {what}")


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
        raise AssessmentError(_("This has already been added to the assessment."))
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
    notices.words_sent(contribution=contribution)
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
        section = contribution.section
        _record_change(
            section=section, by=None, what=f"{label} changed which partner agencies may read their words in {section}"
        )
    return wanted


@transaction.atomic
def contribution_add(*, contribution: Contribution, by: User) -> Contribution:
    """The worker has read it and adds it to the assessment."""
    if contribution.status == Contribution.Status.ADDED:
        return contribution
    if not contribution.text.strip():
        raise AssessmentError(_("There is nothing written yet."))
    contribution.status = Contribution.Status.ADDED
    contribution.added_at = timezone.now()
    contribution.added_by = by
    contribution.save(update_fields=["status", "added_at", "added_by"])
    _record_change(
        section=contribution.section, by=by, what=f"added {contribution.who}'s words to {contribution.section}"
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
    _record_change(section=section, by=by, what=f"judgement on {section}")
    return section
