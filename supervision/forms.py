"""The manager's forms: a supervision record with a worker, and a direction for a case discussed."""

from datetime import date, timedelta
from typing import cast

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms.common import DayMonthYearField, HappenedOnField, helper
from cases.models import Case


class CasesField(forms.ModelMultipleChoiceField):
    """Cases, each named by its young person."""

    def label_from_instance(self, obj) -> str:
        return str(obj.young_person)


class CaseField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj.young_person)


class SupervisionForm(forms.Form):
    cases = CasesField(
        label=_("Which cases did you discuss?"),
        queryset=Case.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The open cases this worker holds in your team. You give directions for them next."),
    )
    reflections = forms.CharField(
        label=_("Reflections"),
        help_text=_(
            "How they are doing and what they need. Only they and the team's managers read this: "
            "it is never shown on a case, to partner agencies, or in an export."
        ),
        max_length=8000,
        widget=forms.Textarea,
        error_messages={"required": _("Write your reflections")},
    )

    def __init__(self, *args, cases, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"] = HappenedOnField(
            label=_("Date of the supervision"),
            missing=_("Enter the date of the supervision"),
            future=_("The date of the supervision must be today or in the past"),
        )
        discussed = cast(CasesField, self.fields["cases"])
        discussed.queryset = cases
        self.order_fields(["held_on", "cases", "reflections"])
        self.helper = helper(
            Field("held_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.checkboxes("cases", legend_size=Size.SMALL),
            Field.textarea("reflections", rows=8),
            button=_("Save the supervision"),
            cancel_url=cancel_url,
        )


def _example(day: date) -> str:
    return _("For example, %(day)s %(month)s %(year)s") % {"day": day.day, "month": day.month, "year": day.year}


class DueDateField(DayMonthYearField):
    """A direction's date: from the supervision's date, within two years."""

    def __init__(self, *, since: date):
        super().__init__(
            label=_("By when"),
            help_text=_example(timezone.localdate() + timedelta(days=14)),
            missing=_("Enter the date it should happen by"),
        )
        self.since = since

    def check(self, value):
        if value < self.since:
            raise forms.ValidationError(_("The date must be on or after the supervision"), code="early")
        if value > self.since + timedelta(days=731):
            raise forms.ValidationError(_("The date must be within two years"), code="late")


class DirectionForm(forms.Form):
    case = CaseField(
        label=_("Case"),
        queryset=Case.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the case"), "invalid_choice": _("Choose a case you discussed")},
    )
    what = forms.CharField(
        label=_("What should happen next"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Say what should happen next")},
    )

    def __init__(self, *args, cases, since: date, **kwargs):
        super().__init__(*args, **kwargs)
        case = cast(CaseField, self.fields["case"])
        case.queryset = cases
        self.fields["due_on"] = DueDateField(since=since)
        self.helper = helper(
            Field.radios("case", legend_size=Size.SMALL),
            Field.textarea("what", rows=4),
            Field("due_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            button=_("Add the direction"),
            button_id="id_add_direction",
        )
