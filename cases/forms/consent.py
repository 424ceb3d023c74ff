"""Recording consent to share information with partner agencies."""

from typing import Any

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import PartnerAgency

from ..models import Consent
from .common import HappenedOnField, helper

NEEDS_SOMEONE = (Consent.Basis.CONSENT, Consent.Basis.REFUSED)


class ConsentForm(forms.Form):
    basis = forms.ChoiceField(
        label=_("What is the basis for sharing information with partner agencies?"),
        choices=Consent.Basis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the basis for sharing")},
    )
    given_by = forms.ChoiceField(
        label=_("Who agreed, or did not agree?"),
        choices=Consent.GivenBy.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("For sharing without consent, choose “Nobody”."),
    )
    excludes = forms.MultipleChoiceField(
        label=_("Agencies it leaves out (optional)"),
        choices=PartnerAgency.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Partner agency workers of these kinds are not added to the case without a reason."),
    )
    notes = forms.CharField(label=_("Anything to add (optional)"), max_length=500, required=False)

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"] = HappenedOnField(
            label=_("When was this agreed or decided?"),
            missing=_("Enter the date it was agreed or decided"),
            future=_("The date must be today or in the past"),
        )
        self.order_fields(["basis", "given_by", "given_on", "excludes", "notes"])
        self.helper = helper(
            Field.radios("basis", legend_size=Size.SMALL),
            Field.radios("given_by", legend_size=Size.SMALL),
            Field("given_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.checkboxes("excludes", legend_size=Size.SMALL, small=True),
            Field.text("notes"),
            button=_("Record consent"),
            cancel_url=cancel_url,
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        if data.get("basis") in NEEDS_SOMEONE and not data.get("given_by"):
            self.add_error("given_by", _("Say who agreed or did not agree"))
        return data
