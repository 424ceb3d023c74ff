from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case
from .referral import Referral


class AuditEvent(models.Model):
    """Who looked at or changed what, and when. Written only by cases/audit.py; never changed or removed.

    Each entry carries the hash of the entry before it and its own hash (over that and its own fields),
    so that an entry changed or removed afterwards shows up in `manage.py audit_verify`. On PostgreSQL a
    trigger refuses UPDATE and DELETE on the table (migration 0007). Because nothing may be deleted, the
    people and cases an entry names are protected: accounts end by being deactivated, never deleted.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Added")
        CHANGE = "change", _("Changed")
        REMOVE = "remove", _("Removed")

    # Set by cases/audit.py before the hash is taken (not auto_now_add, which would set it after).
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, null=True, on_delete=models.PROTECT, related_name="audit_events")
    referral = models.ForeignKey(Referral, null=True, on_delete=models.PROTECT, related_name="audit_events")
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=200)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"])]
        constraints = [
            # The chain cannot fork: two entries can never follow the same one, whatever wrote them.
            models.UniqueConstraint(fields=["prev_hash"], name="audit_one_entry_after_each"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.what}"

    def save(self, *args, **kwargs):
        # The database refuses changes on PostgreSQL; this says so earlier, and on SQLite too.
        if not self._state.adding:
            raise ValueError("Audit entries are never changed.")
        super().save(*args, **kwargs)
