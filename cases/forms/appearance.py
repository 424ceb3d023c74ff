"""The forms of the young person's own image: the parts of the cartoon and the theme, and a photo. Each
choice must be one of its list; a photo no bigger than 5 MB, which the service then checks is a picture."""

from typing import cast

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from .. import photos
from ..models import Appearance
from ..services.appearance import CHOICES


class AppearanceForm(forms.Form):
    """Every part and the theme, each a choice of its list. The fields are made from `CHOICES` with their
    labels from the model, so a new part needs adding in one place."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, options in CHOICES.items():
            label = cast(models.Field, Appearance._meta.get_field(name)).verbose_name
            self.fields[name] = forms.ChoiceField(
                label=str(label).capitalize(),
                choices=options.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose one for %(name)s.") % {"name": label},
                    "invalid_choice": _("Choose one of the options for %(name)s.") % {"name": label},
                },
            )

    @classmethod
    def initial_for(cls, appearance: Appearance | None) -> dict[str, str]:
        """What the form starts with: their image as it is, or the first of each list."""
        if appearance is not None:
            return {name: getattr(appearance, name) for name in CHOICES}
        return Appearance.first_choices()


class PhotoForm(forms.Form):
    photo = forms.FileField(
        label=_("Choose a photo"),
        error_messages={
            "required": _("Choose a photo to add."),
            "empty": _("That file is empty. Choose a photo."),
            "invalid": _("Choose a photo to add."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def clean_photo(self) -> bytes:
        """The file's bytes, once it is known not to be too big; `services.photo_save` then checks it is a
        picture and cleans it (PhotoError says why not)."""
        upload = self.cleaned_data["photo"]
        if upload.size > photos.MAX_BYTES:
            raise forms.ValidationError(_("That photo is bigger than 5 MB. Choose a smaller one."))
        return upload.read()
