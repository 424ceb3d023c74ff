from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timesince
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Team

from ..working_days import add_working_days, working_days_between
from .case import Case
from .young_person import LivingSituation, YoungPerson


class Worry(models.TextChoices):
    EXPLOITATION = "exploitation", _("Exploitation")
    MISSING = "missing", _("Going missing")
    ONLINE = "online", _("Online contact with adults")
    OLDER_PEERS = "older_peers", _("Older peers")
    SUBSTANCES = "substances", _("Substance use")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    FAMILY = "family", _("Family difficulties")
    EDUCATION = "education", _("Education")
    OTHER = "other", _("Other")


class Awareness(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("Not sure")


class ShareConsent(models.TextChoices):
    """What the referrer knows of consent to share with partner agencies; the case starts from it."""

    NOT_ASKED = "", _("Not asked yet")
    YOUNG_PERSON = "young_person", _("Yes, the young person agreed")
    PARENT_CARER = "parent_carer", _("Yes, a parent or carer agreed")
    BOTH = "both", _("Yes, the young person and a parent or carer agreed")
    REFUSED_YOUNG_PERSON = "refused_young_person", _("No, the young person did not agree")
    REFUSED_PARENT_CARER = "refused_parent_carer", _("No, a parent or carer did not agree")


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    SOON = "soon", _("Soon: within a week")
    URGENT = "urgent", _("Urgent: today")


# The manager decides a referral within one working day of receiving it (England's bank holidays are not
# working days: cases/working_days.py).
DECISION_TARGET_WORKING_DAYS = 1


@dataclass(frozen=True)
class ReferralWait:
    """How long a referral has waited for a decision, against the decision target, in plain words."""

    received_at: datetime
    due_at: datetime
    now: datetime

    @property
    def overdue(self) -> bool:
        return self.now > self.due_at

    @property
    def working_days_over(self) -> int:
        return working_days_between(self.due_at, self.now) if self.overdue else 0

    @property
    def waiting(self) -> str:
        """ "Waiting 3 hours", "Waiting 2 days": the time since it was received, to its largest unit."""
        if self.now - self.received_at < timedelta(minutes=1):
            return gettext("Just received")
        return gettext("Waiting %(time)s") % {"time": timesince(self.received_at, self.now, depth=1)}

    @property
    def against_target(self) -> str:
        """ "Decide by 4 December, 10:00", "3 hours over target", "1 working day over target"."""
        if not self.overdue:
            return gettext("Decide by %(due)s") % {"due": date_format(timezone.localtime(self.due_at), "j F, H:i")}
        days = self.working_days_over
        if days:
            return ngettext("%(count)d working day over target", "%(count)d working days over target", days) % {
                "count": days
            }
        return gettext("%(time)s over target") % {"time": timesince(self.due_at, self.now, depth=1)}


class Referral(models.Model):
    # Whether the person a case page is drawn for reads what the referrer wrote: set by
    # `access.case_referrals` for that person; nobody does until it is asked.
    words_readable: bool = False

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        SIGNPOSTED = "signposted", _("Signposted to another service")

    class Source(models.TextChoices):
        FORM = "form", _("Referral form")
        IMPORT = "import", _("Imported from the council's system")

    class DuplicateChoice(models.TextChoices):
        UNDECIDED = "", _("Not decided")
        LINKED = "linked", _("Same young person: linked")
        SEPARATE = "separate", _("A different young person: kept separate")

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="referrals")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.WAITING)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.FORM)
    external_reference = models.CharField(_("council reference"), max_length=50, blank=True)
    received_at = models.DateTimeField(_("received"))

    # The young person
    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    living_situation = models.CharField(_("where they live now"), max_length=20, choices=LivingSituation.choices)
    education_setting = models.CharField(_("school or education setting"), max_length=150, blank=True)

    # The referrer
    referrer_name = models.CharField(_("your name"), max_length=150)
    referrer_agency = models.CharField(_("your agency"), max_length=150)
    referrer_contact = models.CharField(_("your phone or email"), max_length=200)

    # What is happening
    worries = models.JSONField(_("what the worries are"), default=list)
    worries_details = models.TextField(_("tell us more about the worries"), blank=True)
    going_well = models.TextField(_("what is going well"), blank=True)
    young_person_knows = models.CharField(
        _("does the young person know about this referral?"), max_length=10, choices=Awareness.choices
    )
    parent_knows = models.CharField(
        _("does their parent or carer know about this referral?"), max_length=10, choices=Awareness.choices
    )
    urgency = models.CharField(_("how urgent is it?"), max_length=10, choices=Urgency.choices)
    consent = models.TextField(_("what the young person and their family agreed to"), blank=True)
    share_consent = models.CharField(
        _("have they agreed to information being shared with partner agencies?"),
        max_length=30,
        choices=ShareConsent.choices,
        blank=True,
    )
    anything_else = models.TextField(_("anything else we should know"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    # Possible duplicate of a young person the team already knows
    possible_duplicate = models.ForeignKey(
        YoungPerson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duplicate_choice = models.CharField(max_length=10, choices=DuplicateChoice.choices, blank=True)

    # The decision
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("reason"), blank=True)
    signposted_to = models.CharField(_("service signposted to"), max_length=200, blank=True)
    over_capacity_reason = models.TextField(_("why accept beyond the team's capacity"), blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals")

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["team", "status", "received_at"])]
        constraints = [
            # A referral exported by the council's system is imported once per team.
            models.UniqueConstraint(
                fields=["team", "external_reference"],
                condition=~models.Q(external_reference=""),
                name="one_referral_per_council_reference",
            )
        ]

    def __str__(self):
        return f"{self.given_name} {self.family_name}"

    @staticmethod
    def waiting_order() -> list:
        """The order the manager decides in: urgent referrals first, then the longest waiting."""
        urgent_first = models.Case(
            models.When(urgency=Urgency.URGENT, then=models.Value(0)),
            default=models.Value(1),
            output_field=models.IntegerField(),
        )
        return [urgent_first, "received_at", "pk"]

    @property
    def decision_due_at(self) -> datetime:
        return add_working_days(self.received_at, DECISION_TARGET_WORKING_DAYS)

    def wait(self, now: datetime | None = None) -> ReferralWait:
        """How long it has waited for a decision (until it was decided), against the target."""
        until = self.decided_at or now or timezone.now()
        return ReferralWait(received_at=self.received_at, due_at=self.decision_due_at, now=until)

    @property
    def decided_within_target(self) -> bool | None:
        if self.decided_at is None:
            return None
        return self.decided_at <= self.decision_due_at

    def get_worries_display(self) -> list[str]:
        labels = dict(Worry.choices)
        return [str(labels.get(w, w)) for w in self.worries]
