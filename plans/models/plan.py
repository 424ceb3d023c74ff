"""The family plan: one living plan per case, written with the young person and family, not about them.

It opens with what is going well, then their priorities in their own words, ranked by them, then goals in
the words of whoever owns them, each rated 0-10 over time, with actions. The worker's worries sit next to
the strengths, in plain words: no score is computed from ticks. "My Safety Plan" is written with the young
person. Nothing is deleted: a removed item keeps its row with `removed_at`, and every change is a
`PlanChange` (who, when, what); a version agreed at a meeting is kept whole in `AgreedVersion`.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case, NetworkMember, SharedLink


class Whose(models.TextChoices):
    YOUNG_PERSON = "young_person", _("The young person")
    FAMILY = "family", _("The family")
    BOTH = "both", _("The young person and family")
    NETWORK = "network", _("The people around them")


class RatedBy(models.TextChoices):
    YOUNG_PERSON = "young_person", _("The young person")
    FAMILY = "family", _("A parent or carer")
    WORKER = "worker", _("A worker")


class FamilyPlan(models.Model):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="family_plan")
    worries = models.TextField(_("What worries the worker"), blank=True)
    # Grows with every change (PlanChange keeps each): "what changed since the agreed version" compares these.
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Family plan of case {self.case_id}"


class Live(models.QuerySet):
    def live(self):
        return self.filter(removed_at__isnull=True)


class Strength(models.Model):
    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="strengths")
    whose = models.CharField(_("whose strength"), max_length=20, choices=Whose.choices)
    text = models.TextField(_("what is going well"))
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = Live.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class Priority(models.Model):
    """What the young person or the family want to happen, in their words, in the order they put them."""

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="priorities")
    whose = models.CharField(_("whose priority"), max_length=20, choices=Whose.choices)
    words = models.CharField(_("in their words"), max_length=300)
    rank = models.PositiveSmallIntegerField(_("their order"))
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = Live.as_manager()

    class Meta:
        ordering = ["whose", "rank", "pk"]

    def __str__(self):
        return self.words


class Goal(models.Model):
    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="goals")
    owner = models.CharField(_("whose goal"), max_length=20, choices=Whose.choices)
    owner_name = models.CharField(_("their name"), max_length=150, blank=True)
    words = models.CharField(_("the goal, in their words"), max_length=300)
    why = models.TextField(_("why it matters to them"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = Live.as_manager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.words


class GoalRating(models.Model):
    """Where things are now, 0 (not started) to 10 (done), said by the young person, the family or a worker.
    Every rating is kept: the plan draws them as a line over time."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(_("rating"))
    rated_by = models.CharField(max_length=20, choices=RatedBy.choices)
    rated_by_name = models.CharField(max_length=150)
    rated_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(_("anything to say about it"), max_length=300, blank=True)
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rated_at", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(score__lte=10), name="rating_0_to_10")]

    def __str__(self):
        return f"{self.score}/10 by {self.rated_by_name}"


class Action(models.Model):
    """What someone will do towards a goal: a named person, by a date."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(_("what will be done"), max_length=300)
    who_name = models.CharField(_("who will do it"), max_length=150)
    # Set when the person responsible has an account: they are told when it is past its date.
    who_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="plan_actions"
    )
    due_on = models.DateField(_("by when"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    meeting = models.ForeignKey(
        "plans.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = Live.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            # The overdue flag and reminders find open actions past their date with one query on this.
            models.Index(fields=["due_on"], condition=models.Q(done_at__isnull=True), name="action_open_idx"),
        ]

    def __str__(self):
        return self.what

    def overdue_on(self, day: date) -> bool:
        """Not done, and its date is before `day` (a page or a document drawn for one day asks once)."""
        return self.done_at is None and self.due_on < day

    @property
    def overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())


class SafetyPart(models.TextChoices):
    SIGNS = "signs", _("Signs that things are not OK")
    I_CAN = "i_can", _("What I can do")
    PEOPLE = "people", _("People I can call")
    PLACES = "places", _("Safe places")
    ADULTS = "adults", _("What the adults around me will do")


class SafetyItem(models.Model):
    """One line of My Safety Plan, written with the young person (or by them, through their link)."""

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="safety_items")
    part = models.CharField(max_length=10, choices=SafetyPart.choices)
    text = models.CharField(_("what to write"), max_length=300)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    added_by_name = models.CharField(max_length=150)
    from_young_person = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = Live.as_manager()

    class Meta:
        ordering = ["part", "created_at", "pk"]

    def __str__(self):
        return self.text


class PlanChange(models.Model):
    """Every change to the plan: what, who and when, numbered by the plan's version after it."""

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="changes")
    version = models.PositiveIntegerField()
    what = models.CharField(max_length=400)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_label = models.CharField(max_length=200)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version", "-pk"]
        indexes = [models.Index(fields=["plan", "version"])]

    def __str__(self):
        return f"v{self.version}: {self.what}"


class AgreedVersion(models.Model):
    """A version of the plan agreed at a meeting, kept whole as it was."""

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="agreed_versions")
    version = models.PositiveIntegerField()
    meeting = models.OneToOneField(
        "plans.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="agreed_version"
    )
    snapshot = models.JSONField()
    agreed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-agreed_at", "-pk"]

    def __str__(self):
        return f"Version {self.version} agreed {self.agreed_at:%d %b %Y}"


class KeyPersonLink(models.Model):
    """What a link for someone close to the young person (purpose "plan-words") opens: a short form for their
    words for this plan, and nothing else of it. Keeps who in the network they were invited as (a member is
    never deleted, only marked removed). The link itself is the case's (`cases.models.SharedLink`)."""

    link = models.OneToOneField(SharedLink, primary_key=True, on_delete=models.CASCADE, related_name="plan_words_link")
    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="key_person_links")
    member = models.ForeignKey(NetworkMember, on_delete=models.PROTECT, related_name="plan_words_links")

    def __str__(self):
        return f"{self.link} to the plan's words"


class KeyPersonWords(models.Model):
    """Someone close to the young person's words for the plan, sent through their own link: what they see
    going well and what they will do to help. Shown in the plan under their name; taken off like any item
    (the row stays)."""

    plan = models.ForeignKey(FamilyPlan, on_delete=models.CASCADE, related_name="key_person_words")
    link = models.ForeignKey(KeyPersonLink, on_delete=models.CASCADE, related_name="words")
    # Their name when they wrote (the network member's name may be changed later).
    name = models.CharField(_("their name"), max_length=150)
    going_well = models.TextField(_("what they see going well"), blank=True)
    will_do = models.TextField(_("what they will do to help"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = Live.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.name}: {(self.going_well or self.will_do)[:50]}"
