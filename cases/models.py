from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import Team


class Case(models.Model):
    """A young person's case. Everything else in the record belongs to a case, and access is
    decided on the case (see cases/access.py)."""

    young_person_name = models.CharField(_("young person's name"), max_length=150)
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="cases")
    key_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("key worker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="key_worker_cases",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["young_person_name", "pk"]
        permissions = [("contribute_case", "Can contribute to the case")]

    def __str__(self):
        return self.young_person_name


class CaseUserObjectPermission(UserObjectPermissionBase):
    """django-guardian's per-case grants to people, in a table of their own (a real foreign key)."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    """Per-case grants to groups: the team's managers."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)
