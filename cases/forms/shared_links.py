"""The door's own form: the passcode of a shared link. (The forms of the pages links open belong to the
apps that draw them.)"""

from django import forms


class PasscodeForm(forms.Form):
    # Bounded: a passcode a page long is refused before it is hashed.
    passcode = forms.CharField(max_length=128)
