"""What young people and families answer: wellbeing check-ins (five measures, 1 to 5) and feedback on the
service. Answers are kept as given; nothing is deleted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Person

from .rhythm import Request


class Score(models.IntegerChoices):
    """A 1-5 answer. The words (and a face) go with the number everywhere: never colour alone."""

    ONE = 1, _("Really bad")
    TWO = 2, _("Not good")
    THREE = 3, _("OK")
    FOUR = 4, _("Good")
    FIVE = 5, _("Really good")


def _score(label):
    return models.PositiveSmallIntegerField(label, choices=Score.choices)


class CheckIn(models.Model):
    """A wellbeing check-in: the five measures of the co-design report, in the young person's words."""

    # The measures in their order, with the words the young person reads (see feedback/words.py).
    MEASURES = ("mood", "outlook", "healthy_relationships", "self_feeling", "relationships")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="check_ins")
    person = models.CharField(max_length=20, choices=Person.choices, default=Person.YOUNG_PERSON)
    request = models.OneToOneField(Request, null=True, blank=True, on_delete=models.SET_NULL, related_name="check_in")
    mood = _score(_("mood and how I feel"))
    outlook = _score(_("how I see my life and what's ahead"))
    healthy_relationships = _score(_("what a healthy relationship looks like to me"))
    self_feeling = _score(_("how I feel about myself"))
    relationships = _score(_("how good my relationships are"))
    anything_else = models.TextField(_("anything else"), blank=True)
    # A worker who entered it with the young person; empty when the young person did it through their link.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"], name="check_in_case_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    mood__range=(1, 5),
                    outlook__range=(1, 5),
                    healthy_relationships__range=(1, 5),
                    self_feeling__range=(1, 5),
                    relationships__range=(1, 5),
                ),
                name="check_in_scores_1_to_5",
            )
        ]

    def __str__(self):
        return f"Check-in {self.at:%Y-%m-%d}"

    def scores(self) -> dict[str, int]:
        return {measure: getattr(self, measure) for measure in self.MEASURES}


class CheckInAlert(models.Model):
    """A check-in that dropped two or more points on a measure, or has an answer of 1: the key worker is told
    once, and it stays on their page until they say what they did."""

    check_in = models.OneToOneField(CheckIn, on_delete=models.CASCADE, related_name="alert")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    # Which measures, and why, in words for the worker ("mood: 4 to 2").
    reasons = models.TextField()
    made_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    what_was_done = models.TextField(_("what you did"), blank=True)

    class Meta:
        ordering = ["-made_at", "-pk"]
        indexes = [models.Index(fields=["case", "handled_at"], name="check_in_alert_open_idx")]

    def __str__(self):
        return f"Alert on {self.check_in}"


class FeedbackAnswer(models.Model):
    """Feedback on the service from the young person or a parent or carer. The scores go to the manager;
    the words go to the worker too only if the person chose so."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="feedback_answers")
    person = models.CharField(max_length=20, choices=Person.choices)
    person_name = models.CharField(max_length=150, blank=True)
    request = models.OneToOneField(Request, null=True, blank=True, on_delete=models.SET_NULL, related_name="answer")
    listened = _score(_("Did you feel listened to?"))
    there_when_needed = _score(_("Is your worker there when you need them?"))
    better = models.TextField(_("What would make it better?"), blank=True)
    worker_may_read = models.BooleanField(_("my worker may read my words"), default=False)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["case", "-at"], name="feedback_case_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(listened__range=(1, 5), there_when_needed__range=(1, 5)),
                name="feedback_scores_1_to_5",
            )
        ]

    def __str__(self):
        return f"Feedback {self.at:%Y-%m-%d}"
