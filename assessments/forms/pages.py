from typing import Any, cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Fluid, Hidden, Layout, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms.common import helper

from ..sections import Audience


def _layout(name: str, *fields, button) -> FormHelper:
    """A part's page holds two forms: each says which it is (`form`), and its inputs and button have ids of
    their own (the fields through the form's prefix, `name`)."""
    form_helper = FormHelper()
    form_helper.layout = Layout(
        Hidden("form", name, css_id=f"{name}-form"), *fields, Button("submit", button, css_id=f"{name}-submit")
    )
    return form_helper


class ContributionForm(forms.Form):
    """The worker's or a partner's own words in a section. `version` is the version the text was based
    on: a save based on an older one is refused and both versions are shown."""

    prefix = "words"
    text = forms.CharField(label=_("Your words"), widget=forms.Textarea, max_length=20000, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label
        self.helper = _layout(
            "words", Field.textarea("text", rows=6, label_size=Size.SMALL), Field("version"), button=_("Save")
        )


class JudgementForm(forms.Form):
    prefix = "judgement"
    going_well = forms.CharField(label=_("What is going well"), widget=forms.Textarea, required=False, max_length=20000)
    worries = forms.CharField(label=_("What worries you"), widget=forms.Textarea, required=False, max_length=20000)
    why = forms.CharField(
        label=_("Why: what your judgement rests on"), widget=forms.Textarea, required=False, max_length=20000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _layout(
            "judgement",
            Field.textarea("going_well", rows=4),
            Field.textarea("worries", rows=4),
            Field.textarea("why", rows=4),
            Field("version"),
            button=_("Save my judgement"),
        )


class LinkForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Which part of the assessment?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the part of the assessment"),
            "invalid_choice": _("Choose one of the parts listed"),
        },
    )
    contributor = forms.ChoiceField(
        label=_("Who is it for?"),
        widget=forms.RadioSelect,
        choices=[(Audience.YOUNG_PERSON, _("The young person")), (Audience.PARENT_CARER, _("A parent or carer"))],
        error_messages={"required": _("Choose who the link is for"), "invalid_choice": _("Choose who the link is for")},
    )
    name = forms.CharField(
        label=_("Parent's or carer's name"),
        required=False,
        max_length=150,
        help_text=_("Only for a parent or carer: the name their words will show under."),
    )
    days = forms.IntegerField(
        label=_("Days until the link stops working"),
        initial=14,
        min_value=1,
        max_value=90,
        error_messages={
            "required": _("Enter how many days the link works for"),
            "min_value": _("A link works for at least 1 day"),
            "max_value": _("A link works for 90 days at most"),
            "invalid": _("Enter a number of days, like 14"),
        },
    )
    passcode = forms.CharField(
        label=_("Passcode (optional)"),
        required=False,
        max_length=50,
        help_text=_("A word or number agreed with them. They type it before they see anything."),
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["section"]).choices = [(s.kind, s.get_kind_display()) for s in sections]
        self.helper = helper(
            Field.radios("section", legend_size=Size.SMALL),
            Field.radios("contributor", legend_size=Size.SMALL),
            Field.text("name", field_width=Fluid.ONE_HALF),
            Field.text("days", field_width=Fluid.ONE_QUARTER),
            Field.text("passcode", field_width=Fluid.ONE_HALF),
            button=_("Make the link"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        if data.get("contributor") == Audience.PARENT_CARER and not (data.get("name") or "").strip():
            self.add_error("name", _("Enter the parent's or carer's name"))
        passcode = (data.get("passcode") or "").strip()
        if passcode and len(passcode) < 4:
            self.add_error("passcode", _("A passcode needs at least 4 characters"))
        data["passcode"] = passcode
        return data
