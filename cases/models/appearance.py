"""The young person's own image: a cartoon of themselves they build in their space, a colour theme for
their space and, if they want, a photo. Staff who may see the case see the image too.

Each choice is a small, friendly list in plain words. The values are the names py-avataaars gives its
parts (lower case), so that `cases.avatar` can draw them without a second table to keep in step.
"""

from typing import cast

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .links import SharedLink
from .young_person import YoungPerson


class Skin(models.TextChoices):
    PALE = "pale", _("Very light")
    LIGHT = "light", _("Light")
    TANNED = "tanned", _("Tanned")
    YELLOW = "yellow", _("Yellow")
    BROWN = "brown", _("Brown")
    DARK_BROWN = "dark_brown", _("Dark brown")
    BLACK = "black", _("Very dark")


class Hair(models.TextChoices):
    """The hair, or what covers the head."""

    SHORT = "short_hair_short_flat", _("Short")
    SHORT_CURLY = "short_hair_short_curly", _("Short and curly")
    SHORT_WAVY = "short_hair_short_waved", _("Short and wavy")
    SHORT_DREADS = "short_hair_dreads_01", _("Short locs")
    VERY_SHORT = "short_hair_the_caesar", _("Very short")
    SHAVED_SIDES = "long_hair_shaved_sides", _("Shaved sides")
    BOB = "long_hair_bob", _("Bob")
    BUN = "long_hair_bun", _("In a bun")
    LONG_STRAIGHT = "long_hair_straight", _("Long and straight")
    LONG_CURLY = "long_hair_curly", _("Long and curly")
    AFRO = "long_hair_fro", _("Afro")
    AFRO_BAND = "long_hair_fro_band", _("Afro with a headband")
    LONG_DREADS = "long_hair_dreads", _("Long locs")
    NONE = "no_hair", _("No hair")
    HIJAB = "hijab", _("Hijab")
    TURBAN = "turban", _("Turban")
    HAT = "hat", _("Hat")
    WINTER_HAT = "winter_hat2", _("Woolly hat")


class HairColour(models.TextChoices):
    BLACK = "black", _("Black")
    DARK_BROWN = "brown_dark", _("Dark brown")
    BROWN = "brown", _("Brown")
    AUBURN = "auburn", _("Auburn")
    BLONDE = "blonde", _("Blonde")
    GOLDEN = "blonde_golden", _("Golden")
    RED = "red", _("Red")
    PINK = "pastel_pink", _("Pink")
    PLATINUM = "platinum", _("Platinum")
    GREY = "silver_gray", _("Grey")


class Clothes(models.TextChoices):
    HOODIE = "hoodie", _("Hoodie")
    T_SHIRT = "shirt_crew_neck", _("T-shirt")
    V_NECK = "shirt_v_neck", _("V-neck top")
    PICTURE_T_SHIRT = "graphic_shirt", _("T-shirt with a picture")
    JUMPER = "collar_sweater", _("Jumper with a collar")
    JACKET = "blazer_shirt", _("Jacket and shirt")
    DUNGAREES = "overall", _("Dungarees")


class ClothesColour(models.TextChoices):
    BLACK = "black", _("Black")
    DARK_GREY = "heather", _("Dark grey")
    GREY = "gray_02", _("Grey")
    NAVY = "blue_03", _("Navy")
    BLUE = "blue_02", _("Blue")
    GREEN = "pastel_green", _("Mint green")
    YELLOW = "pastel_yellow", _("Yellow")
    PINK = "pink", _("Pink")
    RED = "red", _("Red")
    WHITE = "white", _("White")


class Accessories(models.TextChoices):
    NONE = "default", _("Nothing")
    GLASSES = "prescription_02", _("Glasses")
    ROUND_GLASSES = "round", _("Round glasses")
    SUNGLASSES = "sunglasses", _("Sunglasses")


class Eyes(models.TextChoices):
    NORMAL = "default", _("Normal")
    HAPPY = "happy", _("Happy")
    WINK = "wink", _("Wink")
    SIDE = "side", _("Looking to the side")
    HEARTS = "hearts", _("Hearts")


class Mouth(models.TextChoices):
    SMILE = "smile", _("Smile")
    BIG_SMILE = "twinkle", _("Big smile")
    CALM = "default", _("Calm")
    SERIOUS = "serious", _("Serious")
    TONGUE = "tongue", _("Tongue out")


class Theme(models.TextChoices):
    """The colours of their space. Each theme's colours are in `cases.avatar.THEMES` (checked there for
    contrast) and in static/scss/young_person.scss."""

    PURPLE = "purple", _("Purple")
    BLUE = "blue", _("Blue")
    GREEN = "green", _("Green")
    ORANGE = "orange", _("Orange")
    PINK = "pink", _("Pink")
    NIGHT = "night", _("Night")


def photo_storage():
    """Where photos are kept: a private folder, never under a URL the web server or whitenoise serves.
    A photo leaves it only through the young person's link or `cases:photo`."""
    from ..photos import PrivateStorage

    return PrivateStorage()


class Appearance(models.Model):
    """How the young person looks in their space and on staff pages: one per young person."""

    # The cartoon's parts, each one of its list (checked by the form and again by the service).
    PARTS = ("skin", "hair", "hair_colour", "clothes", "clothes_colour", "accessories", "eyes", "mouth")
    CHOSEN = (*PARTS, "theme")

    young_person = models.OneToOneField(YoungPerson, on_delete=models.CASCADE, related_name="appearance")
    skin = models.CharField(_("skin"), max_length=20, choices=Skin.choices, default=Skin.BROWN)
    hair = models.CharField(_("hair"), max_length=40, choices=Hair.choices, default=Hair.SHORT_CURLY)
    hair_colour = models.CharField(
        _("hair colour"), max_length=20, choices=HairColour.choices, default=HairColour.BLACK
    )
    clothes = models.CharField(_("clothes"), max_length=20, choices=Clothes.choices, default=Clothes.HOODIE)
    clothes_colour = models.CharField(
        _("clothes colour"), max_length=20, choices=ClothesColour.choices, default=ClothesColour.BLUE
    )
    accessories = models.CharField(_("glasses"), max_length=20, choices=Accessories.choices, default=Accessories.NONE)
    eyes = models.CharField(_("eyes"), max_length=20, choices=Eyes.choices, default=Eyes.NORMAL)
    mouth = models.CharField(_("mouth"), max_length=20, choices=Mouth.choices, default=Mouth.SMILE)
    theme = models.CharField(_("colours"), max_length=20, choices=Theme.choices, default=Theme.PURPLE)
    # The cartoon, drawn once when it is saved (cases.avatar.render), not on every page that shows it.
    svg = models.TextField(editable=False)
    # Re-encoded on the way in (cases.photos): no metadata, at most 800 pixels a side, always JPEG.
    photo = models.FileField(upload_to="photos/", storage=photo_storage, blank=True, editable=False)
    changed_at = models.DateTimeField(auto_now=True)
    # Who changed it last: a worker (`changed_by`), or the young person through their space link.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_through = models.ForeignKey(SharedLink, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    def __str__(self):
        return f"The image of {self.young_person}"

    @classmethod
    def first_choices(cls) -> dict[str, str]:
        """The image everyone starts from, until they choose their own."""
        return {name: str(cast(models.Field, cls._meta.get_field(name)).default) for name in cls.CHOSEN}

    @property
    def parts(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.PARTS}
