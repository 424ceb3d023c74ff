from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case


class AuditEvent(models.Model):
    """Who looked at or changed what, and when. Written by cases/audit.py; never edited."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CREATE = "create", _("Added")
        CHANGE = "change", _("Changed")
        REMOVE = "remove", _("Removed")

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    case = models.ForeignKey(Case, null=True, on_delete=models.CASCADE, related_name="audit_events")
    action = models.CharField(max_length=10, choices=Action.choices)
    what = models.CharField(max_length=200)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.what}"
