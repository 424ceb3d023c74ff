"""The continuous joint assessment of a case: sections with everyone's contributions, the worker's
judgement, its history, the timescale agreed with the manager, review points, and what a shared link to
a section opens."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import PartnerAgency
from cases.models import Case, NetworkMember, SharedLink

from .sections import Audience, SectionKind


class Assessment(models.Model):
    """Every accepted case has one. It never finishes: it stays open, with review points."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="assessment")
    review_interval_weeks = models.PositiveSmallIntegerField(_("weeks between reviews"), default=6)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the key worker marked the first full picture as reached (the agreed timescale's aim).
    first_picture_at = models.DateTimeField(null=True, blank=True)
    # The target date of the latest timescale the manager agreed or changed, kept here by the decision
    # (services.timescale_decide): the Cases page and the case header read it with the assessment, found by
    # its case, instead of sorting every case's timescale versions for the latest decided one.
    agreed_target_on = models.DateField(null=True, blank=True, editable=False)

    def __str__(self):
        return f"Assessment of case {self.case_id}"

    @property
    def review_interval(self) -> timedelta:
        return timedelta(weeks=self.review_interval_weeks)


class Section(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(max_length=20, choices=SectionKind.choices)
    position = models.PositiveSmallIntegerField()
    # The key worker's professional judgement, in words: no scores.
    judgement_going_well = models.TextField(_("What is going well"), blank=True)
    judgement_worries = models.TextField(_("What worries you"), blank=True)
    judgement_why = models.TextField(_("Why: what your judgement rests on"), blank=True)
    judgement_version = models.PositiveIntegerField(default=0)
    judgement_updated_at = models.DateTimeField(null=True, blank=True)
    judgement_updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "kind"], name="one_section_of_each_kind")]

    def __str__(self):
        return self.get_kind_display()


class Contribution(models.Model):
    """One person's words in one section. `version` grows with every save: a save based on an older
    version is refused (nobody silently overwrites anyone)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being written")
        SENT = "sent", _("Sent to the worker")
        ADDED = "added", _("Added to the assessment")

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="contributions")
    contributor = models.CharField(max_length=20, choices=Audience.choices)
    contributor_name = models.CharField(_("name"), max_length=150, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    added_at = models.DateTimeField(null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["section", "status"])]

    def __str__(self):
        return f"{self.get_contributor_display()}: {self.contributor_name}"

    @property
    def who(self) -> str:
        if self.contributor_name:
            return f"{self.contributor_name} ({self.get_contributor_display()})"
        return str(self.get_contributor_display())


class ContributionShare(models.Model):
    """A young person's or family member's choice to let a partner agency on the case read one part they
    wrote. Without one, their words reach no partner agency. Withdrawing keeps the row (when it was shared
    and when withdrawn); sharing again adds a new one."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="shares")
    agency = models.ForeignKey(PartnerAgency, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["shared_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "agency"], condition=models.Q(withdrawn_at__isnull=True), name="one_live_share"
            )
        ]

    def __str__(self):
        return f"{self.contribution_id} shared with {self.agency_id}"


class Revision(models.Model):
    """Every change to a section: a contribution's text or the worker's judgement, who made it and when."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="revisions")
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField()
    content = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_by_label = models.CharField(max_length=200)
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.changed_by_label} at {self.changed_at:%Y-%m-%d %H:%M}"


class TimescaleAgreement(models.Model):
    """The time agreed for getting to know the young person, the engagement strategy and the target date
    for the first full picture. Each proposal and each decision is a new row: every version is kept."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed by the key worker")
        AGREED = "agreed", _("Agreed by the manager")
        CHANGED = "changed", _("Changed by the manager")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="timescales")
    getting_to_know_weeks = models.PositiveSmallIntegerField(_("weeks for getting to know each other"))
    engagement_strategy = models.TextField(_("engagement strategy"))
    target_date = models.DateField(_("target date for the first full picture"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    comment = models.TextField(_("manager's comment"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_status_display()} {self.target_date}"


class ReviewPoint(models.Model):
    """An agreed date to review the assessment. When held, it keeps a snapshot of what the assessment
    said then, and the next one is agreed."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    due_on = models.DateField(_("review date"))
    held_at = models.DateTimeField(null=True, blank=True)
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    what_changed = models.TextField(_("what has changed"), blank=True)
    snapshot = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            # The reminder task finds reviews coming due or overdue with one query on this index.
            models.Index(fields=["due_on"], condition=models.Q(held_at__isnull=True), name="review_open_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment"], condition=models.Q(held_at__isnull=True), name="one_open_review"
            )
        ]

    def __str__(self):
        return f"Review due {self.due_on}"


class SectionLink(models.Model):
    """What a shared link to a part of the assessment opens: its section, and the words of that person it
    opens now (after they send them, writing more starts new words, which the link then opens). The link
    itself, with its token, passcode and uses, is the case's (`cases.models.SharedLink`, purpose
    "section", target = the section)."""

    link = models.OneToOneField(SharedLink, primary_key=True, on_delete=models.CASCADE, related_name="section_link")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="links")
    contribution = models.ForeignKey(
        Contribution, null=True, blank=True, on_delete=models.CASCADE, related_name="links"
    )
    # For someone close to the young person: who in the network they were invited as (a member is never
    # deleted, only marked removed, so the link always says where it came from). Empty for the young person
    # and a parent or carer.
    member = models.ForeignKey(
        NetworkMember, null=True, blank=True, on_delete=models.PROTECT, related_name="section_links"
    )

    def __str__(self):
        return f"{self.link} to {self.section}"
