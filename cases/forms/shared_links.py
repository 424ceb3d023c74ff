"""The door's own form (the passcode of a shared link), and what every link made by a worker asks: who it
is for, how long it works and its passcode. (The forms of the pages links open belong to the apps that
draw them; an app's link form adds what the link opens.)"""

from typing import Any

from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Person
from .common import helper


class PasscodeForm(forms.Form):
    # Bounded: a passcode a page long is refused before it is hashed.
    passcode = forms.CharField(max_length=128)


class LinkForm(forms.Form):
    """Who a link is for, how many days it works and its passcode. `passcode_required` for a link that
    opens something nobody else should read on a phone left unlocked (a plan with phone numbers in it)."""

    # Named as the assessment's contributor was first: the pages and their tests post "contributor".
    contributor = forms.ChoiceField(
        label=_("Who is it for?"),
        widget=forms.RadioSelect,
        choices=[(Person.YOUNG_PERSON, _("The young person")), (Person.PARENT_CARER, _("A parent or carer"))],
        error_messages={"required": _("Choose who the link is for"), "invalid_choice": _("Choose who the link is for")},
    )
    name = forms.CharField(
        label=_("Parent's or carer's name"),
        required=False,
        max_length=150,
        help_text=_("Only for a parent or carer: the name their words will show under."),
    )
    days = forms.IntegerField(
        label=_("Days until the link stops working"),
        initial=14,
        min_value=1,
        max_value=90,
        error_messages={
            "required": _("Enter how many days the link works for"),
            "min_value": _("A link works for at least 1 day"),
            "max_value": _("A link works for 90 days at most"),
            "invalid": _("Enter a number of days, like 14"),
        },
    )
    passcode = forms.CharField(
        label=_("Passcode (optional)"),
        required=False,
        max_length=50,
        help_text=_("A word or number agreed with them. They type it before they see anything."),
    )

    def __init__(self, *args, passcode_required: bool = False, first_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.passcode_required = passcode_required
        if passcode_required:
            self.fields["passcode"].label = _("Passcode")
            self.fields["passcode"].help_text = _(
                "A word or number agreed with them, at least 4 characters. They type it before they see anything: "
                "this link opens things nobody else should read if they found the phone."
            )
        self.helper = helper(
            *first_fields,
            Field.radios("contributor", legend_size=Size.SMALL),
            Field.text("name", field_width=Fluid.ONE_HALF),
            Field.text("days", field_width=Fluid.ONE_QUARTER),
            Field.text("passcode", field_width=Fluid.ONE_HALF),
            button=_("Make the link"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        if data.get("contributor") == Person.PARENT_CARER and not (data.get("name") or "").strip():
            self.add_error("name", _("Enter the parent's or carer's name"))
        passcode = (data.get("passcode") or "").strip()
        if self.passcode_required and not passcode:
            self.add_error("passcode", _("Agree a passcode with them: this link needs one"))
        elif passcode and len(passcode) < 4:
            self.add_error("passcode", _("A passcode needs at least 4 characters"))
        data["passcode"] = passcode
        return data
