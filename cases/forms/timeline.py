"""Forms for the timeline: adding a contact, a significant event or a missing episode, recording that a
missing young person is back and that their return home interview was done, and the filter by kind.

Dates use the GOV.UK date input (day, month, year) with a separate time box: a worker types what they
know, and nothing that happened can be in the future.
"""

import re
from datetime import date, datetime, time, timedelta

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Div, Field, Fixed, Layout, Size
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import TimelineEntry
from .common import DayMonthYearField, helper

Kind = TimelineEntry.Kind

EARLIEST = date(2000, 1, 1)
LONG_TEXT = 10_000

TIME_PATTERN = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?$")
TIME_WORDS = {"midday": time(12, 0), "noon": time(12, 0), "midnight": time(0, 0)}


def _example_date_hint() -> str:
    # A recent date as the example: it is what people type here most often.
    example = timezone.localdate() - timedelta(days=3)
    return _("For example, %(day)s %(month)s %(year)s") % {
        "day": example.day,
        "month": example.month,
        "year": example.year,
    }


class HappenedOnField(DayMonthYearField):
    """A date something happened: since 2000, not in the future. The messages name the date asked for, so
    the error summary says which one is wrong."""

    def __init__(self, *, label, missing: str, future: str, required=True):
        super().__init__(label=label, required=required, missing=missing)
        self.future_message = future

    def check(self, value):
        if value > timezone.localdate():
            raise forms.ValidationError(self.future_message, code="future")
        if value < EARLIEST:
            raise forms.ValidationError(_("Enter a date after 1 January 2000"), code="too_old")


class TimeOfDayField(forms.CharField):
    """A time typed as people write it: 14:30, 14.30, 2:30pm, 2pm, midday or midnight."""

    def __init__(self, *, label, missing: str, required=True):
        super().__init__(
            label=label,
            required=required,
            help_text=_("Use the 24-hour clock, for example 14:30, or write 2:30pm"),
            error_messages={"required": missing},
            widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "maxlength": "10"}),
        )

    def to_python(self, value):
        text = super().to_python(value).strip().lower()
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


def _moment(day: date, at: time) -> datetime:
    """The date and time as the worker meant them, in the service's time zone."""
    return timezone.make_aware(datetime.combine(day, at))


class WhenMixin:
    """Joins a date input and a time box into one moment, with the errors on the box that is wrong."""

    def add_date_error(self, name: str, message) -> None:
        """An error about a date input, linked from the error summary to its day box."""
        self.add_error(name, message)
        day = self.fields[name].fields[0].widget
        day.errors = [*getattr(day, "errors", []), str(message)]

    def moment(self, date_name: str, time_name: str, *, future: str, optional=False, date_missing="", time_missing=""):
        day = self.cleaned_data.get(date_name)
        at = self.cleaned_data.get(time_name)
        if optional:
            if day is None and at is None and not self.has_error(date_name) and not self.has_error(time_name):
                return None
            if day is None and at is not None and not self.has_error(date_name):
                self.add_date_error(date_name, date_missing)
            if at is None and day is not None and not self.has_error(time_name):
                self.add_error(time_name, time_missing)
        if day is None or at is None:
            return None
        value = _moment(day, at)
        if value > timezone.now():
            self.add_error(time_name, future)
            return None
        return value


def _when_fields(layout_date: str, layout_time: str):
    return [
        Field(layout_date, context={"legend_size": Size.for_legend(Size.SMALL)}),
        Field.text(layout_time, field_width=Fixed.FIVE),
    ]


def _restricted_field():
    # Radios rather than a lone checkbox: who will see an entry is a decision, and both answers are
    # spelled out. Everyone on the case is the usual answer, so it is the one already chosen.
    return forms.TypedChoiceField(
        label=_("Who may see this entry?"),
        help_text=_(
            "Restrict it if it is, for example, police intelligence, or something the young person asked "
            "to keep private."
        ),
        choices=[
            ("no", _("Everyone working on the case")),
            ("yes", _("Only the key worker, the team's managers and me (restricted)")),
        ],
        coerce=lambda value: value == "yes",
        initial="no",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say who may see this entry"),
            "invalid_choice": _("Say who may see this entry"),
        },
    )


