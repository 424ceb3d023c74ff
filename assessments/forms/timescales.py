"""Forms for the assessment's timescale: the key worker's proposal, and the manager's decision on it
(agreed as it is, or changed)."""

from datetime import timedelta
from typing import Any

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Button, Field, Fixed, Layout
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.forms.common import helper

from ..models import TimescaleAgreement
from .fields import FutureDateField, WordsField, lines, weeks_field


def example_date(weeks: int = 6) -> str:
    return _("For example, %(example)s") % {
        "example": date_format(timezone.localdate() + timedelta(weeks=weeks), "j n Y")
    }


def strategy_field() -> WordsField:
    return WordsField(
        label=_("Engagement strategy"),
        help_text=_("How you will build the relationship with them: where, when, and doing what."),
        required_message=_("Describe the engagement strategy: where, when, and doing what"),
    )


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


class AgreeForm(forms.Form):
    """The manager agrees the proposal as it is, with a comment if they like. (Its ids are its own: the
    change form on the same page has a comment too.)"""

    comment = WordsField(label=_("Your comment (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "agree_%s")
        super().__init__(*args, **kwargs)
        self.helper = helper(
            HTML('<input type="hidden" name="decision" value="agree">'),
            Field.textarea("comment", rows=2),
            button=_("Agree the timescale"),
            button_id="agree-submit",
        )

    def changes(self) -> dict:
        """The keyword arguments for services.timescale_decide."""
        return {"comment": self.cleaned_data["comment"]}


class ChangeForm(forms.Form):
    """The manager changes the proposal, and says why: the key worker sees the comment."""

    weeks = weeks_field(_("Weeks for getting to know them"))
    strategy = strategy_field()
    target_date = FutureDateField(label=_("Target date for the first full picture"))
    comment = WordsField(
        label=_("Why are you changing it?"),
        help_text=_("The key worker sees your comment with the agreed timescale."),
        required_message=_("Say why you are changing the timescale"),
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
            Button.secondary("submit", _("Agree it with my changes"), css_id="change-submit"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        if any(name not in data for name in ("weeks", "strategy", "target_date")):
            return data
        proposal = self.proposal
        if (
            data["weeks"] == proposal.getting_to_know_weeks
            and data["strategy"] == lines(proposal.engagement_strategy)
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
