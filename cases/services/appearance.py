"""The young person's own image: saved by them through their space link (or by a worker), each change in
the audit. The photo is cleaned before it is kept (cases.photos) and its file deleted when removed."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User

from .. import audit, avatar, photos
from ..models import Appearance, AuditEvent, SharedLink, YoungPerson
from ..models.appearance import (
    Accessories,
    Clothes,
    ClothesColour,
    Eyes,
    Hair,
    HairColour,
    Mouth,
    Skin,
    Theme,
    photo_storage,
)

Action = AuditEvent.Action

CHOICES = {
    "skin": Skin,
    "hair": Hair,
    "hair_colour": HairColour,
    "clothes": Clothes,
    "clothes_colour": ClothesColour,
    "accessories": Accessories,
    "eyes": Eyes,
    "mouth": Mouth,
    "theme": Theme,
}


class AppearanceError(ValueError):
    """A choice that is not on its list, or a change nobody made; the message says which."""


def checked(choices: dict[str, str]) -> dict[str, str]:
    """Every part and the theme, each one of its own list: anything missing or unknown is refused."""
    unknown = set(choices) - set(CHOICES)
    if unknown:
        raise AppearanceError(_("Cannot choose %(names)s.") % {"names": ", ".join(sorted(unknown))})
    for name, options in CHOICES.items():
        if choices.get(name) not in options.values:
            raise AppearanceError(_("Choose one of the options for %(name)s.") % {"name": name.replace("_", " ")})
    return dict(choices)


def preview(choices: dict[str, str]) -> str:
    """The image these choices would make, drawn but not kept (the space's "Try it")."""
    chosen = checked(choices)
    return avatar.render({name: chosen[name] for name in Appearance.PARTS}, chosen["theme"])


def _who(by: User | None, link: SharedLink | None) -> str:
    if (by is None) == (link is None):
        raise AppearanceError("A change to the image is made by a worker or through the young person's link.")
    return "through their space link" if link is not None else "by a worker"


def _current(young_person: YoungPerson) -> Appearance | None:
    return Appearance.objects.select_for_update().filter(young_person=young_person).first()


def _mark(appearance: Appearance, by: User | None, link: SharedLink | None) -> None:
    appearance.changed_by = by
    appearance.changed_through = link


@transaction.atomic
def appearance_save(
    *, young_person: YoungPerson, choices: dict[str, str], by: User | None = None, link: SharedLink | None = None
) -> Appearance:
    """Keep their image and theme (`choices`: every name of CHOICES), drawn now. `by` is the worker who
    made the change, or `link` the space link the young person made it through."""
    how = _who(by, link)
    chosen = checked(choices)
    appearance = _current(young_person) or Appearance(young_person=young_person)
    for name, value in chosen.items():
        setattr(appearance, name, value)
    appearance.svg = avatar.render(appearance.parts, appearance.theme)
    _mark(appearance, by, link)
    if appearance.pk is None:
        appearance.save()
    else:
        appearance.save(update_fields=[*CHOICES, "svg", "changed_at", "changed_by", "changed_through"])
    young_person.appearance = appearance
    _record(young_person, by, Action.CHANGE, f"their image changed {how}")
    return appearance


def _record(young_person: YoungPerson, by: User | None, action: str, what: str) -> None:
    # The image belongs to the young person; the audit is kept by case, so each of their cases records it.
    for case in young_person.cases.all():
        audit.record(user=by, case=case, action=action, what=what)


def _delete_later(name: str | None) -> None:
    """Delete a photo's file once the change that let go of it is committed (a change rolled back keeps it)."""
    if name:
        transaction.on_commit(lambda: photo_storage().delete(name))


@transaction.atomic
def photo_save(
    *, young_person: YoungPerson, data: bytes, by: User | None = None, link: SharedLink | None = None
) -> Appearance:
    """Keep a photo of them, cleaned (cases.photos.clean raises PhotoError for anything refused). A
    young person with no image yet gets the first choice of each part with it."""
    how = _who(by, link)
    cleaned = photos.clean(data)
    appearance = _current(young_person)
    if appearance is None:
        appearance = appearance_save(young_person=young_person, choices=Appearance.first_choices(), by=by, link=link)
    old = appearance.photo.name
    new = photos.as_file(cleaned)
    appearance.photo.save(new.name or "photo.jpg", new, save=False)
    _mark(appearance, by, link)
    appearance.save(update_fields=["photo", "changed_at", "changed_by", "changed_through"])
    young_person.appearance = appearance
    _delete_later(old)
    _record(young_person, by, Action.CHANGE, f"their photo added {how}")
    return appearance


@transaction.atomic
def photo_remove(*, young_person: YoungPerson, by: User | None = None, link: SharedLink | None = None) -> None:
    """Take their photo away: the file is deleted, not only forgotten."""
    how = _who(by, link)
    appearance = _current(young_person)
    if appearance is None or not appearance.photo:
        return
    old = appearance.photo.name
    appearance.photo = ""  # a FileField is emptied with ""
    _mark(appearance, by, link)
    appearance.save(update_fields=["photo", "changed_at", "changed_by", "changed_through"])
    young_person.appearance = appearance
    _delete_later(old)
    _record(young_person, by, Action.REMOVE, f"their photo removed {how}")
