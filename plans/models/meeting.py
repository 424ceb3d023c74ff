"""Meetings that make and review the family plan, shaped by the young person: where, when, who comes and
who does not, their part in it, an advocate, and what is talked about first. Their choices are kept as
they gave them; an organiser who cannot follow one records why (`ChoiceOverride`), and the young person
can read it."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, NetworkMember


class Meeting(models.Model):
    class Kind(models.TextChoices):
        AMBITIONS = "ambitions", _("Ambitions meeting")
        SAFETY = "safety", _("My Safety Plan meeting")
        REVIEW = "review", _("Plan review meeting")
        NETWORK = "network", _("Network meeting")
        OTHER = "other", _("Other meeting")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Role(models.TextChoices):
        NOT_SAID = "", _("Not said yet")
        CHAIR = "chair", _("Chair the meeting")
        CO_CHAIR = "co_chair", _("Chair it with someone")
        ATTEND = "attend", _("Just be there")
        NOT_ATTEND = "not_attend", _("Not be there, and have my views shared")

    class ViewsBy(models.TextChoices):
        OWN = "own", _("In their own words")
        ADVOCATE = "advocate", _("Given by their advocate")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("what it is called"), max_length=150, blank=True)
    starts_at = models.DateTimeField(_("when"))
    minutes = models.PositiveSmallIntegerField(_("how long, in minutes"), default=60)
    place = models.CharField(_("where"), max_length=200)
    organiser = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    # Calendar identity: every update and the cancellation carry the same UID with a higher SEQUENCE.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0)

    # The young person's choices, in their words.
    chosen_place = models.CharField(_("where they would like it"), max_length=200, blank=True)
    chosen_time = models.CharField(_("when suits them"), max_length=200, blank=True)
    wanted = models.TextField(_("who they want there"), blank=True)
    not_wanted = models.TextField(_("who they do not want there"), blank=True)
    role = models.CharField(_("their part in it"), max_length=10, choices=Role.choices, blank=True)
    advocate_wanted = models.BooleanField(_("they want an advocate to speak for them"), default=False)
    advocate_name = models.CharField(_("their advocate"), max_length=150, blank=True)
    talk_first = models.TextField(_("what they want talked about first"), blank=True)
    choices_by = models.CharField(max_length=150, blank=True)
    choices_at = models.DateTimeField(null=True, blank=True)

    # What happened, recorded after the meeting.
    held_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    young_persons_views = models.TextField(_("the young person's views"), blank=True)
    views_by = models.CharField(max_length=10, choices=ViewsBy.choices, default=ViewsBy.OWN)
    professional_views = models.TextField(_("professional views"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    family_summary = models.TextField(_("summary for the young person and family"), blank=True)

    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("why it is cancelled"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [
            # The reminder task finds planned meetings starting soon with one query on this.
            models.Index(fields=["starts_at"], condition=models.Q(status="planned"), name="meeting_planned_idx"),
            models.Index(fields=["case", "kind", "status"]),
        ]

    def __str__(self):
        return self.title or str(self.get_kind_display())

    @property
    def name(self) -> str:
        return str(self)

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def has_choices(self) -> bool:
        return self.choices_at is not None


class Attendee(models.Model):
    class Attendance(models.TextChoices):
        NOT_RECORDED = "", _("Not recorded")
        CAME = "came", _("Came")
        APOLOGIES = "apologies", _("Sent apologies")
        DID_NOT_COME = "did_not_come", _("Did not come")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendees")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("who they are"), max_length=150, blank=True)
    email = models.EmailField(_("email for the invitation"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    network_member = models.ForeignKey(
        NetworkMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attendance = models.CharField(max_length=15, choices=Attendance.choices, blank=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class ChoiceOverride(models.Model):
    """An organiser could not follow one of the young person's choices, and says why: they can read it."""

    class Choice(models.TextChoices):
        PLACE = "place", _("Where")
        TIME = "time", _("When")
        WHO = "who", _("Who comes")
        ROLE = "role", _("Their part in it")
        ADVOCATE = "advocate", _("An advocate")
        FIRST = "first", _("What is talked about first")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="overrides")
    choice = models.CharField(max_length=10, choices=Choice.choices)
    reason = models.TextField(_("why"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_choice_display()}: {self.reason[:40]}"
