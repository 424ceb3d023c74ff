"""Forms for how and when a young person or a parent or carer is asked (a check-in, or feedback on the
service), and for what a worker did about a low check-in. The rules are the service's (`services.rhythms`):
the form says the same in the words of each field."""

from typing import Any, cast

from crispy_forms_gds.layout import Field, Fixed, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from cases import messaging
from cases.forms.common import TimeOfDayField, helper, number_box
from cases.models import Person

from ..models import Kind, Rhythm
from ..services import FEEDBACK_DAYS, VoiceError, uk_mobile

Channel = Rhythm.Channel
# The form's word for "no message": a radio button needs a value, and the model's is empty.
NO_MESSAGE = "none"
CHECK_IN_EVERY = [("7", _("Every week")), ("14", _("Every 2 weeks")), ("28", _("Every 4 weeks"))]


def _choice(message) -> dict:
    return {"required": message, "invalid_choice": message}


class RhythmForm(forms.Form):
    """Start or change a rhythm. `kind` says which: a check-in is the young person's and comes weekly, every 2
    or every 4 weeks; feedback may be a parent's or carer's, every 7 to 91 days, and after meetings."""

    person = forms.ChoiceField(
        label=_("Who is asked?"),
        choices=[(Person.YOUNG_PERSON, _("The young person")), (Person.PARENT_CARER, _("A parent or carer"))],
        widget=forms.RadioSelect,
        error_messages=_choice(_("Choose who is asked")),
    )
    name = forms.CharField(
        label=_("The parent's or carer's name"),
        help_text=_("Only for a parent or carer. It is not put in the message."),
        required=False,
        max_length=150,
    )
    every_days = forms.ChoiceField(
        label=_("How often?"),
        choices=CHECK_IN_EVERY,
        widget=forms.RadioSelect,
        error_messages=_choice(_("Choose how often")),
    )
    weekday = forms.TypedChoiceField(
        label=_("On which day?"),
        choices=Rhythm.Weekday.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_choice(_("Choose a day of the week")),
    )
    earliest = TimeOfDayField(label=_("Not before"), missing=_("Enter the time to send it from, like 16:00"))
    latest = TimeOfDayField(label=_("Not after"), missing=_("Enter the time to send it until, like 20:00"))
    channel = forms.ChoiceField(
        label=_("How are they asked?"),
        widget=forms.RadioSelect,
        error_messages=_choice(_("Choose how they are asked")),
    )
    address = forms.CharField(
        label=_("Their email address or mobile number"),
        help_text=_("Only staff see it. The message says nothing about them: only that a question is waiting."),
        required=False,
        max_length=254,
    )
    after_meetings = forms.BooleanField(label=_("Also ask after each meeting"), required=False)

    def __init__(self, *args, kind: str, initial: dict | None = None, **kwargs):
        initial = dict(initial or {})
        if initial.get("channel") == Channel.NONE:
            initial["channel"] = NO_MESSAGE
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.kind = kind
        channels = [(NO_MESSAGE, _("In their space only, or with their worker: nothing is sent"))]
        channels.append((Channel.EMAIL, _("By email")))
        if messaging.can_text():
            channels.append((Channel.TEXT, _("By text message")))
        cast(forms.ChoiceField, self.fields["channel"]).choices = channels
        if kind == Kind.CHECK_IN:
            del self.fields["person"], self.fields["name"], self.fields["after_meetings"]
        else:
            self.fields["every_days"] = forms.IntegerField(
                label=_("How often, in days?"),
                help_text=_("From 7 to 91 days. Usually every 42 days (6 weeks)."),
                min_value=7,
                max_value=91,
                initial=FEEDBACK_DAYS,
                widget=number_box(),
                error_messages={
                    "required": _("Enter how often, in days"),
                    "invalid": _("Enter how often as a number of days, like 42"),
                    "min_value": _("Enter a number of days from 7 to 91"),
                    "max_value": _("Enter a number of days from 7 to 91"),
                },
            )
        self.helper = helper(*self._layout(), button=_("Save"))

    def _layout(self) -> list:
        who = [Field.radios("person", legend_size=Size.SMALL), Field.text("name")] if "person" in self.fields else []
        often = (
            Field.radios("every_days", legend_size=Size.SMALL)
            if self.kind == Kind.CHECK_IN
            else Field.text("every_days", field_width=Fixed.THREE)
        )
        tail = [Field.checkbox("after_meetings")] if "after_meetings" in self.fields else []
        return [
            *who,
            often,
            Field.radios("weekday", legend_size=Size.SMALL),
            Field.text("earliest", field_width=Fixed.FIVE),
            Field.text("latest", field_width=Fixed.FIVE),
            Field.radios("channel", legend_size=Size.SMALL),
            Field.text("address"),
            *tail,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        if data.get("person") == Person.PARENT_CARER and not data.get("name", "").strip():
            self.add_error("name", _("Enter the parent's or carer's name"))
        earliest, latest = data.get("earliest"), data.get("latest")
        if earliest and latest and earliest >= latest:
            self.add_error("latest", _("The time to send it until must be after the time to send it from"))
        if "every_days" in data:
            data["every_days"] = int(data["every_days"])
        self._clean_address(data)
        return data

    def _clean_address(self, data: dict[str, Any]) -> None:
        channel, address = data.get("channel"), data.get("address", "").strip()
        if channel == NO_MESSAGE:
            data["channel"] = channel = Channel.NONE
        if channel == Channel.EMAIL:
            try:
                forms.EmailField().clean(address)
            except forms.ValidationError:
                self.add_error("address", _("Enter an email address, like name@example.com"))
        elif channel == Channel.TEXT:
            try:
                data["address"] = uk_mobile(address)
            except VoiceError:
                self.add_error("address", _("Enter a UK mobile number, like 07700 900 982"))
        else:
            data["address"] = ""


class HandledForm(forms.Form):
    what_was_done = forms.CharField(
        label=_("What did you do?"),
        help_text=_("For example: talked with them the same day, told their social worker."),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Say what you did")},
    )

    def __init__(self, *args, action: str, button_id: str = "id_submit", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea("what_was_done", rows=3), button=_("Mark what I did"), button_id=button_id)
        # Several of these share the alerts page: each posts to its own alert's address.
        self.helper.form_action = action
