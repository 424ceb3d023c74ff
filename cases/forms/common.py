"""Small helpers shared by the case forms, and the fields for dates and times.

A date something happened uses the GOV.UK date input (day, month, year) with a separate time box: a worker
types what they know, and nothing that happened can be in the future.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, cast

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fixed, Layout, Size
from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def helper(
    *fields, button: "StrOrPromise", cancel_url: str | None = None, warning: bool = False, button_id: str = "id_submit"
) -> FormHelper:
    """A GOV.UK form layout: the fields, the button, and a way back without saving. A form that shares its
    page with another gives its button an id of its own (`button_id`)."""
    form_helper = FormHelper()
    make_button = Button.warning if warning else Button
    items = [*fields, make_button("submit", button, css_id=button_id)]
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


def _example_date_hint() -> str:
    # A recent date as the example: it is what people type here most often.
    example = timezone.localdate() - timedelta(days=3)
    return _("For example, %(day)s %(month)s %(year)s") % {
        "day": example.day,
        "month": example.month,
        "year": example.year,
    }


EARLIEST = date(2000, 1, 1)


class HappenedOnField(DayMonthYearField):
    """A date something happened: since 2000, not in the future. The messages name the date asked for, so
    the error summary says which one is wrong. The example is a recent date: make the field when the form
    is made (as `WhenMixin.add_when` does), not once when the module is loaded."""

    def __init__(self, *, label, missing: "StrOrPromise", future: "StrOrPromise", required=True):
        super().__init__(label=label, help_text=_example_date_hint(), required=required, missing=missing)
        self.future_message = future

    def check(self, value):
        if value > timezone.localdate():
            raise forms.ValidationError(self.future_message, code="future")
        if value < EARLIEST:
            raise forms.ValidationError(_("Enter a date after 1 January 2000"), code="too_old")


TIME_PATTERN = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?$")
TIME_WORDS = {"midday": time(12, 0), "noon": time(12, 0), "midnight": time(0, 0)}


class TimeOfDayField(forms.CharField):
    """A time typed as people write it: 14:30, 14.30, 2:30pm, 2pm, midday or midnight."""

    def __init__(self, *, label, missing: "StrOrPromise", required=True):
        super().__init__(
            label=label,
            required=required,
            help_text=_("Use the 24-hour clock, for example 14:30, or write 2:30pm"),
            error_messages={"required": missing},
            widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "maxlength": "10"}),
        )

    def to_python(self, value):
        text = (super().to_python(value) or "").strip().lower()
        if not text:
            return None
        if text in TIME_WORDS:
            return TIME_WORDS[text]
        invalid = forms.ValidationError(_("Enter a real time, for example 14:30 or 2:30pm"), code="invalid")
        match = TIME_PATTERN.match(text)
        if not match:
            raise invalid
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        half = (match["half"] or "").replace(".", "")
        if half:
            if not 1 <= hour <= 12:
                raise invalid
            hour = hour % 12 + (12 if half == "pm" else 0)
        elif match["minute"] is None:
            raise invalid  # "14" alone could be a typo; ask for 14:00
        if hour > 23 or minute > 59:
            raise invalid
        return time(hour, minute)


@dataclass(frozen=True)
class When:
    """The words of a moment asked for as a date input and a time box: the question, and what is said when
    a part is missing or in the future. They name the moment, so that on a page that asks for two the
    error summary says which one is wrong."""

    question: "StrOrPromise"
    date_missing: "StrOrPromise"
    time_missing: "StrOrPromise"
    date_future: "StrOrPromise" = _("The date cannot be in the future")
    time_future: "StrOrPromise" = _("The time cannot be in the future")
    time_label: "StrOrPromise" = _("Time")


def _moment(day: date, at: time) -> datetime:
    """The date and time as the worker meant them, in the service's time zone."""
    return timezone.make_aware(datetime.combine(day, at))


class WhenMixin(forms.BaseForm):
    """Asks for a moment as a date input `<prefix>_on` and a time box `<prefix>_time`, and joins them into
    one, with the errors on the box that is wrong. Put it before `forms.Form` in a form's bases."""

    def add_when(self, prefix: str, words: When, *, required=True) -> list:
        """Adds the date input and the time box of a moment; answers their layout."""
        self.fields[f"{prefix}_on"] = HappenedOnField(
            label=words.question, missing=words.date_missing, future=words.date_future, required=required
        )
        self.fields[f"{prefix}_time"] = TimeOfDayField(
            label=words.time_label, missing=words.time_missing, required=required
        )
        return [
            Field(f"{prefix}_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text(f"{prefix}_time", field_width=Fixed.FIVE),
        ]

    def add_date_error(self, name: str, message) -> None:
        """An error about a date input, linked from the error summary to its day box."""
        self.add_error(name, message)
        day = cast(DayMonthYearField, self.fields[name]).fields[0].widget
        day.errors = [*getattr(day, "errors", []), str(message)]

    def moment(self, prefix: str, words: When) -> datetime | None:
        """The moment typed, or None when it is missing or wrong. Either part alone is an error (an
        optional moment is given whole or not at all); a moment in the future is one too."""
        date_name, time_name = f"{prefix}_on", f"{prefix}_time"
        day, at = self.cleaned_data.get(date_name), self.cleaned_data.get(time_name)
        if day is None and at is not None and not self.has_error(date_name):
            self.add_date_error(date_name, words.date_missing)
        if at is None and day is not None and not self.has_error(time_name):
            self.add_error(time_name, words.time_missing)
        if day is None or at is None:
            return None
        value = _moment(day, at)
        if value > timezone.now():
            self.add_error(time_name, words.time_future)
            return None
        return value

    def not_before(self, prefix: str, value: datetime | None, bound: datetime | None, message) -> datetime | None:
        """The moment, or None with `message` on its date when it is before `bound`."""
        if value and bound and value < bound:
            self.add_date_error(f"{prefix}_on", message)
            return None
        return value


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


def number_box() -> forms.TextInput:
    """The box a whole number is typed in: a text box that brings up the phone's number pad, as the GOV.UK
    Design System asks (a browser's number input changes the value on a scroll and styles apart)."""
    return forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"})


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