class EntryForm(WhenMixin, forms.Form):
    """What every timeline entry has: when, a one-line summary, notes, and whether it is restricted.
    Each kind adds its own questions and wording."""

    kind: str
    title = ""
    button = _("Save")
    when_label = _("When did it happen?")
    when_missing = _("Enter the date it happened")
    time_missing = _("Enter the time it happened")
    summary_label = _("Summary")
    summary_help = ""
    details_label = _("Notes (optional)")
    details_help = ""

    summary = forms.CharField(max_length=200)
    details = forms.CharField(required=False, max_length=LONG_TEXT, widget=forms.Textarea)
    restricted = _restricted_field()

    def __init__(self, *args, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"] = HappenedOnField(
            label=self.when_label, missing=self.when_missing, future=_("The date cannot be in the future")
        )
        self.fields["occurred_on"].help_text = _example_date_hint()
        self.fields["occurred_time"] = TimeOfDayField(label=_("Time"), missing=self.time_missing)
        summary = self.fields["summary"]
        summary.label, summary.help_text = self.summary_label, self.summary_help
        summary.error_messages["required"] = _("Enter a summary")
        summary.error_messages["max_length"] = _("The summary must be 200 characters or fewer")
        self.fields["details"].label = self.details_label
        self.fields["details"].help_text = self.details_help
        self.fields["details"].error_messages["max_length"] = _("The notes must be 10,000 characters or fewer")
        self.add_fields()
        layout = [
            *_when_fields("occurred_on", "occurred_time"),
            *self.questions(),
            Field.radios("restricted", legend_size=Size.SMALL),
        ]
        # The error summary lists errors in field order: make it the order of the page.
        self.order_fields(_names(layout))
        self.helper = helper(*layout, button=self.button, cancel_url=cancel_url)

    def add_fields(self) -> None:
        """Fields of this kind built when the form is (their wording is computed)."""

    def questions(self) -> list:
        """The questions between when it happened and who may see it."""
        return [Field.text("summary"), Field.textarea("details", rows=5)]

    def clean(self):
        cleaned = super().clean()
        cleaned["occurred_at"] = self.moment(
            "occurred_on", "occurred_time", future=_("The time cannot be in the future")
        )
        return cleaned

    def entry_fields(self) -> dict:
        """The fields of the new entry, for `services.timeline_add`."""
        data = self.cleaned_data
        return {
            "occurred_at": data["occurred_at"],
            "summary": data["summary"],
            "details": data["details"].strip(),
            "restricted": data["restricted"],
        }


def _names(layout) -> list[str]:
    """The field names in a layout, in order (walking into fieldsets)."""
    names = []
    for item in layout:
        if isinstance(item, Field):
            names.extend(item.fields)
        elif hasattr(item, "fields"):
            names.extend(_names(item.fields))
    return names


