"""The door's own form (the passcode of a shared link), and what every link made by a worker asks: who it
is for, how long it works and its passcode. (The forms of the pages links open belong to the apps that
draw them; an app's link form adds what the link opens.)"""

from typing import Any, cast

from crispy_forms_gds.layout import Field, Fluid, Size
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Case, NetworkMember, Person
from .common import helper, number_box

# Who from the young person's network may be invited to add their words: the people close to them, never a
# professional (they have their own way in, with an account) and never someone taken off the network.
KEY_PERSON_KINDS = (NetworkMember.Kind.FAMILY, NetworkMember.Kind.FRIEND, NetworkMember.Kind.OTHER)


def key_people(case: Case):
    """The people of this case's network who may be invited to add their words through a link."""
    return NetworkMember.objects.filter(case=case, removed_at__isnull=True, kind__in=KEY_PERSON_KINDS).order_by(
        "name", "pk"
    )


def agreement_words(link, member: NetworkMember) -> str:
    """How the case's list of links says a link for someone close was allowed: from the network, and the young
    person's agreement, recorded by who made the link and when."""
    maker = link.created_by
    return gettext("From their network (%(kind)s). The young person agreed: recorded by %(by)s on %(date)s.") % {
        "kind": member.get_kind_display(),
        "by": maker.get_full_name() or maker.get_username(),
        "date": date_format(timezone.localtime(link.created_at), "j M Y"),
    }


class PasscodeForm(forms.Form):
    # Bounded: a passcode a page long is refused before it is hashed.
    passcode = forms.CharField(max_length=128)


class LinkForm(forms.Form):
    """Who a link is for, how many days it works and its passcode. `passcode_required` for a link that
    opens something nobody else should read on a phone left unlocked (a plan with phone numbers in it)."""

    # Named as the assessment's contributor was first: the pages and their tests post "contributor".
    contributor = forms.ChoiceField(
        label=_("Who is it for?"),
        widget=forms.RadioSelect,
        choices=[(Person.YOUNG_PERSON, _("The young person")), (Person.PARENT_CARER, _("A parent or carer"))],
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
        widget=number_box(),
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

    def __init__(self, *args, passcode_required: bool = False, first_fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.passcode_required = passcode_required
        if passcode_required:
            self.fields["passcode"].label = _("Passcode")
            self.fields["passcode"].help_text = _(
                "A word or number agreed with them, at least 4 characters. They type it before they see anything: "
                "this link opens things nobody else should read if they found the phone."
            )
        self.helper = helper(
            *first_fields,
            Field.radios("contributor", legend_size=Size.SMALL),
            Field.text("name", field_width=Fluid.ONE_HALF),
            Field.text("days", field_width=Fluid.ONE_QUARTER),
            Field.text("passcode", field_width=Fluid.ONE_HALF),
            button=_("Make the link"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        if data.get("contributor") == Person.PARENT_CARER and not (data.get("name") or "").strip():
            self.add_error("name", _("Enter the parent's or carer's name"))
        data["passcode"] = _checked_passcode(self, data, required=self.passcode_required)
        return data


def _checked_passcode(form: forms.Form, data: dict[str, Any], *, required: bool) -> str:
    passcode = (data.get("passcode") or "").strip()
    if required and not passcode:
        form.add_error("passcode", _("Agree a passcode with them: this link needs one"))
    elif passcode and len(passcode) < 4:
        form.add_error("passcode", _("A passcode needs at least 4 characters"))
    return passcode


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Who they are to the young person, and how the young person sees them: the worker checks both with
        # the young person before inviting anyone.
        label = f"{obj.name} ({obj.get_kind_display()})"
        if obj.relationship:
            label = f"{label}: {obj.relationship}"
        if obj.young_persons_view in (NetworkMember.View.WORRY, NetworkMember.View.BOTH):
            label = gettext("%(label)s. In the young person’s view: %(view)s") % {
                "label": label,
                "view": obj.get_young_persons_view_display().lower(),
            }
        return label


class KeyPersonLinkForm(forms.Form):
    """A link for someone close to the young person, from their network: who, how many days, a passcode if
    agreed, and the young person's agreement, which must be given (the link is theirs to allow). An app's
    form adds what the link opens (`first_fields`)."""

    member = MemberChoiceField(
        label=_("Who is it for?"),
        queryset=NetworkMember.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("Someone from their network: family, a friend or another trusted adult."),
        error_messages={
            "required": _("Choose who the link is for"),
            "invalid_choice": _("Choose one of the people listed"),
        },
    )
    days = LinkForm.base_fields["days"]
    passcode = LinkForm.base_fields["passcode"]
    agreed = forms.BooleanField(
        label=_("The young person has agreed to this"),
        help_text=_("Ask them first: who is invited, and what that person will be asked about."),
        error_messages={"required": _("Tick to say the young person has agreed, or do not make the link")},
    )

    def __init__(self, *args, case: Case, first_fields=(), button=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["member"]).queryset = key_people(case)
        self.helper = helper(
            *first_fields,
            Field.radios("member", legend_size=Size.SMALL),
            Field.text("days", field_width=Fluid.ONE_QUARTER),
            Field.text("passcode", field_width=Fluid.ONE_HALF),
            Field.checkbox("agreed"),
            button=button or _("Make the link"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        data["passcode"] = _checked_passcode(self, data, required=False)
        return data

    def invitation(self) -> dict[str, Any]:
        """What every app's service takes to make such a link: who, the young person's agreement, the days and
        the passcode (after a valid answer)."""
        return {name: self.cleaned_data[name] for name in ("member", "agreed", "days", "passcode")}
