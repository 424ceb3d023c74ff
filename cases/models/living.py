"""Where the young person lives, as a history: each move with its date, the kind of place, whether it is in
the council's area, whether it was planned or a placement breaking down, and why. The young person's
`living_situation` is where the latest move took them; the stability measures read the moves."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case
from .young_person import LivingSituation


class Move(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="moves")
    moved_on = models.DateField(_("date of the move"))
    to_kind = models.CharField(_("where they moved to"), max_length=20, choices=LivingSituation.choices)
    in_area = models.BooleanField(_("in the council's area"), default=True)
    planned = models.BooleanField(_("a planned move"), default=True)
    reason = models.TextField(_("why they moved"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-moved_on", "-pk"]
        indexes = [
            models.Index(fields=["case", "-moved_on"], name="move_case_idx"),
            # The team's stability figures count the moves in a period.
            models.Index(fields=["moved_on"], name="move_day_idx"),
        ]

    def __str__(self):
        return f"Move on {self.moved_on} to {self.to_kind}"
