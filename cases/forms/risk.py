"""Changing the level of concern, and recording a warning sign noticed or no longer seen."""

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import RiskLevel, WarningSign
from ..services.risk import TEXT_LENGTH
from .common import HappenedOnField, helper


class RiskChangeForm(forms.Form):
    level = forms.ChoiceField(
        label=_("What is the level of concern now?"),
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the level of concern"),
            "invalid_choice": _("Choose the level of concern"),
        },
    )
    why = forms.CharField(
        label=_("Why?"),
        help_text=_("What you know and your professional judgement, in plain words."),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Say why the level of concern is changing")},
    )
    doing = forms.CharField(
        label=_("What is being done?"),
        max_length=TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what is being done")},
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.radios("level", legend_size=Size.SMALL),
            Field.textarea("why"),
            Field.textarea("doing"),
            button=_("Save the level of concern"),
            cancel_url=cancel_url,
        )

    def clean_why(self) -> str:
        return _not_blank(self.cleaned_data["why"], _("Say why the level of concern is changing"))

    def clean_doing(self) -> str:
        return _not_blank(self.cleaned_data["doing"], _("Say what is being done"))


def _not_blank(text: str, message) -> str:
    if not text.strip():
        raise forms.ValidationError(message)
    return text.strip()


NOTICED = "noticed"
ENDED = "ended"


class WarningSignForm(forms.Form):
    sign = forms.ChoiceField(
        label=_("Which warning sign?"),
        choices=WarningSign.Sign.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a warning sign"), "invalid_choice": _("Choose a warning sign")},
    )
    change = forms.ChoiceField(
        label=_("What are you recording?"),
        choices=[(NOTICED, _("It has been noticed")), (ENDED, _("It is no longer seen"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether it was noticed or is no longer seen"),
            "invalid_choice": _("Say whether it was noticed or is no longer seen"),
        },
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"] = HappenedOnField(
            label=_("From when?"),
            missing=_("Enter the date it was noticed, or no longer seen"),
            future=_("The date must be today or in the past"),
        )
        self.helper = helper(
            Field.radios("sign", legend_size=Size.SMALL),
            Field.radios("change", legend_size=Size.SMALL),
            Field("on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            button=_("Save the warning sign"),
            cancel_url=cancel_url,
        )
