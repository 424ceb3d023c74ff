"""Consent to share information with partner agencies: who gave it (or that it was refused), when, on what
basis, and which kinds of agency it leaves out. Each recording is a new row: the latest is what holds now, and
every earlier one is kept."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import PartnerAgency

from .case import Case


class Consent(models.Model):
    class Basis(models.TextChoices):
        CONSENT = "consent", _("They agreed to share")
        REFUSED = "refused", _("They did not agree to share")
        SAFEGUARDING = (
            "safeguarding",
            _("Sharing without consent, to protect a child from significant harm (safeguarding)"),
        )
        LEGAL_DUTY = "legal_duty", _("Sharing without consent because of a legal duty or a court order")

    class GivenBy(models.TextChoices):
        YOUNG_PERSON = "young_person", _("The young person")
        PARENT_CARER = "parent_carer", _("A parent or carer")
        BOTH = "both", _("The young person and a parent or carer")
        NOBODY = "", _("Nobody: it is not consent")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    basis = models.CharField(_("the basis for sharing"), max_length=20, choices=Basis.choices)
    given_by = models.CharField(_("who said so"), max_length=20, choices=GivenBy.choices, blank=True)
    given_on = models.DateField(_("when"))
    # Kinds of partner agency (accounts.PartnerAgency.Kind) left out of the sharing.
    excludes = models.JSONField(_("agencies it leaves out"), default=list, blank=True)
    notes = models.CharField(_("anything to add"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [models.Index(fields=["case", "-recorded_at"], name="consent_case_idx")]

    def __str__(self):
        return f"{self.get_basis_display()} on {self.given_on}"

    @property
    def allows_sharing(self) -> bool:
        return self.basis != self.Basis.REFUSED

    def excluded_names(self) -> list[str]:
        labels = dict(PartnerAgency.Kind.choices)
        return [str(labels.get(kind, kind)) for kind in self.excludes]
