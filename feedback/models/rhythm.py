"""When a young person or a parent or carer is asked how they are (a check-in) or what they think of the
help they get (feedback): how often, on which day and between which hours, and how (in their space only,
by email or by text). The database holds the next time each is due; a periodic task sends what is due,
once (`Request` is unique per rhythm and due time), and never outside their chosen hours."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Person, SharedLink


class Kind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    FEEDBACK = "feedback", _("Feedback")


class Rhythm(models.Model):
    class Channel(models.TextChoices):
        NONE = "", _("Not sent: in their space, or with their worker")
        EMAIL = "email", _("Email")
        TEXT = "text", _("Text message")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="rhythms")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    person = models.CharField(max_length=20, choices=Person.choices)
    person_name = models.CharField(_("name"), max_length=150, blank=True)
    every_days = models.PositiveSmallIntegerField(_("how often, in days"))
    weekday = models.PositiveSmallIntegerField(_("on which day"), choices=Weekday.choices)
    # Local times (settings.TIME_ZONE): nothing is sent before `earliest` or after `latest` on that day.
    earliest = models.TimeField(_("not before"))
    latest = models.TimeField(_("not after"))
    # Feedback only: also ask after each meeting that was held.
    after_meetings = models.BooleanField(_("also after each meeting"), default=False)
    channel = models.CharField(_("how they are asked"), max_length=5, choices=Channel.choices, blank=True)
    # Their email address or mobile number: staff-only, never shown on any page they see, never in the audit.
    address = models.CharField(_("email address or mobile number"), max_length=254, blank=True)
    next_due_at = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case", "kind", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(every_days__gte=1), name="rhythm_every_day_or_more"),
            models.CheckConstraint(condition=models.Q(earliest__lt=models.F("latest")), name="rhythm_hours_in_order"),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="rhythm_weekday_known"),
            # One live rhythm per person and kind: setting it again stops the old one first.
            models.UniqueConstraint(
                fields=["case", "kind", "person", "person_name"],
                condition=models.Q(stopped_at__isnull=True),
                name="one_live_rhythm",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} every {self.every_days} days"


class Request(models.Model):
    """One asking: made exactly once for a rhythm's due time (or for a meeting held), then sent (if they
    chose to be sent messages) through a one-thing link made for it, and answered at most once."""

    rhythm = models.ForeignKey(Rhythm, on_delete=models.CASCADE, related_name="requests")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_at = models.DateTimeField()
    # The meeting (plans) this feedback asks about, by pk: `feedback` does not import `plans`.
    meeting_id = models.PositiveIntegerField(null=True, blank=True)
    made_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)
    link = models.ForeignKey(SharedLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-due_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["rhythm", "due_at"], name="one_request_per_due_time"),
            models.UniqueConstraint(
                fields=["rhythm", "meeting_id"],
                condition=models.Q(meeting_id__isnull=False),
                name="one_request_per_meeting",
            ),
        ]
        indexes = [models.Index(fields=["sent_at", "answered_at"], name="request_unsent_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} due {self.due_at:%Y-%m-%d %H:%M}"
