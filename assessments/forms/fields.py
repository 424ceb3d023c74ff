"""Fields the assessment's timescale and review forms share: a date ahead, a number of weeks, and words
typed in a text box (the date and the words are the case record's, used by the family plan too)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms.common import FutureDateField, WordsField, lines, number_box

WEEKS_LOW, WEEKS_HIGH = 1, 26


def weeks_field(label, help_text="") -> forms.IntegerField:
    """A number of weeks from 1 to 26 (half a year: the most either a timescale or a gap between reviews
    should be)."""
    out_of_range = _("Enter a number of weeks from 1 to 26")
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=WEEKS_LOW,
        max_value=WEEKS_HIGH,
        widget=number_box(),
        error_messages={
            "required": _("Enter the number of weeks"),
            "invalid": _("Enter the number of weeks as a whole number, like 6"),
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


__all__ = ["FutureDateField", "WordsField", "lines", "weeks_field"]
