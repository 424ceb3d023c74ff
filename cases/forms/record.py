from typing import cast

from crispy_forms_gds.layout import Field, Fieldset, Fluid, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from ..models import Avatar, Case, CloseOutcome, Stage, YoungPerson
from .common import PastDateField, helper

OPEN_STAGES = [(value, label) for value, label in Stage.choices if value != Stage.CLOSED]


class YoungPersonForm(forms.ModelForm):
    date_of_birth = PastDateField(label=_("Date of birth"))

    class Meta:
        model = YoungPerson
        fields = [
            "given_name",
            "family_name",
            "preferred_name",
            "pronouns",
            "date_of_birth",
            "ethnicity",
            "first_language",
            "living_details",
            "education_setting",
            "legal_status",
            "enjoys",
            "contact_preferences",
            "avatar",
        ]
        widgets = {
            "legal_status": forms.RadioSelect,
            "avatar": forms.RadioSelect,
        }
        help_texts = {
            "preferred_name": _("The name they like to be called, if it is not their first name."),
            "pronouns": _("For example, she/her, he/him, they/them."),
            # Where they live changes only by recording a move, which keeps its history.
            "living_details": _("The kind of place they live in changes when you record a move."),
            "contact_preferences": _("In their words, for example: text first, not during school, evenings are best."),
        }

    def __init__(self, *args, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's choices, with a blank choice that says what it means.
        cast(forms.ChoiceField, self.fields["avatar"]).choices = [("", _("No picture")), *Avatar.choices]
        self.helper = helper(
            Fieldset(
                Field.text("given_name", field_width=Fluid.ONE_HALF),
                Field.text("family_name", field_width=Fluid.ONE_HALF),
                Field.text("preferred_name", field_width=Fluid.ONE_HALF),
                Field.text("pronouns", field_width=Fluid.ONE_QUARTER),
                legend=_("Name"),
                legend_size=Size.MEDIUM,
            ),
            Field("date_of_birth"),
            Field.text("ethnicity", field_width=Fluid.ONE_HALF),
            Field.text("first_language", field_width=Fluid.ONE_HALF),
            Field.text("living_details"),
            Field.text("education_setting"),
            Field.radios("legal_status", legend_size=Size.SMALL),
            Field.textarea("enjoys", rows=3),
            Field.textarea("contact_preferences", rows=3),
            Field.radios("avatar", legend_size=Size.SMALL, inline=True),
            button=_("Save"),
            cancel_url=cancel_url,
        )


class PeopleForm(forms.Form):
    social_worker_name = forms.CharField(label=_("Co-working children's social worker"), required=False, max_length=150)
    social_worker_contact = forms.CharField(label=_("Their phone or email"), required=False, max_length=200)
    plan_coordinator = forms.ModelChoiceField(
        label=_("Plan coordinator"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("None yet"),
        help_text=_("The Innovation social worker or IRO who coordinates the family plan."),
    )

    def __init__(self, *args, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        coordinator = cast(forms.ModelChoiceField, self.fields["plan_coordinator"])
        coordinator.queryset = User.objects.filter(role=User.Role.PLAN_COORDINATOR, is_active=True)
        self.helper = helper(
            Field.text("social_worker_name", field_width=Fluid.ONE_HALF),
            Field.text("social_worker_contact", field_width=Fluid.ONE_HALF),
            Field.select("plan_coordinator"),
            button=_("Save"),
            cancel_url=cancel_url,
        )


class AllocateForm(forms.Form):
    key_worker = forms.ModelChoiceField(
        label=_("Key worker"), queryset=User.objects.none(), widget=forms.RadioSelect, empty_label=None
    )

    def __init__(self, *args, team=None, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        key_worker = cast(forms.ModelChoiceField, self.fields["key_worker"])
        key_worker.queryset = User.objects.filter(
            team=team, is_active=True, role__in=[User.Role.ACT_WORKER, User.Role.MANAGER]
        )
        key_worker.error_messages["invalid_choice"] = _("Choose a worker from the team")
        key_worker.error_messages["required"] = _("Choose the key worker")
        self.helper = helper(
            Field.radios("key_worker", legend_size=Size.SMALL), button=_("Allocate"), cancel_url=cancel_url
        )


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label=_("Stage"),
        choices=OPEN_STAGES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the stage"), "invalid_choice": _("Choose one of the stages")},
    )
    reason = forms.CharField(
        label=_("Why, in a sentence (optional)"), required=False, max_length=1000, widget=forms.Textarea
    )

    def __init__(self, *args, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.radios("stage", legend_size=Size.SMALL),
            Field.textarea("reason", rows=2),
            button=_("Save"),
            cancel_url=cancel_url,
        )


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=CloseOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the outcome")},
    )
    reason = forms.CharField(
        label=_("Why is the case closing?"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Say why the case is closing")},
    )
    # For the young person, in plain words: what they did, what changed, who is still there for them.
    summary = forms.CharField(
        label=_("Closing summary for the young person"),
        help_text=_("In plain words, as you would say it to them: what they did, what changed, who is there now."),
        max_length=4000,
        widget=forms.Textarea,
        error_messages={"required": _("Write the closing summary for the young person")},
    )

    def __init__(self, *args, cancel_url=None, asking=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.radios("outcome", legend_size=Size.SMALL),
            Field.textarea("reason", rows=4),
            Field.textarea("summary", rows=6),
            # The key worker asks the manager; the manager closes.
            button=_("Ask the manager to agree") if asking else _("Close the case"),
            cancel_url=cancel_url,
            warning=not asking,
        )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the case reopening?"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Say why the case is reopening")},
    )

    def __init__(self, *args, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea("reason", rows=3), button=_("Reopen the case"), cancel_url=cancel_url)


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.young_person} ({obj.get_stage_display()})"


class LinkForm(forms.Form):
    other = CaseChoiceField(
        label=_("Link to"),
        queryset=Case.objects.none(),
        error_messages={
            "required": _("Choose the case to link"),
            "invalid_choice": _("Choose one of the cases listed"),
        },
    )
    reason = forms.CharField(
        label=_("Why are they linked?"),
        max_length=300,
        help_text=_("For example: friends who go missing together."),
        error_messages={"required": _("Say why the cases are linked")},
    )

    def __init__(self, *args, cases=None, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(CaseChoiceField, self.fields["other"]).queryset = cases if cases is not None else Case.objects.none()
        self.helper = helper(
            Field.select("other"), Field.text("reason"), button=_("Link the cases"), cancel_url=cancel_url
        )
