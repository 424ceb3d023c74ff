"""The manager's answer to a request to close a case: agree (nothing to fill in) or send it back with a
comment."""

from crispy_forms_gds.layout import Field
from django import forms
from django.utils.translation import gettext_lazy as _

from .common import helper


class AgreeCloseForm(forms.Form):
    # Which of the page's two forms was sent.
    agree = forms.CharField(widget=forms.HiddenInput, initial="yes", required=False)

    def __init__(self, *args, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(button=_("Agree and close the case"), warning=True, button_id="id_agree")


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label=_("Why are you sending it back?"),
        help_text=_("The key worker reads this: say what should happen before the case closes."),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Say why you are sending it back")},
    )

    def __init__(self, *args, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.textarea("comment", rows=4), button=_("Send it back"), cancel_url=cancel_url, button_id="id_send_back"
        )
