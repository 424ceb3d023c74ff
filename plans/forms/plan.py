"""The family plan's forms, one per thing added or changed. Every text is the person's own words: only
its length is limited."""

from crispy_forms_gds.layout import Field, Fixed, Size
from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms.common import FutureDateField, WordsField, helper

from ..models import Goal, RatedBy, SafetyPart, Whose

STRENGTH_WHOSE = [(w.value, w.label) for w in (Whose.YOUNG_PERSON, Whose.FAMILY, Whose.NETWORK)]
PRIORITY_WHOSE = [(w.value, w.label) for w in (Whose.YOUNG_PERSON, Whose.FAMILY)]
GOAL_OWNERS = [(w.value, w.label) for w in (Whose.YOUNG_PERSON, Whose.FAMILY, Whose.BOTH)]
SCORES = [(str(n), str(n)) for n in range(11)]


def _radios(choices, message):
    return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, error_messages={"required": message})


class WorriesForm(forms.Form):
    worries = WordsField(
        label=_("What worries you"),
        help_text=_(
            "Your professional judgement, in plain words. The young person and family read this in their plan: "
            "write it as you would say it to them. Leave it empty if there is nothing to say yet."
        ),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea("worries", rows=6), button=_("Save"), cancel_url=cancel_url)


class StrengthForm(forms.Form):
    whose = _radios(STRENGTH_WHOSE, _("Say whose strength this is"))
    text = WordsField(label=_("What is going well"), required_message=_("Write what is going well"), max_length=1000)

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["whose"].label = _("Whose strength is it?")
        self.helper = helper(
            Field.radios("whose", legend_size=Size.SMALL),
            Field.textarea("text", rows=3),
            button=_("Add"),
            cancel_url=cancel_url,
        )


class PriorityForm(forms.Form):
    whose = _radios(PRIORITY_WHOSE, _("Say whose priority this is"))
    words = forms.CharField(
        label=_("The priority, in their words"),
        max_length=300,
        error_messages={"required": _("Write the priority in their words")},
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["whose"].label = _("Whose priority is it?")
        self.helper = helper(
            Field.radios("whose", legend_size=Size.SMALL), Field.text("words"), button=_("Add"), cancel_url=cancel_url
        )


class GoalForm(forms.Form):
    owner = _radios(GOAL_OWNERS, _("Say whose goal this is"))
    owner_name = forms.CharField(
        label=_("Their name (optional)"),
        help_text=_("For example “Mum” or “Destiny and her mum”."),
        max_length=150,
        required=False,
    )
    words = forms.CharField(
        label=_("The goal, in their words"),
        max_length=300,
        error_messages={"required": _("Write the goal in their words")},
    )
    why = WordsField(label=_("Why it matters to them"), required=False, max_length=2000)

    def __init__(self, *args, cancel_url: str, button=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].label = _("Whose goal is it?")
        self.helper = helper(
            Field.radios("owner", legend_size=Size.SMALL),
            Field.text("owner_name"),
            Field.text("words"),
            Field.textarea("why", rows=3),
            button=button or _("Add the goal"),
            cancel_url=cancel_url,
        )


class RatingForm(forms.Form):
    """A rating recorded by a worker: theirs, or one the young person or a parent or carer gave them."""

    score = _radios(SCORES, _("Choose a number from 0 to 10"))
    rated_by = _radios(RatedBy.choices, _("Say whose rating this is"))
    name = forms.CharField(
        label=_("Their name, if it is not yours"),
        help_text=_("The young person's or the parent's or carer's name."),
        max_length=150,
        required=False,
    )
    note = forms.CharField(label=_("Anything to say about it (optional)"), max_length=300, required=False)

    def __init__(self, *args, goal: Goal, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].label = _("Where are things now on “%(goal)s”? 0 is not started, 10 is done.") % {
            "goal": goal.words
        }
        self.fields["rated_by"].label = _("Whose rating is it?")
        self.helper = helper(
            Field.radios("score", legend_size=Size.SMALL, inline=True),
            Field.radios("rated_by", legend_size=Size.SMALL),
            Field.text("name"),
            Field.text("note"),
            button=_("Record the rating"),
            cancel_url=cancel_url,
        )

    def clean(self):
        data = super().clean() or {}
        if data.get("rated_by") in (RatedBy.YOUNG_PERSON, RatedBy.FAMILY) and not (data.get("name") or "").strip():
            self.add_error("name", _("Give the name of the person whose rating this is"))
        return data


class ActionForm(forms.Form):
    what = forms.CharField(
        label=_("What will be done"), max_length=300, error_messages={"required": _("Say what will be done")}
    )
    who_name = forms.CharField(
        label=_("Who will do it"),
        help_text=_("A named person: a worker, someone in the network, the young person or a parent."),
        max_length=150,
        error_messages={"required": _("Say who will do it")},
    )
    who_user = forms.ChoiceField(label=_("If they have an account here, choose them"), required=False)
    due_on = FutureDateField(label=_("By when"))

    def __init__(self, *args, cancel_url: str, people: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        who_user = self.fields["who_user"]
        assert isinstance(who_user, forms.ChoiceField)
        who_user.choices = [("", _("They have no account"))] + [(str(pk), n) for pk, n in people]
        self.fields["who_user"].help_text = _("They are told when the action is past its date.")
        self.helper = helper(
            Field.text("what"),
            Field.text("who_name", field_width=Fixed.TWENTY),
            Field.select("who_user"),
            Field("due_on"),
            button=_("Add the action"),
            cancel_url=cancel_url,
        )


class SafetyForm(forms.Form):
    part = _radios(SafetyPart.choices, _("Choose the part of the safety plan"))
    text = forms.CharField(label=_("What to write"), max_length=300, error_messages={"required": _("Write something")})
    phone = forms.RegexField(
        label=_("Phone number (for people to call)"),
        regex=r"^[0-9+() -]{3,40}$",
        required=False,
        max_length=40,
        error_messages={"invalid": _("Enter a phone number using numbers, spaces and +")},
    )

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].label = _("Which part?")
        self.helper = helper(
            Field.radios("part", legend_size=Size.SMALL),
            Field.text("text"),
            Field.text("phone", field_width=Fixed.TWENTY),
            button=_("Add to My Safety Plan"),
            cancel_url=cancel_url,
        )
