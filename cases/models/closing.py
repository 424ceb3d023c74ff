"""Closing a case with the manager's agreement: the key worker asks (why, the outcome, and a closing summary
in plain words for the young person); the team's manager agrees, and the case closes, or sends it back with a
comment. A manager may also close a case directly: that is kept here too, already agreed, so that every
closing has its summary in one place."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case, CloseOutcome


class CloseRequest(models.Model):
    class State(models.TextChoices):
        ASKED = "asked", _("Waiting for the manager")
        AGREED = "agreed", _("Agreed: the case closed")
        SENT_BACK = "sent_back", _("Sent back")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="close_requests")
    reason = models.TextField(_("why the case is closing"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=CloseOutcome.choices)
    summary = models.TextField(_("closing summary for the young person"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ASKED)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    comment = models.TextField(_("the manager's comment"), blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(state="asked"), name="one_open_close_request")
        ]

    def __str__(self):
        return f"Closing of case {self.case_id}: {self.state}"

    @property
    def waiting(self) -> bool:
        return self.state == self.State.ASKED
