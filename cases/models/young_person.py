from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from accounts.models import Team


class LivingSituation(models.TextChoices):
    FAMILY = "family", _("With family")
    KINSHIP = "kinship", _("With relatives or friends (kinship care)")
    FOSTER_CARE = "foster_care", _("Foster care")
    CHILDRENS_HOME = "childrens_home", _("Children's home")
    SUPPORTED = "supported", _("Supported accommodation")
    SECURE = "secure", _("Secure accommodation")
    OTHER = "other", _("Other")


class LegalStatus(models.TextChoices):
    NONE = "none", _("None")
    CHILD_IN_NEED = "cin", _("Child in need")
    CHILD_PROTECTION = "cp", _("Child protection")
    LOOKED_AFTER = "looked_after", _("Looked after")
    CARE_LEAVER = "care_leaver", _("Care leaver")


class Avatar(models.TextChoices):
    """Simple pictures a young person can pick instead of a photo (static/images/avatars/<value>.svg)."""

    STAR = "star", _("Star")
    MUSIC = "music", _("Music")
    CAT = "cat", _("Cat")
    FOOTBALL = "football", _("Football")
    FLOWER = "flower", _("Flower")
    GAMES = "games", _("Games controller")


def age_on(date_of_birth: date, today: date) -> int:
    return today.year - date_of_birth.year - ((today.month, today.day) < (date_of_birth.month, date_of_birth.day))


class YoungPerson(models.Model):
    """The young person at the centre of a case. Seen only through a case they have (cases/access/)."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="young_people")
    given_name = models.CharField(_("first name"), max_length=100)
    family_name = models.CharField(_("last name"), max_length=100)
    preferred_name = models.CharField(_("preferred name"), max_length=100, blank=True)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"))
    ethnicity = models.CharField(_("ethnicity"), max_length=100, blank=True)
    first_language = models.CharField(_("first language"), max_length=60, blank=True)
    living_situation = models.CharField(
        _("where they live now"), max_length=20, choices=LivingSituation.choices, default=LivingSituation.FAMILY
    )
    living_details = models.CharField(_("more about where they live"), max_length=200, blank=True)
    education_setting = models.CharField(_("school or education setting"), max_length=150, blank=True)
    legal_status = models.CharField(
        _("legal status"), max_length=20, choices=LegalStatus.choices, default=LegalStatus.NONE
    )
    enjoys = models.TextField(_("what they enjoy"), blank=True)
    contact_preferences = models.TextField(_("how and when they like to be contacted"), blank=True)
    avatar = models.CharField(_("picture"), max_length=20, choices=Avatar.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["given_name", "family_name", "pk"]
        indexes = [models.Index(Lower("family_name"), Lower("given_name"), "date_of_birth", name="yp_dupe_idx")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name to use: their preferred name if they gave one."""
        return f"{self.preferred_name or self.given_name} {self.family_name}"

    @property
    def called(self) -> str:
        """What they are called, first name only: their preferred name if they gave one."""
        return self.preferred_name or self.given_name

    @property
    def look(self):
        """Their own image (`Appearance`), or None while they have not made one. Free on a young person
        fetched with `select_related("appearance")`, as the case getters and space links do."""
        try:
            return self.appearance  # the reverse side of Appearance.young_person
        except ObjectDoesNotExist:
            return None

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def where_they_live(self) -> list[str]:
        """Where they live, said once, as lines to show: the kind of place, then what the worker wrote about
        it; only what they wrote when it already names the kind ("Children's home in Manchester")."""
        kind = str(self.get_living_situation_display())
        details = self.living_details.strip()
        if not details:
            return [kind]
        if kind.lower() in details.lower():
            return [details]
        return [kind, details]

    def age(self, today: date | None = None) -> int:
        return age_on(self.date_of_birth, today or date.today())

    @staticmethod
    def duplicate_key(given_name: str, family_name: str, date_of_birth: date) -> tuple[str, str, date]:
        """What makes two records possibly the same young person: the name, whatever its case and spacing,
        and the date of birth."""
        return given_name.strip().lower(), family_name.strip().lower(), date_of_birth

    @classmethod
    def first_duplicates(cls, *, team: Team, keys) -> dict[tuple[str, str, date], int]:
        """For each `duplicate_key`, the id of the first young person of the team it matches (one query for
        them all)."""
        wanted = set(keys)
        if not wanted:
            return {}
        matching = Q()
        for given, family, born in wanted:
            matching |= Q(g=given, f=family, date_of_birth=born)
        people = (
            cls.objects.annotate(g=Lower("given_name"), f=Lower("family_name"))
            .filter(matching, team=team)
            .values_list("g", "f", "date_of_birth", "pk")
        )
        found: dict[tuple[str, str, date], int] = {}
        for given, family, born, pk in people:
            found.setdefault((given, family, born), pk)
        return found
