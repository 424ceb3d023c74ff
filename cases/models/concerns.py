"""The team's register of persons, places, vehicles and online accounts of concern (the things a MACE
meeting shares), each linked to the cases where it appears with the date and the source of the information.

An entry belongs to a team, not to a case: the same older male or flat appears in several young people's
lives, and seeing that is the point. Who reads the register, and which of an entry's links they see, is
decided in `cases.access.concerns`: a link is shown only with a case the reader may see.

A link is never deleted: it records information the team was given, on a date, from a source. A link made
by mistake is corrected by saying so on the entry (and the audit keeps who made it)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Team

from .case import Case


class ConcernKind(models.TextChoices):
    PERSON = "person", _("Person")
    PLACE = "place", _("Place")
    VEHICLE = "vehicle", _("Vehicle")
    ONLINE = "online", _("Online account")


class ConcernEntry(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="concerns")
    kind = models.CharField(_("kind"), max_length=20, choices=ConcernKind.choices)
    name = models.CharField(_("name or description"), max_length=150)
    details = models.TextField(_("details"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name_plural = _("concern entries")
        indexes = [models.Index(fields=["team", "kind", "name"], name="concern_team_kind_idx")]

    def __str__(self):
        return self.name


class ConcernLink(models.Model):
    """One case where an entry appears: when the information was given, where from, and who recorded it."""

    entry = models.ForeignKey(ConcernEntry, on_delete=models.PROTECT, related_name="links")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="concern_links")
    noticed_on = models.DateField(_("date of the information"))
    source = models.CharField(_("source of the information"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-noticed_on", "-pk"]
        constraints = [
            # Its index starts with the case: a case's entries (the case's concerns panel).
            models.UniqueConstraint(fields=["case", "entry"], name="one_concern_link_per_case"),
        ]
        # The other way round: an entry's cases (the entry's page, the register's counts, the map).
        indexes = [models.Index(fields=["entry", "case"], name="concern_link_entry_idx")]

    def __str__(self):
        return f"{self.entry} on case {self.case_id}"
