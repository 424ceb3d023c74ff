"""The register of concerns: finding entries, adding or changing one, and linking one to a case."""

from typing import Any, cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Div, Field, Fluid, Layout, Size
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ..models import ConcernEntry, ConcernKind
from .common import HappenedOnField, helper


class ConcernFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or description"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *ConcernKind.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Div(
                Field.text("q", field_width=Fluid.FULL),
                Field.select("kind"),
                Button.secondary("filter", _("Show entries")),
                css_class="act-filter-row",
            )
        )

    def narrow(self, entries: QuerySet[ConcernEntry]) -> QuerySet[ConcernEntry]:
        if not self.is_valid():
            return entries
        if self.cleaned_data["q"].strip():
            entries = entries.filter(name__icontains=self.cleaned_data["q"].strip())
        if self.cleaned_data["kind"]:
            entries = entries.filter(kind=self.cleaned_data["kind"])
        return entries


class ConcernForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of concern is it?"),
        choices=ConcernKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of concern it is")},
    )
    name = forms.CharField(
        label=_("Name or short description"),
        help_text=_("For example: older male known as 'Tee', a silver hatchback, a flat above the shops."),
        max_length=150,
        error_messages={"required": _("Give a name or a short description")},
    )
    details = forms.CharField(
        label=_("Details (optional)"),
        help_text=_(
            "What is known: descriptions, addresses, registration numbers, usernames. "
            "Do not name young people here: link the entry to their cases instead."
        ),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, cancel_url: str, button: Any, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("name"),
            Field.textarea("details"),
            button=button,
            cancel_url=cancel_url,
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Give a name or a short description"))
        return name


class ConcernLinkForm(forms.Form):
    entry = forms.ModelChoiceField(
        label=_("Which entry of the register?"),
        queryset=ConcernEntry.objects.none(),
        empty_label=_("Choose an entry"),
        error_messages={"required": _("Choose an entry"), "invalid_choice": _("Choose an entry from the list")},
    )
    source = forms.CharField(
        label=_("Where did the information come from?"),
        help_text=_("For example: police intelligence, the young person told their worker, a school report."),
        max_length=200,
        error_messages={"required": _("Say where the information came from")},
    )

    def __init__(self, *args, entries: QuerySet[ConcernEntry], cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["entry"]).queryset = entries
        self.fields["noticed_on"] = HappenedOnField(
            label=_("When was the information given?"),
            missing=_("Enter the date of the information"),
            future=_("The date of the information must be today or in the past"),
        )
        self.order_fields(["entry", "noticed_on", "source"])
        self.helper = helper(
            Field.select("entry"),
            Field("noticed_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("source"),
            button=_("Link to this case"),
            cancel_url=cancel_url,
        )

    def clean_source(self) -> str:
        source = self.cleaned_data["source"].strip()
        if not source:
            raise forms.ValidationError(_("Say where the information came from"))
        return source
