"""Small helpers shared by the case forms."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Layout
from django import forms
from django.core.validators import RegexValidator
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


def helper(*fields, button: str, cancel_url: str | None = None, warning: bool = False) -> FormHelper:
    """A GOV.UK form layout: the fields, the button, and a way back without saving."""
    form_helper = FormHelper()
    items = [*fields, Button.warning("submit", button) if warning else Button("submit", button)]
    if cancel_url:
        link = format_html('<p class="govuk-body"><a class="govuk-link" href="{}">{}</a></p>', cancel_url, _("Cancel"))
        items.append(HTML(link))
    form_helper.layout = Layout(*items)
    return form_helper


class DayMonthYearField(DateInputField):
    """A GOV.UK date input (day, month and year boxes) that gives a real `date` or a clear message.
    Subclasses say which dates are allowed in `check`."""

    def __init__(self, *, label, help_text="", required=True, missing=None):
        super().__init__(label=label, help_text=help_text, required=required)
        missing = missing or _("Enter the day, month and year")
        self.error_messages["required"] = missing
        self.error_messages["incomplete"] = missing
        for part in self.fields:
            part.validators = [RegexValidator(r"^\s*[0-9]+\s*$", _("Enter a real date"))]

    def clean(self, value):
        try:
            return super().clean(value)
        except forms.ValidationError as error:
            # An error about the whole date is given to the day box too, so that the error summary
            # links to an input (which takes the focus) rather than to the group around them.
            if not any(getattr(part.widget, "errors", None) for part in self.fields):
                self.fields[0].widget.errors = list(error.messages)
            raise

    def compress(self, data_list):
        parts = [str(part).strip() if part is not None else "" for part in data_list]
        if not any(parts):
            return None
        if not all(parts):
            raise forms.ValidationError(self.error_messages["incomplete"], code="incomplete")
        try:
            value = date(*(int(part) for part in reversed(parts)))
        except (ValueError, OverflowError):
            raise forms.ValidationError(_("Enter a real date"), code="invalid") from None
        self.check(value)
        return value

    def check(self, value: date) -> None:
        """Raise ValidationError for a date this field does not allow."""


class PastDateField(DayMonthYearField):
    """A date that has been: not in the future, after 1900 (dates of birth)."""

    def __init__(self, *, label, help_text="", required=True):
        super().__init__(label=label, help_text=help_text or _("For example, 27 3 2011"), required=required)

    def check(self, value):
        if value > date.today():
            raise forms.ValidationError(_("The date cannot be in the future"), code="future")
        if value.year < 1900:
            raise forms.ValidationError(_("Enter a date after 1900"), code="too_old")
