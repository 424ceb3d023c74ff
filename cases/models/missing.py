"""A missing episode in depth, and the return home interview that follows it.

The episode itself is a timeline entry (kind "missing": when they went, when they came back, where they
were found, the 72-hour clock). What a police report and a return home interview add lives here, one row
of each per episode at most, so the timeline stays one table and one query.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .case import Case
from .timeline import TimelineEntry


class PoliceRisk(models.TextChoices):
    """The grade the police gave the episode when it was reported (their words, not ours)."""

    NO_APPARENT_RISK = "none", _("No apparent risk")
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class MissingEpisode(models.Model):
    """What is known about a missing episode beyond its timeline entry: who reported it and when, the
    police's reference and risk grade, who they were with, and how they got back."""

    entry = models.OneToOneField(TimelineEntry, on_delete=models.CASCADE, primary_key=True, related_name="episode")
    reported_by = models.CharField(_("who reported them missing"), max_length=200, blank=True)
    reported_at = models.DateTimeField(_("when they were reported missing"), null=True, blank=True)
    police_reference = models.CharField(_("police reference"), max_length=50, blank=True)
    police_risk = models.CharField(_("police risk grade"), max_length=10, choices=PoliceRisk.choices, blank=True)
    # Other young people of the same team they were with: only cases the recorder may see can be chosen,
    # and only those the reader may see are shown (cases/access: `episode_companions`).
    with_cases = models.ManyToManyField(Case, blank=True, related_name="+", verbose_name=_("young people with them"))
    # People, places, vehicles or accounts of the team's register of concern (each also linked to the case).
    with_concerns = models.ManyToManyField(
        "cases.ConcernEntry", blank=True, related_name="missing_episodes", verbose_name=_("of concern, with them")
    )
    with_others = models.TextField(_("others they were with"), blank=True)
    how_back = models.CharField(_("how they got back"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return str(self.entry)


class ReturnInterview(models.Model):
    """The return home interview offered after an episode: when, by whom, whether the young person took it
    up, and what was said. What was said may be restricted: only the people who read restricted timeline
    entries read it (cases/access: `may_read_restricted`)."""

    entry = models.OneToOneField(
        TimelineEntry, on_delete=models.CASCADE, primary_key=True, related_name="return_interview"
    )
    offered_at = models.DateTimeField(_("when it was offered"))
    offered_by = models.CharField(_("who offered it (name and agency)"), max_length=200)
    accepted = models.BooleanField(_("accepted"))
    declined_why = models.TextField(_("why they declined"), blank=True)
    said = models.TextField(_("what was said"), blank=True)
    said_restricted = models.BooleanField(_("what was said is restricted"), default=False)
    push_factors = models.TextField(_("push factors (what pushed them away)"), blank=True)
    pull_factors = models.TextField(_("pull factors (what drew them away)"), blank=True)
    shared_with_police = models.BooleanField(_("shared with the police"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return str(self.entry)
