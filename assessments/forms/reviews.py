"""Forms for the assessment's review points: recording a review, and the weeks between reviews."""

from datetime import timedelta

from crispy_forms_gds.layout import HTML, Field, Fixed
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.forms.common import helper

from .fields import FutureDateField, WordsField, weeks_field


class ReviewForm(forms.Form):
    """What the worker records at a review, and the date agreed for the next one."""

    what_changed = WordsField(
        label=_("What has changed since the last review?"),
        help_text=_("For them, their family and the risks: what is better, what is worse, what is new."),
        required_message=_("Say what has changed since the last review"),
        max_length=20000,
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
            button_id="review-submit",
        )


class IntervalForm(forms.Form):
    weeks = weeks_field(_("Weeks between reviews"), _("From 1 to 26 weeks."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            HTML('<input type="hidden" name="form" value="interval">'),
            Field.text("weeks", field_width=Fixed.TWO),
            button=_("Change the interval"),
            button_id="interval-submit",
        )
