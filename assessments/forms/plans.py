"""Forms for the assessment's timescale, agreed with the manager, and its review points."""

from datetime import timedelta

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fixed, Layout
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.forms.common import DayMonthYearField, helper

from ..models import TimescaleAgreement

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


def example_date(weeks: int = 6) -> str:
    return _("For example, %(example)s") % {
        "example": date_format(timezone.localdate() + timedelta(weeks=weeks), "j n Y")
    }


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


def strategy_field() -> forms.CharField:
    return forms.CharField(
        label=_("Engagement strategy"),
        help_text=_("How you will build the relationship with them: where, when, and doing what."),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Describe the engagement strategy: where, when, and doing what")},
    )


def _lines(text: str) -> str:
    """Browsers send new lines as CRLF: compare and keep what was meant, not how it travelled."""
    return text.replace("\r\n", "\n").strip()


class TimescaleForm(forms.Form):
    """The key worker's proposal, for the manager to agree."""

    weeks = weeks_field(
        _("Weeks for getting to know them"),
        _("Time to build trust before the first full picture: from 1 to 26 weeks."),
    )
    strategy = strategy_field()
    target_date = FutureDateField(label=_("Target date for the first full picture"))

    def __init__(self, *args, button=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target_date"].help_text = example_date(8)
        self.helper = helper(
            Field.text("weeks", field_width=Fixed.TWO),
            Field.textarea("strategy", rows=5),
            Field("target_date"),
            button=button or _("Send to the manager to agree"),
        )

    def clean_strategy(self):
        return _lines(self.cleaned_data["strategy"])


class AgreeForm(forms.Form):
    """The manager agrees the proposal as it is, with a comment if they like. (Its ids are its own: the
    change form on the same page has a comment too.)"""

    comment = forms.CharField(
        label=_("Your comment (optional)"), widget=forms.Textarea, required=False, max_length=5000
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "agree_%s")
        super().__init__(*args, **kwargs)
        self.helper = helper(
            HTML('<input type="hidden" name="decision" value="agree">'),
            Field.textarea("comment", rows=2),
            button=_("Agree the timescale"),
        )

    def clean_comment(self):
        return _lines(self.cleaned_data["comment"])

    def changes(self) -> dict:
        """The keyword arguments for services.timescale_decide."""
        return {"comment": self.cleaned_data["comment"]}


class ChangeForm(forms.Form):
    """The manager changes the proposal, and says why: the key worker sees the comment."""

    weeks = weeks_field(_("Weeks for getting to know them"))
    strategy = strategy_field()
    target_date = FutureDateField(label=_("Target date for the first full picture"))
    comment = forms.CharField(
        label=_("Why are you changing it?"),
        help_text=_("The key worker sees your comment with the agreed timescale."),
        widget=forms.Textarea,
        max_length=5000,
        error_messages={"required": _("Say why you are changing the timescale")},
    )

    def __init__(self, *args, proposal: TimescaleAgreement, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "weeks": proposal.getting_to_know_weeks,
                "strategy": proposal.engagement_strategy,
                "target_date": proposal.target_date,
            },
        )
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.fields["target_date"].help_text = example_date(8)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            HTML('<input type="hidden" name="decision" value="change">'),
            Field.text("weeks", field_width=Fixed.TWO),
            Field.textarea("strategy", rows=5),
            Field("target_date"),
            Field.textarea("comment", rows=3),
            Button.secondary("submit", _("Agree it with my changes")),
        )

    def clean_strategy(self):
        return _lines(self.cleaned_data["strategy"])

    def clean_comment(self):
        return _lines(self.cleaned_data["comment"])

    def clean(self):
        data = super().clean()
        if any(name not in data for name in ("weeks", "strategy", "target_date")):
            return data
        proposal = self.proposal
        if (
            data["weeks"] == proposal.getting_to_know_weeks
            and data["strategy"] == _lines(proposal.engagement_strategy)
            and data["target_date"] == proposal.target_date
        ):
            raise forms.ValidationError(
                _("You have not changed anything: agree it as it is, or change the weeks, the strategy or the date"),
                code="unchanged",
            )
        return data

    def changes(self) -> dict:
        """The keyword arguments for services.timescale_decide."""
        data = self.cleaned_data
        return {
            "comment": data["comment"],
            "weeks": data["weeks"],
            "strategy": data["strategy"],
            "target_date": data["target_date"],
        }


class ReviewForm(forms.Form):
    """What the worker records at a review, and the date agreed for the next one."""

    what_changed = forms.CharField(
        label=_("What has changed since the last review?"),
        help_text=_("For them, their family and the risks: what is better, what is worse, what is new."),
        widget=forms.Textarea,
        max_length=20000,
        error_messages={"required": _("Say what has changed since the last review")},
    )
    next_due_on = FutureDateField(label=_("Date of the next review"))
    # The review the worker had on screen: if someone records it first, theirs is not recorded against
    # the next one by surprise.
    review = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, review_pk: int | None = None, interval_weeks: int = 6, **kwargs):
        kwargs.setdefault(
            "initial", {"next_due_on": timezone.localdate() + timedelta(weeks=interval_weeks), "review": review_pk}
        )
        super().__init__(*args, **kwargs)
        self.fields["next_due_on"].help_text = ngettext(
            "Agree it with the young person and their family. Reviews for this case are usually %(weeks)s week apart.",
            "Agree it with the young person and their family. Reviews for this case are usually %(weeks)s weeks apart.",
            interval_weeks,
        ) % {"weeks": interval_weeks}
        self.helper = helper(
            HTML('<input type="hidden" name="form" value="review">'),
            Field("review"),
            Field.textarea("what_changed", rows=6),
            Field("next_due_on"),
            button=_("Record the review"),
        )

    def clean_what_changed(self):
        return _lines(self.cleaned_data["what_changed"])


class IntervalForm(forms.Form):
    weeks = weeks_field(_("Weeks between reviews"), _("From 1 to 26 weeks."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            HTML('<input type="hidden" name="form" value="interval">'),
            Field.text("weeks", field_width=Fixed.TWO),
            button=_("Change the interval"),
        )
