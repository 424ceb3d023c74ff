"""The forms of check-ins and feedback. Every answer from a link (or entered by a worker with the young person)
comes through one of these: nothing posted reaches a service unchecked."""

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.forms.common import helper

from ..words import ANYTHING_ELSE, BETTER, CHECK_IN_QUESTIONS, WHO_READS_WORDS, Question, feedback_questions

MAX_WORDS = 1000
TOO_LONG = gettext_lazy("That is a bit long: please keep it to 1000 letters.")

# Who reads the words of a feedback answer: the team's manager always; the worker too only if they say so.
ONLY_MANAGER = "manager"
WORKER_TOO = "worker"


def _score(question: Question) -> forms.TypedChoiceField:
    # A missing answer, 0, 6 or "abc" all get the same plain sentence, naming the question.
    message = _("Choose an answer for “%(question)s”") % {"question": question.asks}
    return forms.TypedChoiceField(
        label=question.asks,
        choices=[(str(value), label) for value, label in question.scale],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def _words(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_WORDS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": TOO_LONG},
    )


class CheckInForm(forms.Form):
    """The five measures (each 1-5) and "anything else?"."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in CHECK_IN_QUESTIONS:
            self.fields[question.field] = _score(question)
        self.fields["anything_else"] = _words(ANYTHING_ELSE)

    def scores(self) -> dict[str, int]:
        return {question.field: self.cleaned_data[question.field] for question in CHECK_IN_QUESTIONS}


class StaffCheckInForm(CheckInForm):
    """The same check-in, entered by a worker sitting with the young person."""

    def __init__(self, *args, cancel_url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["anything_else"].label = _("Anything else they want to say (in their words)")
        self.helper = helper(
            *[Field.radios(q.field, legend_size=Size.SMALL, inline=True) for q in CHECK_IN_QUESTIONS],
            Field.textarea("anything_else", rows=3),
            button=_("Save the check-in"),
            cancel_url=cancel_url,
        )


class FeedbackForm(forms.Form):
    """Two scores, what would make it better, and who may read those words."""

    who_reads = forms.ChoiceField(
        label=WHO_READS_WORDS,
        choices=[
            (ONLY_MANAGER, gettext_lazy("Only the manager")),
            (WORKER_TOO, gettext_lazy("The manager, my worker and the others who work with me")),
        ],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Choose who can read your words")},
    )

    def __init__(self, *args, person: str, **kwargs):
        super().__init__(*args, **kwargs)
        for question in feedback_questions(person):
            self.fields[question.field] = _score(question)
        self.fields["better"] = _words(BETTER)
        # The fields in the order they are asked.
        self.order_fields(["listened", "there_when_needed", "better", "who_reads"])

    @property
    def worker_may_read(self) -> bool:
        # Nothing chosen means the safer choice: only the manager.
        return self.cleaned_data.get("who_reads") == WORKER_TOO


def errors_in_order(form: forms.Form) -> list[tuple[str, str]]:
    """(message, id of the field it is about) for the error summary: one per field, in the page's order. The
    id of a group of radios is its first radio's, which takes the focus."""
    first = next(iter(form.fields), "")
    found = [(str(message), f"{first}-1") for message in form.non_field_errors()]
    for name in form.fields:
        if name in form.errors:
            anchor = f"{name}-1" if isinstance(form.fields[name].widget, forms.RadioSelect) else name
            found.append((str(form.errors[name][0]), anchor))
    return found
