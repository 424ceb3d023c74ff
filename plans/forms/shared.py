"""The forms of the young person's and family's plan pages (shared links). Every input from a link comes
through one of these: nothing posted reaches a service unchecked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import SafetyPart

SCORES = [(str(n), str(n)) for n in range(11)]


class RateForm(forms.Form):
    goal = forms.IntegerField(min_value=1, max_value=2**31 - 1)
    score = forms.TypedChoiceField(
        choices=SCORES, coerce=int, error_messages={"required": _("Choose a number from 0 to 10.")}
    )
    note = forms.CharField(
        required=False,
        max_length=300,
        error_messages={"max_length": _("That is a bit long: please keep it to 300 letters.")},
    )


class SafetyWordsForm(forms.Form):
    part = forms.ChoiceField(choices=SafetyPart.choices, error_messages={"required": _("Choose where it goes.")})
    text = forms.CharField(
        max_length=300,
        error_messages={
            "required": _("Write something first."),
            "max_length": _("That is a bit long: please keep it to 300 letters."),
        },
    )
    phone = forms.RegexField(
        regex=r"^[0-9+() -]{3,40}$",
        required=False,
        max_length=40,
        error_messages={"invalid": _("Write the phone number with numbers and spaces only.")},
    )


def first_error(form: forms.Form) -> str:
    """One plain sentence: the form's own message where it has one they can act on."""
    for field in ("score", "text", "phone", "note", "part"):
        if field in form.errors:
            message = str(form.errors[field][0])
            if not message.startswith("Select a valid choice"):
                return message
    return str(_("Something in that could not be kept. Try again, or ask your worker."))
