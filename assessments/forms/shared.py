"""The forms of the young person's page (a shared link). Every input from a link comes through one of
these: nothing posted reaches a service unchecked (a NUL byte, a version that is not a number, an
action that does not exist). The door's passcode form is the case's (`cases.forms.shared_links`)."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_WORDS = 20000


class WordsForm(forms.Form):
    action = forms.ChoiceField(choices=[("autosave", "autosave"), ("save", "save"), ("send", "send")])
    # Not stripped: what they typed is kept exactly, spaces and new lines too.
    text = forms.CharField(
        required=False,
        strip=False,
        max_length=MAX_WORDS,
        error_messages={"max_length": _("That is more than we can keep in one go. Please make it a bit shorter.")},
    )
    version = forms.IntegerField(min_value=0, max_value=2**31 - 1)


class ShareForm(forms.Form):
    """Which partner agencies on the case may read these words (none unless they tick)."""

    agencies = forms.TypedMultipleChoiceField(coerce=int, required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, agencies=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["agencies"]).choices = [(pk, name) for pk, name, _people in agencies]


def first_error(form: forms.Form) -> str:
    """One plain sentence for the young person: the form's own message where it has one they can act on."""
    for errors in form.errors.values():
        for error in errors:
            if "shorter" in error:
                return str(error)
    return str(_("Something in that could not be kept. Try again, or ask your worker."))
