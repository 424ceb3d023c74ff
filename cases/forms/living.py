"""Recording a move of where the young person lives."""

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import LivingSituation
from .common import HappenedOnField, helper

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
PLANNED = [("planned", _("Planned")), ("breakdown", _("A breakdown: it ended before it was meant to"))]


class MoveForm(forms.Form):
    to_kind = forms.ChoiceField(
        label=_("Where did they move to?"),
        choices=LivingSituation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose where they moved to")},
    )
    in_area = forms.ChoiceField(
        label=_("Is it in the council's area?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether it is in the council's area")},
    )
    planned = forms.ChoiceField(
        label=_("Was the move planned?"),
        choices=PLANNED,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the move was planned or a breakdown")},
    )
    reason = forms.CharField(
        label=_("Why did they move?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why they moved")},
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moved_on"] = HappenedOnField(
            label=_("When did they move?"),
            missing=_("Enter the date of the move"),
            future=_("The date of the move must be today or in the past"),
        )
        self.order_fields(["moved_on", "to_kind", "in_area", "planned", "reason"])
        self.helper = helper(
            Field("moved_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.radios("to_kind", legend_size=Size.SMALL),
            Field.radios("in_area", legend_size=Size.SMALL, inline=True),
            Field.radios("planned", legend_size=Size.SMALL),
            Field.textarea("reason"),
            button=_("Record the move"),
            cancel_url=cancel_url,
        )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why they moved"))
        return reason

    def move_fields(self) -> dict:
        data = self.cleaned_data
        return {
            "moved_on": data["moved_on"],
            "to_kind": data["to_kind"],
            "in_area": data["in_area"] == "yes",
            "planned": data["planned"] == "planned",
            "reason": data["reason"],
        }
