from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Team


class ReferralImport(models.Model):
    """A CSV file of referrals exported by the council's system, checked and imported in the background.

    The file's text is kept (decoded at upload) so the worker can read it; `problems` holds every bad row
    as {"line": n, "message": "..."}. Nothing is imported while any row is bad, unless the person chose to
    import only the good rows.

    The text is about children and is not needed once the import is over: it is deleted (emptied, with
    `content_deleted_at` set) REFERRAL_IMPORT_RETENTION_DAYS after the upload, by a daily task
    (cases.tasks.remove_old_import_files). The import itself and its summary stay.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking")
        CHECKED = "checked", _("Checked")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        CANCELLED = "cancelled", _("Cancelled")
        FAILED = "failed", _("Failed")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    content = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    good_rows = models.PositiveIntegerField(default=0)
    imported_rows = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)
    only_good_rows = models.BooleanField(default=False)
    finished_at = models.DateTimeField(null=True, blank=True)
    failure = models.TextField(blank=True)
    content_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # What the retention task looks for: imports whose text is still kept, oldest first.
            models.Index(
                fields=["created_at"], name="import_text_still_kept", condition=models.Q(content_deleted_at=None)
            ),
        ]

    def __str__(self):
        return self.file_name

    @property
    def retention_days(self) -> int:
        """How long the file's text is kept, for the page that says it was deleted."""
        return settings.REFERRAL_IMPORT_RETENTION_DAYS
