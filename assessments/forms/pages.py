from typing import cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Field, Hidden, Layout, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import shared_links


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


class LinkForm(shared_links.LinkForm):
    """A link to one part of the assessment: which part, then what every link asks."""

    section = forms.ChoiceField(
        label=_("Which part of the assessment?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the part of the assessment"),
            "invalid_choice": _("Choose one of the parts listed"),
        },
    )
    field_order = ["section", "contributor", "name", "days", "passcode"]

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, first_fields=[Field.radios("section", legend_size=Size.SMALL)], **kwargs)
        cast(forms.ChoiceField, self.fields["section"]).choices = [(s.kind, s.get_kind_display()) for s in sections]


def _section_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Which part of the assessment?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the part of the assessment"),
            "invalid_choice": _("Choose one of the parts listed"),
        },
    )


class KeyPersonLinkForm(shared_links.KeyPersonLinkForm):
    """A link for someone close to the young person to add their words to one part: which part, then who from
    the network, and the young person's agreement."""

    section = _section_field()
    field_order = ["section", "member", "days", "passcode", "agreed"]

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, first_fields=[Field.radios("section", legend_size=Size.SMALL)], **kwargs)
        cast(forms.ChoiceField, self.fields["section"]).choices = [(s.kind, s.get_kind_display()) for s in sections]
