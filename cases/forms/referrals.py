from typing import TYPE_CHECKING, cast

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Fieldset, Fluid, Size
from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.models import Team, User

from ..models import Awareness, LivingSituation, Referral, Urgency, Worry
from .common import PastDateField, helper

if TYPE_CHECKING:
    from ..allocation import Allocatable


def _required(message):
    return {"required": message, "invalid_choice": message}


class ReferralForm(forms.ModelForm):
    """The short referral form: any member of staff can fill it in."""

    team = forms.ModelChoiceField(
        label=_("Which ACT team is this for?"),
        queryset=Team.objects.all(),
        error_messages=_required(_("Choose the team")),
    )
    date_of_birth = PastDateField(label=_("Date of birth"))
    living_situation = forms.ChoiceField(
        label=_("Where do they live now?"),
        choices=LivingSituation.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Say where they live now")),
    )
    worries = forms.MultipleChoiceField(
        label=_("What are the worries?"),
        choices=Worry.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Select all that apply."),
        error_messages=_required(_("Select at least one worry")),
    )
    young_person_knows = forms.ChoiceField(
        label=capfirst(Referral._meta.get_field("young_person_knows").verbose_name),
        choices=Awareness.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Say whether the young person knows")),
    )
    parent_knows = forms.ChoiceField(
        label=capfirst(Referral._meta.get_field("parent_knows").verbose_name),
        choices=Awareness.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Say whether their parent or carer knows")),
    )
    urgency = forms.ChoiceField(
        label=capfirst(Referral._meta.get_field("urgency").verbose_name),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Say how urgent it is")),
    )

    class Meta:
        model = Referral
        fields = [
            "given_name",
            "family_name",
            "date_of_birth",
            "living_situation",
            "education_setting",
            "referrer_name",
            "referrer_agency",
            "referrer_contact",
            "worries",
            "worries_details",
            "going_well",
            "young_person_knows",
            "parent_knows",
            "urgency",
            "consent",
            "share_consent",
            "anything_else",
        ]
        error_messages = {
            "given_name": {"required": _("Enter their first name")},
            "family_name": {"required": _("Enter their last name")},
            "referrer_name": {"required": _("Enter your name")},
            "referrer_agency": {"required": _("Enter your agency")},
            "referrer_contact": {"required": _("Enter a phone number or email address we can reach you on")},
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if user.team_id:
            del self.fields["team"]
        team_field = [Field.select("team")] if "team" in self.fields else []
        self.helper = helper(
            *team_field,
            Fieldset(
                Field.text("given_name", field_width=Fluid.ONE_HALF),
                Field.text("family_name", field_width=Fluid.ONE_HALF),
                Field("date_of_birth"),
                Field.radios("living_situation", legend_size=Size.SMALL),
                Field.text("education_setting"),
                legend=_("The young person"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.text("referrer_name", field_width=Fluid.ONE_HALF),
                Field.text("referrer_agency", field_width=Fluid.ONE_HALF),
                Field.text("referrer_contact", field_width=Fluid.ONE_HALF),
                legend=_("You"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkboxes("worries", legend_size=Size.SMALL),
                Field.textarea("worries_details", rows=4),
                Field.textarea("going_well", rows=3),
                Field.radios("young_person_knows", legend_size=Size.SMALL, inline=True),
                Field.radios("parent_knows", legend_size=Size.SMALL, inline=True),
                Field.radios("urgency", legend_size=Size.SMALL),
                Field.textarea("consent", rows=3),
                Field.radios("share_consent", legend_size=Size.SMALL),
                Field.textarea("anything_else", rows=3),
                legend=_("What is happening"),
                legend_size=Size.MEDIUM,
            ),
            button=_("Send the referral"),
        )
        if user.team_id is None:
            cast(forms.ModelChoiceField, self.fields["team"]).empty_label = _("Choose a team")
        self.fields["going_well"].help_text = _("Strengths: what they enjoy, who helps, what works.")
        self.fields["consent"].label = _("What have the young person and their family agreed to?")
        self.fields["consent"].help_text = _(
            "For example: to meet an ACT worker, to information being shared with the team. Leave it empty if you "
            "have not asked."
        )
        self.fields["anything_else"].label = _("Anything else we should know?")


class DecisionForm(forms.Form):
    """One of the forms on a referral's page, which shows several with fields of the same name (a reason to
    decline, a reason to signpost): each form's ids start with its own `id_prefix`, so that every id on the
    page is unique and each label, and each link of the error summary, finds its own field."""

    id_prefix = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class DuplicateForm(DecisionForm):
    id_prefix = "duplicate"
    choice = forms.ChoiceField(
        label=_("Is this the same young person?"),
        choices=[
            (Referral.DuplicateChoice.LINKED, _("Yes: link the referral to them")),
            (Referral.DuplicateChoice.SEPARATE, _("No: a different young person")),
        ],
        widget=forms.RadioSelect,
        error_messages=_required(_("Say whether this is the same young person")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.radios("choice", legend_size=Size.SMALL), button=_("Save"), button_id=f"{self.id_prefix}-submit"
        )


class ConfirmedForm(DecisionForm):
    """A decision asked for twice: the form, then a confirmation page that sends the same answers again
    with `confirmed` set (`confirming()`), so that nothing is done until the manager has said yes."""

    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def confirming(self) -> list[tuple[str, str]]:
        """The answers as sent, to carry through the confirmation page, marked as confirmed."""
        carried = [
            (bound.html_name, "" if bound.value() is None else str(bound.value()))
            for bound in self
            if bound.name != "confirmed"
        ]
        return [*carried, ("confirmed", "true")]


class AcceptForm(ConfirmedForm):
    id_prefix = "accept"
    key_worker = forms.TypedChoiceField(
        label=_("Who will be the key worker?"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose the key worker")),
    )
    over_capacity_reason = forms.CharField(
        label=_("The team is at capacity: why accept this referral now?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
    )

    def __init__(self, *args, workers: "list[Allocatable]", at_capacity: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.at_capacity = at_capacity
        self.workers = {choice.worker.pk: choice.worker for choice in workers}
        key_worker = cast(forms.TypedChoiceField, self.fields["key_worker"])
        key_worker.choices = [Choice(str(choice.worker.pk), str(choice.worker), hint=choice.hint) for choice in workers]
        key_worker.help_text = _("Each worker's open cases, and who already works with this young person.")
        fields = [Field.radios("key_worker", legend_size=Size.MEDIUM)]
        if at_capacity:
            fields.append(Field.textarea("over_capacity_reason", rows=3))
        else:
            del self.fields["over_capacity_reason"]
        self.helper = helper(*fields, button=_("Continue"), button_id=f"{self.id_prefix}-submit")

    def clean_key_worker(self) -> User:
        return self.workers[self.cleaned_data["key_worker"]]

    def clean_over_capacity_reason(self):
        reason = self.cleaned_data.get("over_capacity_reason", "").strip()
        if self.at_capacity and not reason:
            raise forms.ValidationError(_("Give a reason to accept beyond the team's capacity"))
        return reason


class DeclineForm(ConfirmedForm):
    id_prefix = "decline"
    reason = forms.CharField(
        label=_("Why is it declined?"),
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": _("Give the reason for declining")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.textarea("reason", rows=3), button=_("Continue"), button_id=f"{self.id_prefix}-submit"
        )


class SignpostForm(ConfirmedForm):
    id_prefix = "signpost"
    service = forms.CharField(
        label=_("Which service?"),
        max_length=200,
        error_messages={"required": _("Name the service you are signposting to")},
    )
    reason = forms.CharField(
        label=_("Why that service? (optional)"), required=False, max_length=2000, widget=forms.Textarea
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("service"),
            Field.textarea("reason", rows=3),
            button=_("Continue"),
            button_id=f"{self.id_prefix}-submit",
        )
