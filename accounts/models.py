from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

# How many open cases an ACT team holds (about 30, from the co-design report): the default of every team's
# capacity, which its managers see each worker's caseload against when they allocate.
DEFAULT_CASE_CAPACITY = 30


class Team(models.Model):
    """An ACT team. Its managers (members whose role is manager) see every case of the team."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    local_authority = models.CharField(_("local authority"), max_length=100)
    case_capacity = models.PositiveIntegerField(_("case capacity"), default=DEFAULT_CASE_CAPACITY)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class PartnerAgency(models.Model):
    class Kind(models.TextChoices):
        POLICE = "police", _("Police")
        HEALTH = "health", _("Health")
        CAMHS = "camhs", _("CAMHS")
        SCHOOL = "school", _("School or college")
        DRUG_ALCOHOL = "drug_alcohol", _("Drug and alcohol service")
        SOCIAL_CARE = "social_care", _("Children's social care")
        VOLUNTARY = "voluntary", _("Voluntary sector")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("partner agencies")

    def __str__(self):
        return self.name


class User(AbstractUser):
    class Role(models.TextChoices):
        ACT_WORKER = "act_worker", _("ACT worker")
        MANAGER = "manager", _("Manager")
        PLAN_COORDINATOR = "plan_coordinator", _("Plan coordinator")
        PARTNER = "partner", _("Partner agency worker")
        ADMINISTRATOR = "administrator", _("Administrator")

    class CoordinatorKind(models.TextChoices):
        INNOVATION_SOCIAL_WORKER = "innovation_sw", _("Innovation social worker")
        IRO = "iro", _("Independent reviewing officer")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.ACT_WORKER)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    agency = models.ForeignKey(
        PartnerAgency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workers",
    )
    coordinator_kind = models.CharField(
        _("coordinator kind"), max_length=20, choices=CoordinatorKind.choices, blank=True
    )
    job_title = models.CharField(_("job title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Raised by "Sign out everywhere". It is part of the session hash (below), so every session made
    # before the raise fails Django's own check on its next request and ends.
    session_generation = models.PositiveIntegerField(_("session generation"), default=0, editable=False)
    # The kinds of notification ("rhi-due", "allocated", ...) this person does not want by email (they are
    # always in the app). Empty: everything comes by email too, so nobody misses anything by default.
    emails_off = models.JSONField(_("kinds not emailed"), default=list, blank=True)

    class Meta:
        ordering = ["first_name", "last_name", "username"]
        constraints = [
            models.CheckConstraint(
                name="partner_has_agency",
                condition=~models.Q(role="partner") | models.Q(agency__isnull=False),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_session_auth_hash(self) -> str:
        return self._session_hash()

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret)

    def _session_hash(self, secret=None) -> str:
        # Django's hash is of the password hash alone (a new password ends the other sessions); the
        # generation is mixed in once raised, so sessions made before it was raised no longer match.
        # At generation 0 the hash is Django's own: adding the field signed nobody out.
        value = self.password if not self.session_generation else f"{self.password}:{self.session_generation}"
        salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(salt, value, secret=secret, algorithm="sha256").hexdigest()

    @property
    def is_manager(self) -> bool:
        return self.role == self.Role.MANAGER

    @property
    def is_partner(self) -> bool:
        return self.role == self.Role.PARTNER


class Notification(models.Model):
    """A message to one member of staff, shown in the header's count and on their notifications page,
    and emailed once. `key` names what it is about ("review-overdue:12"): a person gets at most one
    notification per key, which is what makes reminders impossible to send twice. `kind` is the key's part
    before the colon: what the email says, and what a person may choose not to have by email."""

    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=100)
    kind = models.CharField(max_length=40, blank=True)
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    urgent = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Marked done by its recipient: it moves out of the way on their page (and out of the header's count).
    done_at = models.DateTimeField(null=True, blank=True)
    # When its email was dealt with: sent, or not sent because the person has no address or chose not to
    # have this kind by email. Either way it is never looked at for email again.
    emailed_at = models.DateTimeField(null=True, blank=True)
    # When a reminders run took it to email (before sending, so that two runs never both send it). A run that
    # stops between taking and sending (its worker killed) leaves it taken but not emailed: once the taking is
    # older than settings.EMAIL_TAKEN_LAPSE_SECONDS, a later run takes it again, so it is never lost.
    email_taken_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="one_notification_per_key")]
        indexes = [
            models.Index(fields=["recipient"], condition=models.Q(read_at__isnull=True), name="unread_idx"),
            models.Index(fields=["created_at"], condition=models.Q(emailed_at__isnull=True), name="unemailed_idx"),
            models.Index(
                fields=["recipient", "-urgent", "-created_at"],
                condition=models.Q(done_at__isnull=True),
                name="not_done_idx",
            ),
        ]

    def __str__(self):
        return self.message
