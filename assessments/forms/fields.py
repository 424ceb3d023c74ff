"""Fields the assessment's timescale and review forms share: a date ahead, a number of weeks, and words
typed in a text box."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms.common import DayMonthYearField

WEEKS_LOW, WEEKS_HIGH = 1, 26


class FutureDateField(DayMonthYearField):
    """A date after today, and not years ahead (a year typed wrongly, 2205 for 2025, would otherwise put a
    review out of sight)."""

    def __init__(self, *, label, help_text="", required=True, within_years=2):
        super().__init__(label=label, help_text=help_text, required=required)
        self.within_years = within_years

    def check(self, value):
        today = timezone.localdate()
        if value <= today:
            raise forms.ValidationError(_("The date must be in the future"), code="past")
        if value > today + timedelta(days=365 * self.within_years):
            raise forms.ValidationError(
                _("Enter a date within the next %(years)s years") % {"years": self.within_years}, code="too_far"
            )


def weeks_field(label, help_text="") -> forms.IntegerField:
    """A number of weeks from 1 to 26 (half a year: the most either a timescale or a gap between reviews
    should be)."""
    out_of_range = _("Enter a number of weeks from 1 to 26")
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=WEEKS_LOW,
        max_value=WEEKS_HIGH,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter the number of weeks"),
            "invalid": _("Enter the number of weeks as a whole number, like 6"),
            "min_value": out_of_range,
            "max_value": out_of_range,
        },
    )


def lines(text: str) -> str:
    """Browsers send new lines as CRLF: compare and keep what was meant, not how it travelled."""
    return text.replace("\r\n", "\n").strip()


class WordsField(forms.CharField):
    """Words typed in a text box, kept as they were meant (see `lines`). `required_message` says what to
    write when nothing is."""

    widget = forms.Textarea

    def __init__(self, *, label, help_text="", required=True, required_message=None, max_length=5000):
        super().__init__(
            label=label,
            help_text=help_text,
            required=required,
            max_length=max_length,
            error_messages={"required": required_message} if required_message else None,
        )

    def clean(self, value):
        return lines(super().clean(value))
