"""The level of concern about a young person, as professional judgement with its history, and the warning
signs noticed, as facts with their dates (never a score).

Each change of the level is a new row (who, when, why, what is being done): nothing is overwritten, and the
current level is the newest row. A warning sign is kept as spells: noticed on a date and, later, perhaps no
longer seen from a date; seen again later, it is a new spell."""

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Case


class RiskLevel(models.TextChoices):
    """The team's labels for the level of concern: said here once, lowest first (the order is the rank)."""

    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    VERY_HIGH = "very_high", _("Very high")

    @classmethod
    def rank(cls, value: str | None) -> int:
        """Lowest first; no level recorded is below them all."""
        return -1 if value is None else list(cls.values).index(value)

    @classmethod
    def calls_for_safety_meeting(cls, value: str) -> bool:
        """A rise to one of these levels calls for a My Safety Plan meeting and tells the team's managers."""
        return value in (cls.HIGH, cls.VERY_HIGH)


class RiskChange(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="risk_changes")
    level = models.CharField(_("level of concern"), max_length=20, choices=RiskLevel.choices)
    previous_level = models.CharField(max_length=20, choices=RiskLevel.choices, blank=True)
    why = models.TextField(_("why"))
    doing = models.TextField(_("what is being done"))
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["case", "-changed_at"], name="risk_change_case_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=RiskLevel.values), name="risk_change_level_known"),
        ]

    def __str__(self):
        return f"Risk {self.level} on {self.changed_at:%Y-%m-%d}"

    @property
    def is_rise(self) -> bool:
        return RiskLevel.rank(self.level) > RiskLevel.rank(self.previous_level or None)

    @property
    def calls_for_safety_meeting(self) -> bool:
        return self.is_rise and RiskLevel.calls_for_safety_meeting(self.level)


def with_current_level(cases: QuerySet, user=None) -> QuerySet:
    """Adds `risk_level` and `risk_since` (the newest change's level and time) to each case: two subqueries
    in the same query, however many cases. Registered in `cases.flags` (the level is not restricted: anyone
    who sees the case sees it)."""
    newest = RiskChange.objects.filter(case=OuterRef("pk")).order_by("-changed_at", "-pk")
    return cases.annotate(
        risk_level=Subquery(newest.values("level")[:1]),
        risk_since=Subquery(newest.values("changed_at")[:1]),
    )


class WarningSign(models.Model):
    """One spell of a warning sign: noticed on a date, and perhaps later no longer seen."""

    class Sign(models.TextChoices):
        MISSING = "missing", _("Going missing")
        OLDER_FRIENDS = "older_friends", _("Older \u201cboyfriend\u201d or friends")
        GIFTS = "gifts", _("Gifts or money")
        NEW_PHONE = "new_phone", _("New phone")
        ONLINE = "online", _("Online contact with strangers")
        DRUGS_ALCOHOL = "drugs_alcohol", _("Drugs or alcohol")
        OUT_LATE = "out_late", _("Staying out late")
        SCHOOL = "school", _("Change of school attendance")
        SEXUAL_HEALTH = "sexual_health", _("Sexual health concerns")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="warning_signs")
    sign = models.CharField(max_length=20, choices=Sign.choices)
    noticed_on = models.DateField(_("date noticed"))
    noticed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    noticed_recorded_at = models.DateTimeField(default=timezone.now)
    ended_on = models.DateField(_("no longer seen from"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    ended_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sign", "-noticed_on", "-pk"]
        indexes = [models.Index(fields=["case", "sign"], name="warning_sign_case_idx")]
        constraints = [
            # A sign is seen now, or not: never two spells of the same sign still going on.
            models.UniqueConstraint(
                fields=["case", "sign"], condition=Q(ended_on__isnull=True), name="one_open_spell_per_sign"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("noticed_on")), name="sign_ends_after_noticed"
            ),
        ]

    def __str__(self):
        return f"{self.sign} noticed {self.noticed_on}"

    @property
    def seen_now(self) -> bool:
        return self.ended_on is None


# The Cases page's filter: a level, or no level recorded yet.
NO_LEVEL = "none"


def at_level(cases: QuerySet, level: str) -> QuerySet:
    """The cases whose level of concern is now `level` (or, for NO_LEVEL, has never been recorded): a
    condition in the same query, however many cases."""
    newest = RiskChange.objects.filter(case=OuterRef("pk")).order_by("-changed_at", "-pk").values("level")[:1]
    cases = cases.annotate(level_now=Subquery(newest))
    return cases.filter(level_now__isnull=True) if level == NO_LEVEL else cases.filter(level_now=level)
