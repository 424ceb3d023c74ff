"""Forms for the timeline: adding a contact, a significant event or a missing episode, recording that a
missing young person is back and that their return home interview was done, and the filter by kind.

The date and time fields they ask with are in `common`.
"""

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Div, Field, Layout, Size
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ..models import TimelineEntry
from .common import When, WhenMixin, helper

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

Kind = TimelineEntry.Kind

LONG_TEXT = 10_000


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
    title: "StrOrPromise" = ""
    button: "StrOrPromise" = _("Save")
    when = When(
        question=_("When did it happen?"),
        date_missing=_("Enter the date it happened"),
        time_missing=_("Enter the time it happened"),
    )
    summary_label: "StrOrPromise" = _("Summary")
    summary_help: "StrOrPromise" = ""
    details_label: "StrOrPromise" = _("Notes (optional)")
    details_help: "StrOrPromise" = ""

    summary = forms.CharField(max_length=200)
    details = forms.CharField(required=False, max_length=LONG_TEXT, widget=forms.Textarea)
    restricted = _restricted_field()

    def __init__(self, *args, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        summary = self.fields["summary"]
        summary.label, summary.help_text = self.summary_label, self.summary_help
        summary.error_messages["required"] = _("Enter a summary")
        summary.error_messages["max_length"] = _("The summary must be 200 characters or fewer")
        self.fields["details"].label = self.details_label
        self.fields["details"].help_text = self.details_help
        self.fields["details"].error_messages["max_length"] = _("The notes must be 10,000 characters or fewer")
        layout = [
            *self.add_when("occurred", self.when),
            *self.questions(),
            Field.radios("restricted", legend_size=Size.SMALL),
        ]
        # The error summary lists errors in field order: make it the order of the page.
        self.order_fields(_names(layout))
        self.helper = helper(*layout, button=self.button, cancel_url=cancel_url)

    def questions(self) -> list:
        """The questions between when it happened and who may see it. A kind whose own fields are made
        with the form (their wording is computed) adds them here."""
        return [Field.text("summary"), Field.textarea("details", rows=5)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None, "Form.clean answers the cleaned data"
        cleaned["occurred_at"] = self.moment("occurred", self.when)
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
    when = When(
        question=_("When was the contact?"),
        date_missing=_("Enter the date of the contact"),
        time_missing=_("Enter the time of the contact"),
    )
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Most contacts are written up the day they happen: the date starts as today. The time is left for
        # the worker to type: a time filled in for them could be saved without being read.
        self.initial.setdefault("occurred_on", timezone.localdate())

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


def _where_found_field(*, required: bool) -> forms.CharField:
    return forms.CharField(
        label=_("Where were they found, or how did they come back?"),
        help_text=_("For example: came home by themselves; found by police at a friend's house in Oldham"),
        required=required,
        max_length=200,
        error_messages={
            "required": _("Say where they were found, or how they came back"),
            "max_length": _("Where they were found must be 200 characters or fewer"),
        },
    )


@dataclass(frozen=True)
class EpisodeStep:
    """A moment recorded on a missing episode once it has started: its page's words, the moment of the
    episode it cannot come before, and whether where they were found is asked for with it."""

    prefix: str  # the fields <prefix>_on and <prefix>_time, cleaned into <prefix>_at
    when: When
    after: str  # the episode's field holding the moment it cannot come before
    too_early: "StrOrPromise"
    title: "StrOrPromise"
    button: "StrOrPromise"
    asks_where_found: bool = False


# They are back: the 72-hour clock for the return home interview starts from this moment.
CAME_BACK = EpisodeStep(
    prefix="returned",
    when=When(
        question=_("When did they come back or were they found?"),
        date_missing=_("Enter the date they came back"),
        time_missing=_("Enter the time they came back"),
        date_future=_("The date they came back cannot be in the future"),
        time_future=_("The time they came back cannot be in the future"),
    ),
    after="occurred_at",
    too_early=_("They cannot have come back before they went missing"),
    title=_("They are back"),
    button=_("Record that they are back"),
    asks_where_found=True,
)
INTERVIEW_DONE = EpisodeStep(
    prefix="done",
    when=When(
        question=_("When was the return home interview done?"),
        date_missing=_("Enter the date of the interview"),
        time_missing=_("Enter the time of the interview"),
        date_future=_("The date of the interview cannot be in the future"),
        time_future=_("The time of the interview cannot be in the future"),
    ),
    after="returned_at",
    too_early=_("The interview cannot have been before they came back"),
    title=_("Record the return home interview"),
    button=_("Record the interview"),
)


class MissingForm(EntryForm):
    """A missing episode, recorded as soon as it is known: the end can wait until they are back, and is
    asked here in the words of the `CAME_BACK` step."""

    kind = Kind.MISSING
    title = _("Record a missing episode")
    button = _("Record the missing episode")
    when = When(
        question=_("When did they go missing?"),
        date_missing=_("Enter the date they went missing"),
        time_missing=_("Enter the time they went missing"),
    )
    # Two times on one page: the second says whose it is.
    came_back = replace(CAME_BACK.when, time_label=_("Time they came back"))
    summary_help = _("One line, for example: Did not come home after school")
    details_label = _("What is known (optional)")
    details_help = _("Who reported it, who they might be with, what has been done so far.")

    where_found = _where_found_field(required=False)

    def questions(self):
        # A heading, not a fieldset: the date input is a fieldset already, and fieldsets should not nest.
        heading = format_html(
            '<h3 class="govuk-heading-m">{}</h3><p class="govuk-body">{}</p>',
            _("If they are back"),
            _("Leave this part blank if they are still missing."),
        )
        end = [HTML(heading), *self.add_when("returned", self.came_back, required=False), Field.text("where_found")]
        return [*super().questions(), *end]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        returned_at = self.moment("returned", self.came_back)
        returned_at = self.not_before("returned", returned_at, cleaned.get("occurred_at"), CAME_BACK.too_early)
        where = cleaned.get("where_found", "")
        if returned_at and not where and not self.has_error("where_found"):
            self.add_error("where_found", self.fields["where_found"].error_messages["required"])
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


class EpisodeStepForm(WhenMixin, forms.Form):
    """A step of a missing episode (`CAME_BACK`, `INTERVIEW_DONE`): when it was, not before the moment of
    the episode it follows, and where they were found when the step asks it."""

    def __init__(self, *args, step: EpisodeStep, entry: TimelineEntry, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.step, self.entry = step, entry
        self.title = step.title
        layout = self.add_when(step.prefix, step.when)
        if step.asks_where_found:
            self.fields["where_found"] = _where_found_field(required=True)
            layout.append(Field.text("where_found"))
        self.helper = helper(*layout, button=step.button, cancel_url=cancel_url)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None, "Form.clean answers the cleaned data"
        step = self.step
        value = self.moment(step.prefix, step.when)
        cleaned[f"{step.prefix}_at"] = self.not_before(
            step.prefix, value, getattr(self.entry, step.after), step.too_early
        )
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
        kind = cast(forms.ChoiceField, self.fields["kind"])
        kind.choices = [
            (value, format_html("{} ({})", label, counts.get(value, 0))) for value, label in FILTER_LABELS.items()
        ]
        kind.error_messages["invalid_choice"] = _("Choose one of the kinds of entry")
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
