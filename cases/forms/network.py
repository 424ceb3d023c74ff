"""Forms for the network around the young person: adding someone, and changing what is known about them.

Labels and hints are rendered unescaped by the GOV.UK template pack, so any that carry the young person's
name (user input) are built with `format_html`, which escapes it.
"""

from typing import Any, cast

from crispy_forms_gds.layout import Field, Fieldset, Fluid, Size
from django import forms
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .. import access
from ..models import Case, NetworkMember
from .common import helper

Member = NetworkMember


def _max(name: str) -> int | None:
    field = Member._meta.get_field(name)
    assert isinstance(field, models.CharField), f"{name} is not a text column"
    return field.max_length


def partner_accounts():
    """The accounts a worker may link to a network member: active partner agency workers."""
    return User.objects.filter(role=User.Role.PARTNER, is_active=True).select_related("agency")


class PartnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Plain text: the select widget escapes it.
        return f"{obj} – {obj.agency}" if obj.agency_id else str(obj)


class MemberForm(forms.Form):
    """What is known about a person or service in the network. `MemberAddForm` adds the choice of a
    partner agency worker's account."""

    kind = forms.ChoiceField(
        label=_("Who are they?"),
        choices=Member.Kind.choices,
        widget=forms.RadioSelect,
        required=False,  # not needed when a partner's account is chosen: they are a professional
        error_messages={"invalid_choice": _("Choose who they are from the list")},
    )
    name = forms.CharField(label=_("Name"), max_length=_max("name"), required=False)
    relationship = forms.CharField(
        label=_("Relationship or role"),
        max_length=_max("relationship"),
        required=False,
        help_text=_("For example: mum, best friend, police CSE officer, school nurse."),
    )
    agency = forms.CharField(label=_("Agency or service"), max_length=_max("agency"), required=False)
    contact_details = forms.CharField(label=_("Phone or email"), max_length=_max("contact_details"), required=False)
    can_contribute = forms.BooleanField(
        label=_("They can add to the record"),
        required=False,
        help_text=_("For a partner agency worker with an account: they can add notes and contacts to the timeline."),
    )
    closeness = forms.ChoiceField(choices=Member.Closeness.choices, widget=forms.RadioSelect)
    young_persons_view = forms.ChoiceField(choices=Member.View.choices, widget=forms.RadioSelect)

    def __init__(self, *args, case: Case, cancel_url: str | None = None, button=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        # Which fields there are is settled before the layout is built from them: a layout naming a field
        # the form no longer has logs an error every time the page is drawn.
        self.decide_fields()
        young_person = case.young_person
        first_name = young_person.preferred_name or young_person.given_name
        self.fields["closeness"].label = format_html(gettext("How close does {} feel to them?"), first_name)
        self.fields["closeness"].error_messages = {
            "required": _("Choose how close they feel"),
            "invalid_choice": _("Choose close, some or distant"),
        }
        view = self.fields["young_persons_view"]
        view.label = format_html(gettext("In {}'s view, are they a support or a worry?"), first_name)
        view.help_text = _("Choose 'Not sure' if you have not talked about them yet.")
        view.error_messages = {
            "required": _("Choose whether they are a support or a worry, or 'Not sure'"),
            "invalid_choice": _("Choose a support, a worry, both or not sure"),
        }
        self.helper = helper(
            *self.account_layout(),
            Fieldset(
                Field.radios("kind", legend_size=Size.SMALL),
                Field.text("name", field_width=Fluid.TWO_THIRDS),
                Field.text("relationship", field_width=Fluid.TWO_THIRDS),
                Field.text("agency", field_width=Fluid.TWO_THIRDS),
                Field.text("contact_details", field_width=Fluid.TWO_THIRDS),
                legend=_("Who they are"),
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.radios("closeness", legend_size=Size.SMALL, inline=True),
                Field.radios("young_persons_view", legend_size=Size.SMALL),
                legend=format_html(gettext("How {} sees them"), first_name),
                legend_size=Size.MEDIUM,
            ),
            button=button or _("Save"),
            cancel_url=cancel_url,
        )

    def decide_fields(self) -> None:
        """Remove the fields this form does not need, before the layout is built."""

    def account_layout(self) -> list:
        return [Field.checkbox("can_contribute")] if "can_contribute" in self.fields else []

    def clean_name(self):
        return self.cleaned_data["name"].strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        if not self.details_from_account(data):
            if "kind" not in self.errors and not data.get("kind"):
                self.add_error("kind", _("Choose who they are"))
            if "name" not in self.errors and not data.get("name"):
                self.add_error("name", _("Enter their name"))
        return data

    def details_from_account(self, data) -> bool:
        """Whether a blank name and kind may be filled in from a partner's account."""
        return False

    def member_fields(self) -> dict:
        """The cleaned values, as the network services take them."""
        data = self.cleaned_data
        names = ["kind", "name", "relationship", "agency", "contact_details", "closeness", "young_persons_view"]
        fields = {name: data[name] for name in names}
        if "can_contribute" in self.fields:
            fields["can_contribute"] = data["can_contribute"]
        return fields


class MemberAddForm(MemberForm):
    user = PartnerChoiceField(
        label=_("Their account, if they are a partner agency worker with one (optional)"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("No account"),
        help_text=_(
            "They will be able to see this case while they are in its network, and no longer once removed. "
            "Their name and agency come from their account unless you enter them below."
        ),
        error_messages={"invalid_choice": _("Choose a partner agency worker from the list")},
    )

    sharing_reason = forms.CharField(
        label=_("If the consent to share does not cover them: why must they see this case anyway?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept with them in the network, and in the case's audit."),
    )

    field_order = ["user", "can_contribute", "sharing_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, button=_("Add to the network"), **kwargs)
        cast(PartnerChoiceField, self.fields["user"]).queryset = partner_accounts()
        self.fields["name"].help_text = _("Leave blank to use the name on their account, if you chose one.")

    def account_layout(self) -> list:
        return [
            Fieldset(
                Field.select("user"),
                Field.checkbox("can_contribute"),
                Field.textarea("sharing_reason"),
                legend=_("Partner agency account"),
                legend_size=Size.MEDIUM,
            )
        ]

    def clean_user(self):
        user = self.cleaned_data["user"]
        if user is not None and self.case.network.filter(user=user, removed_at__isnull=True).exists():
            raise forms.ValidationError(
                _("%(name)s is already in this network"), code="already_member", params={"name": user}
            )
        return user

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("can_contribute") and data.get("user") is None and "user" not in self.errors:
            self.add_error("can_contribute", _("Only a partner agency worker with an account can add to the record"))
        user = data.get("user")
        problem = access.consent_problem(self.case, user.agency) if user is not None else ""
        if problem and not data.get("sharing_reason", "").strip():
            self.add_error("sharing_reason", problem + " " + _("Say why they must see this case anyway"))
        return data

    def details_from_account(self, data) -> bool:
        # An account that was chosen but refused has its own error: no need to ask for the name as well.
        return data.get("user") is not None or "user" in self.errors

    def member_fields(self) -> dict:
        fields = super().member_fields()
        user = self.cleaned_data["user"]
        if user is not None:
            # Blank values give way to the account's own (the service fills them in).
            for name in ("kind", "name", "agency"):
                if not fields[name]:
                    del fields[name]
            if not fields["contact_details"]:
                fields["contact_details"] = user.phone or user.email
        fields["user"] = user
        fields["sharing_reason"] = self.cleaned_data["sharing_reason"] if user is not None else ""
        return fields


class MemberEditForm(MemberForm):
    """Changing what is known about someone. A linked account cannot be swapped for another: remove them
    and add the other person, so that the record shows who had access when."""

    def __init__(self, *args, member: NetworkMember, **kwargs):
        self.member = member
        initial = {name: getattr(member, name) for name in NetworkMember.EDITABLE}
        super().__init__(*args, initial=initial, **kwargs)

    field_order = ["can_contribute"]

    def decide_fields(self) -> None:
        # Only a partner agency worker with an account can be allowed to add to the record.
        if not self.member.user_id:
            del self.fields["can_contribute"]

    def account_layout(self) -> list:
        if "can_contribute" not in self.fields:
            return []
        return [Fieldset(Field.checkbox("can_contribute"), legend=_("Partner agency account"), legend_size=Size.MEDIUM)]

    def changed_fields(self) -> dict:
        fields = self.member_fields()
        return {name: value for name, value in fields.items() if getattr(self.member, name) != value}
