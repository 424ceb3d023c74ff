"""Small helpers shared by the case forms."""

from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Layout
from django import forms
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


class PastDateField(DateInputField):
    """A GOV.UK date input that accepts only real dates, not in the future, after 1900."""

    def __init__(self, *, label, help_text="", required=True):
        super().__init__(label=label, help_text=help_text or _("For example, 27 3 2011"), required=required)
        self.error_messages["required"] = _("Enter the day, month and year")
        self.error_messages["incomplete"] = _("Enter the day, month and year")

    def compress(self, data_list):
        day, month, year = data_list
        if day in (None, "") and month in (None, "") and year in (None, ""):
            return None
        try:
            value = date(int(year), int(month), int(day))
        except (TypeError, ValueError):
            raise forms.ValidationError(_("Enter a real date"), code="invalid") from None
        if value > date.today():
            raise forms.ValidationError(_("The date cannot be in the future"), code="future")
        if value.year < 1900:
            raise forms.ValidationError(_("Enter a date after 1900"), code="too_old")
        return value
