from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case

RETURN_INTERVIEW_WITHIN = timedelta(hours=72)


class TimelineEntry(models.Model):
    """One thing that happened: a contact, a significant event or a missing episode.

    One table for all kinds keeps the timeline one query, filterable and paginated. A restricted entry
    (for example police intelligence) is seen only by the key worker, the team's managers and its author
    (cases/access/: `timeline_for`).
    """

    class Kind(models.TextChoices):
        CONTACT = "contact", _("Contact")
        EVENT = "event", _("Significant event")
        MISSING = "missing", _("Missing episode")

    class Method(models.TextChoices):
        VISIT = "visit", _("Visit")
        CALL = "call", _("Call")
        MESSAGE = "message", _("Message")
        MEETING = "meeting", _("Meeting")
        OTHER = "other", _("Other")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    occurred_at = models.DateTimeField(_("when"))
    summary = models.CharField(_("summary"), max_length=200)
    details = models.TextField(_("details"), blank=True)
    restricted = models.BooleanField(
        _("restricted"), default=False, help_text=_("Only the key worker, managers and you will see it.")
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    # Contacts
    method = models.CharField(_("how"), max_length=10, choices=Method.choices, blank=True)
    seen_alone = models.BooleanField(_("young person seen alone"), null=True, blank=True)
    their_words = models.TextField(_("what the young person said, in their words"), blank=True)

    # Missing episodes: occurred_at is when they went missing.
    returned_at = models.DateTimeField(_("when they were found or came back"), null=True, blank=True)
    where_found = models.CharField(_("where they were found"), max_length=200, blank=True)
    return_interview_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    return_interview_done_at = models.DateTimeField(_("return home interview done"), null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name_plural = _("timeline entries")
        indexes = [
            models.Index(fields=["case", "-occurred_at"]),
            # A case's first contact (the Ambitions meeting's clock, on the Cases page and in the reminders
            # run): the first entry of this index for the case, with no other kind to step over.
            models.Index(
                fields=["case", "occurred_at"], condition=models.Q(kind="contact"), name="timeline_contact_idx"
            ),
            # A case's missing episodes (the Cases page's and the case header's flags: the return home interview
            # due or overdue, and the episodes of the last 30 and 90 days), without stepping over its contacts.
            models.Index(
                fields=["case", "occurred_at"], condition=models.Q(kind="missing"), name="timeline_missing_idx"
            ),
            # Finding return home interviews coming due or overdue: one indexed query.
            models.Index(
                fields=["return_interview_due_at"],
                condition=models.Q(return_interview_done_at__isnull=True, return_interview_due_at__isnull=False),
                name="rhi_outstanding_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(returned_at__isnull=True) | models.Q(returned_at__gte=models.F("occurred_at")),
                name="returned_after_missing",
            )
        ]

    def __str__(self):
        return self.summary

    def save(self, *args, **kwargs):
        # The 72-hour clock starts when the episode ends; the database holds the date (it is queried).
        due = (
            self.returned_at + RETURN_INTERVIEW_WITHIN if self.kind == self.Kind.MISSING and self.returned_at else None
        )
        self.return_interview_due_at = due
        if "update_fields" in kwargs and kwargs["update_fields"] is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "return_interview_due_at"}
        super().save(*args, **kwargs)

    @property
    def return_interview_outstanding(self) -> bool:
        return self.return_interview_due_at is not None and self.return_interview_done_at is None

    @property
    def return_interview_overdue(self) -> bool:
        due = self.return_interview_due_at
        return self.return_interview_outstanding and due is not None and due < timezone.now()

    @property
    def return_interview_hours_left(self) -> int | None:
        """Whole hours until the return home interview is due (negative once it is overdue), or None when
        none is outstanding."""
        due = self.return_interview_due_at
        if not self.return_interview_outstanding or due is None:
            return None
        return int((due - timezone.now()).total_seconds() // 3600)