class ContactForm(EntryForm):
    kind = Kind.CONTACT
    title = _("Add a contact")
    button = _("Add the contact")
    when_label = _("When was the contact?")
    when_missing = _("Enter the date of the contact")
    time_missing = _("Enter the time of the contact")
    summary_help = _("One line, for example: Home visit, talked about going back to school")

    SEEN_ALONE = {"yes": True, "no": False, "not_seen": None}

    method = forms.ChoiceField(
        label=_("How was the contact made?"),
        choices=TimelineEntry.Method.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how the contact happened"),
            "invalid_choice": _("Choose one of the ways"),
        },
    )
    seen_alone = forms.ChoiceField(
        label=_("Was the young person seen alone?"),
        choices=[
            ("yes", _("Yes")),
            ("no", _("No")),
            ("not_seen", _("They were not seen (for example, a call or a message)")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether the young person was seen alone"),
            "invalid_choice": _("Say whether the young person was seen alone"),
        },
    )
    their_words = forms.CharField(
        label=_("What did they say, in their words? (optional)"),
        help_text=_("Write it down as they said it, not what you made of it."),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea,
    )

    def questions(self):
        return [
            Field.radios("method", legend_size=Size.SMALL),
            Field.radios("seen_alone", legend_size=Size.SMALL),
            Field.text("summary"),
            Field.textarea("their_words", rows=4),
            Field.textarea("details", rows=5),
        ]

    def entry_fields(self) -> dict:
        data = self.cleaned_data
        return {
            **super().entry_fields(),
            "method": data["method"],
            "seen_alone": self.SEEN_ALONE[data["seen_alone"]],
            "their_words": data["their_words"].strip(),
        }


class EventForm(EntryForm):
    kind = Kind.EVENT
    title = _("Add a significant event")
    button = _("Add the event")
    summary_label = _("What happened?")
    summary_help = _("One line, for example: Moved to a new foster placement")
    details_label = _("More detail (optional)")


class MissingForm(EntryForm):
    """A missing episode, recorded as soon as it is known: the end can wait until they are back."""

    kind = Kind.MISSING
    title = _("Record a missing episode")
    button = _("Record the missing episode")
    when_label = _("When did they go missing?")
    when_missing = _("Enter the date they went missing")
    time_missing = _("Enter the time they went missing")
    summary_help = _("One line, for example: Did not come home after school")
    details_label = _("What is known (optional)")
    details_help = _("Who reported it, who they might be with, what has been done so far.")

    where_found = forms.CharField(
        label=_("Where were they found, or how did they come back?"),
        help_text=_("For example: came home by themselves; found by police at a friend's house in Oldham"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Where they were found must be 200 characters or fewer")},
    )

    def add_fields(self):
        self.fields["returned_on"] = HappenedOnField(
            label=_("When did they come back or were they found?"),
            missing=_("Enter the date they came back"),
            future=_("The date they came back cannot be in the future"),
            required=False,
        )
        self.fields["returned_on"].help_text = _example_date_hint()
        self.fields["returned_time"] = TimeOfDayField(
            label=_("Time they came back"), missing=_("Enter the time they came back"), required=False
        )

    def questions(self):
        # A heading, not a fieldset: the date input is a fieldset already, and fieldsets should not nest.
        heading = format_html(
            '<h3 class="govuk-heading-m">{}</h3><p class="govuk-body">{}</p>',
            _("If they are back"),
            _("Leave this part blank if they are still missing."),
        )
        end = [HTML(heading), *_when_fields("returned_on", "returned_time"), Field.text("where_found")]
        return [*super().questions(), *end]

    def clean(self):
        cleaned = super().clean()
        returned_at = self.moment(
            "returned_on",
            "returned_time",
            future=_("The time they came back cannot be in the future"),
            optional=True,
            date_missing=_("Enter the date they came back"),
            time_missing=_("Enter the time they came back"),
        )
        went = cleaned.get("occurred_at")
        where = cleaned.get("where_found", "")
        if returned_at and went and returned_at < went:
            self.add_date_error("returned_on", _("They cannot have come back before they went missing"))
            returned_at = None
        if returned_at and not where and not self.has_error("where_found"):
            self.add_error("where_found", _("Say where they were found, or how they came back"))
        if where and returned_at is None and not (self.has_error("returned_on") or self.has_error("returned_time")):
            self.add_date_error("returned_on", _("Enter when they came back, or leave where they were found blank"))
        cleaned["returned_at"] = returned_at
        return cleaned

    def entry_fields(self) -> dict:
        return {
            **super().entry_fields(),
            "returned_at": self.cleaned_data["returned_at"],
            "where_found": self.cleaned_data["where_found"] if self.cleaned_data["returned_at"] else "",
        }


ENTRY_FORMS: dict[str, type[EntryForm]] = {Kind.CONTACT: ContactForm, Kind.EVENT: EventForm, Kind.MISSING: MissingForm}


class ReturnedForm(WhenMixin, forms.Form):
    """They are back: when, and where they were found. The 72-hour clock for the return home interview
    starts from this moment."""

    where_found = forms.CharField(
        label=_("Where were they found, or how did they come back?"),
        help_text=_("For example: came home by themselves; found by police at a friend's house in Oldham"),
        max_length=200,
        error_messages={
            "required": _("Say where they were found, or how they came back"),
            "max_length": _("Where they were found must be 200 characters or fewer"),
        },
    )

    def __init__(self, *args, entry: TimelineEntry, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        self.fields["returned_on"] = HappenedOnField(
            label=_("When did they come back or were they found?"),
            missing=_("Enter the date they came back"),
            future=_("The date they came back cannot be in the future"),
        )
        self.fields["returned_on"].help_text = _example_date_hint()
        self.fields["returned_time"] = TimeOfDayField(label=_("Time"), missing=_("Enter the time they came back"))
        self.order_fields(["returned_on", "returned_time", "where_found"])
        self.helper = helper(
            *_when_fields("returned_on", "returned_time"),
            Field.text("where_found"),
            button=_("Record that they are back"),
            cancel_url=cancel_url,
        )

    def clean(self):
        cleaned = super().clean()
        returned_at = self.moment(
            "returned_on", "returned_time", future=_("The time they came back cannot be in the future")
        )
        if returned_at and returned_at < self.entry.occurred_at:
            self.add_date_error("returned_on", _("They cannot have come back before they went missing"))
            returned_at = None
        cleaned["returned_at"] = returned_at
        return cleaned


class InterviewForm(WhenMixin, forms.Form):
    """The return home interview was done: when."""

    def __init__(self, *args, entry: TimelineEntry, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        self.fields["done_on"] = HappenedOnField(
            label=_("When was the return home interview done?"),
            missing=_("Enter the date of the interview"),
            future=_("The date of the interview cannot be in the future"),
        )
        self.fields["done_on"].help_text = _example_date_hint()
        self.fields["done_time"] = TimeOfDayField(label=_("Time"), missing=_("Enter the time of the interview"))
        self.helper = helper(
            *_when_fields("done_on", "done_time"),
            button=_("Record the interview"),
            cancel_url=cancel_url,
        )

    def clean(self):
        cleaned = super().clean()
        done_at = self.moment("done_on", "done_time", future=_("The time of the interview cannot be in the future"))
        if done_at and self.entry.returned_at and done_at < self.entry.returned_at:
            self.add_date_error("done_on", _("The interview cannot have been before they came back"))
            done_at = None
        cleaned["done_at"] = done_at
        return cleaned


ALL = ""
FILTER_LABELS = {
    ALL: _("Everything"),
    Kind.CONTACT: _("Contacts"),
    Kind.EVENT: _("Significant events"),
    Kind.MISSING: _("Missing episodes"),
}


class TimelineFilterForm(forms.Form):
    """Which kind of entry to show. The counts in the choices are of the entries this person may see."""

    kind = forms.ChoiceField(label=_("Show"), required=False, choices=[])

    def __init__(self, *args, counts: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, format_html("{} ({})", label, counts.get(value, 0))) for value, label in FILTER_LABELS.items()
        ]
        self.fields["kind"].error_messages["invalid_choice"] = _("Choose one of the kinds of entry")
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Div(Field.select("kind"), Button.secondary("filter", _("Show entries")), css_class="act-filter-row")
        )

    @property
    def chosen(self) -> str:
        """The kind chosen, or everything when nothing (or something unknown) was asked for."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["kind"]
        return ALL
