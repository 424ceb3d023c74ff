from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from accounts.models import Team

from .young_person import YoungPerson


class Stage(models.TextChoices):
    GETTING_TO_KNOW = "getting_to_know", _("Getting to know each other")
    ASSESSMENT = "assessment", _("Assessment and planning")
    SUPPORT = "support", _("Support")
    MOVING_ON = "moving_on", _("Moving on")
    CLOSED = "closed", _("Closed")


class CloseOutcome(models.TextChoices):
    GOALS_MET = "goals_met", _("Goals the young person set were met")
    RISK_REDUCED = "risk_reduced", _("Risk reduced, support continues elsewhere")
    MOVED_AWAY = "moved_away", _("Moved out of the area")
    DECLINED = "declined", _("Young person or family chose to stop")
    TRANSFERRED = "transferred", _("Transferred to another service")
    OTHER = "other", _("Other")


class Case(models.Model):
    """A young person's case. Everything else in the record belongs to a case, and access is
    decided on the case (see cases/access/)."""

    young_person = models.ForeignKey(YoungPerson, on_delete=models.PROTECT, related_name="cases")
    team = models.ForeignKey(Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="cases")
    key_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("key worker"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="key_worker_cases",
    )
    plan_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("plan coordinator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="coordinated_cases",
    )
    # The co-working children's social worker is often outside this system: kept as contact details.
    social_worker_name = models.CharField(_("co-working social worker"), max_length=150, blank=True)
    social_worker_contact = models.CharField(_("social worker's phone or email"), max_length=200, blank=True)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.GETTING_TO_KNOW)
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    close_reason = models.TextField(_("why the case closed"), blank=True)
    close_outcome = models.CharField(_("outcome"), max_length=20, choices=CloseOutcome.choices, blank=True)

    class Meta:
        ordering = ["-opened_at", "pk"]
        permissions = [("contribute_case", "Can contribute to the case")]
        indexes = [models.Index(fields=["team", "stage"])]

    def __str__(self):
        return str(self.young_person)

    @property
    def is_closed(self) -> bool:
        return self.stage == Stage.CLOSED


class KeyWorkerSpell(models.Model):
    """Who was the key worker, from when to when: continuity matters to young people."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="key_worker_spells")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(ended_at__isnull=True), name="one_current_key_worker"
            )
        ]

    def __str__(self):
        return f"{self.worker} from {self.started_at:%d %b %Y}"


class StageChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.from_stage or 'new'} to {self.to_stage}"


class CaseLink(models.Model):
    """Two cases linked, for example friends who go missing together. Stored once per pair, with the
    lower id first; shown only to someone who may see both cases."""

    case_a = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    case_b = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("why they are linked"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case_a", "case_b"], name="one_link_per_pair"),
            models.CheckConstraint(condition=models.Q(case_a__lt=models.F("case_b")), name="link_ordered"),
        ]

    def __str__(self):
        return f"{self.case_a_id} and {self.case_b_id}"

    def other(self, case: "Case") -> "Case":
        return self.case_b if self.case_a_id == case.pk else self.case_a


class CaseUserObjectPermission(UserObjectPermissionBase):
    """django-guardian's per-case grants to people, in a table of their own (a real foreign key)."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)
