"""The export's form: from which month to which month (within the last three years), by month or by quarter."""

from datetime import date

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Layout, Size
from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .periods import PER_MONTH, PER_QUARTER, Month, Period, month_add, month_of, periods

MONTHS_BACK = 36  # the months offered: the last three years, this month included
DEFAULT_MONTHS = 12


def _value(month: Month) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


class ExportForm(forms.Form):
    first = forms.ChoiceField(label=_("From the start of"))
    last = forms.ChoiceField(label=_("To the end of"))
    per = forms.ChoiceField(
        label=_("One row for each case"),
        choices=[(PER_MONTH, _("for each month")), (PER_QUARTER, _("for each quarter (January to March, ...)"))],
        widget=forms.RadioSelect,
        initial=PER_MONTH,
    )

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        this_month = month_of(today)
        months = [month_add(this_month, -back) for back in range(MONTHS_BACK)]
        choices = [(_value(month), date_format(date(*month, 1), "F Y")) for month in months]
        missing = {"required": _("Choose a month"), "invalid_choice": _("Choose a month from the list")}
        for name in ("first", "last"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices
            field.error_messages.update(missing)
        self.fields["per"].error_messages.update(
            {"required": _("Choose a row for each month or for each quarter"), "invalid_choice": _("Choose one")}
        )
        self.fields["first"].initial = _value(month_add(this_month, 1 - DEFAULT_MONTHS))
        self.fields["last"].initial = _value(this_month)
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Field.select("first"),
            Field.select("last"),
            Field.radios("per", legend_size=Size.SMALL),
            Button("export", _("Download the file"), css_id="id_submit"),
        )

    def clean(self):
        cleaned = super().clean() or {}
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and first > last:
            self.add_error("last", _("The last month must be the same as the first month or after it"))
        return cleaned

    def periods(self) -> list[Period]:
        data = self.cleaned_data
        first, last = (tuple(int(part) for part in data[name].split("-")) for name in ("first", "last"))
        return periods((first[0], first[1]), (last[0], last[1]), data["per"])
