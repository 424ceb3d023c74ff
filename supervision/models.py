"""Reflective supervision and management oversight: a team's manager meets each worker of the team, and
records the date, the cases they discussed, their reflections (how the worker is doing, what they need) and
directions for cases (what should happen next, by when).

The reflections are private: the worker and the team's managers read them (`supervision.access`), nobody
else, and they never appear on a case, in an export or in a PDF. A direction belongs to a case and is shown
on it to the people who hold the case and the team's managers (`cases.access.may_read_directions`)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Team
from cases.models import Case


class Supervision(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervisions")
    manager = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("date of the supervision"))
    cases = models.ManyToManyField(Case, verbose_name=_("cases discussed"), related_name="+", blank=True)
    reflections = models.TextField(_("reflections"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["team", "worker", "-held_on"], name="supervision_worker_idx")]

    def __str__(self):
        return f"Supervision of {self.worker_id} on {self.held_on}"


class Direction(models.Model):
    """What should happen next on a case, by when: given in supervision, done by the key worker."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="directions")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    what = models.TextField(_("what should happen next"))
    due_on = models.DateField(_("by when"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            # The flag of a list: a case's directions not done, past their date.
            models.Index(fields=["case", "due_on"], condition=models.Q(done_at__isnull=True), name="direction_open_idx")
        ]

    def __str__(self):
        return f"Direction on case {self.case_id} by {self.due_on}"

    @property
    def overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()
