"""The forms of the young person's and family's plan pages (shared links). Every input from a link comes
through one of these: nothing posted reaches a service unchecked."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import SafetyPart
from .plan import SCORES


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


ROLES = [
    ("chair", _("Run the meeting")),
    ("co_chair", _("Run it with someone else")),
    ("attend", _("Just be there")),
    ("not_attend", _("Not be there, and have someone share what I think")),
]


def _words(label, max_length=1000):
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        error_messages={"max_length": _("That is a bit long: please make it shorter.")},
    )


class MeetingChoicesForm(forms.Form):
    """The young person's choices for a meeting, on their phone. All optional: they say what they want to."""

    place = _words(_("Where would you like it to be?"), 200)
    time = _words(_("When suits you?"), 200)
    wanted = _words(_("Who do you want there?"))
    not_wanted = _words(_("Is there anyone you don’t want there?"))
    role = forms.ChoiceField(choices=ROLES, required=False, widget=forms.RadioSelect)
    advocate_wanted = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        required=False,
    )
    advocate_name = _words(_("If you know who, write their name"), 150)
    talk_first = _words(_("What do you want to talk about first?"))


class KeyPersonWordsForm(forms.Form):
    """Someone close to the young person's words for the plan: both boxes optional, one of them needed."""

    going_well = forms.CharField(
        required=False,
        strip=True,
        max_length=2000,
        error_messages={"max_length": _("That is a bit long: please make it shorter.")},
    )
    will_do = forms.CharField(
        required=False,
        strip=True,
        max_length=2000,
        error_messages={"max_length": _("That is a bit long: please make it shorter.")},
    )

    def clean(self):
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        if not self.errors and not (data.get("going_well") or data.get("will_do")):
            raise forms.ValidationError(_("Write something in one of the boxes first."))
        return data


def words_error(form: forms.Form) -> str:
    """One plain sentence for someone close to the young person."""
    for errors in form.errors.values():
        return str(errors[0])
    return str(_("Something in that could not be kept. Try again."))
