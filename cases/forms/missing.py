"""Forms for a missing episode in depth: what the police report and the people around it add to the
episode, and the return home interview."""

from typing import Any

from crispy_forms_gds.layout import Field, Fixed, Size
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Case, ConcernEntry, MissingEpisode, PoliceRisk, ReturnInterview, TimelineEntry
from ..services import EpisodeFacts, InterviewFacts
from .common import When, WhenMixin, helper
from .timeline import LONG_TEXT

REPORTED = When(
    question=_("When were they reported missing? (optional)"),
    date_missing=_("Enter the date they were reported missing"),
    time_missing=_("Enter the time they were reported missing"),
    date_future=_("The date they were reported missing cannot be in the future"),
    time_future=_("The time they were reported missing cannot be in the future"),
)
OFFERED = When(
    question=_("When was the return home interview offered?"),
    date_missing=_("Enter the date it was offered"),
    time_missing=_("Enter the time it was offered"),
    date_future=_("The date it was offered cannot be in the future"),
    time_future=_("The time it was offered cannot be in the future"),
    time_label=_("Time it was offered"),
)
HELD = When(
    question=_("If they accepted: when was the interview held?"),
    date_missing=_("Enter the date the interview was held"),
    time_missing=_("Enter the time the interview was held"),
    date_future=_("The date of the interview cannot be in the future"),
    time_future=_("The time of the interview cannot be in the future"),
    time_label=_("Time it was held"),
)


def _text(label, *, max_length=200, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=max_length,
        error_messages={"max_length": _("Use %(limit_value)d characters or fewer")},
    )


def _words(label, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        error_messages={"max_length": _("Use 10,000 characters or fewer")},
    )


def _initial_moment(initial: dict, prefix: str, value) -> None:
    if value is not None:
        local = timezone.localtime(value)
        initial.setdefault(f"{prefix}_on", local.date())
        initial.setdefault(f"{prefix}_time", local.strftime("%H:%M"))


class EpisodeForm(WhenMixin, forms.Form):
    """What the police report and the people around the episode add to it. Every answer may wait."""

    title = _("Details of the missing episode")

    reported_by = _text(_("Who reported them missing? (optional)"), help_text=_("For example: Sam, night staff"))
    police_reference = _text(_("Police reference (optional)"), max_length=50)
    police_risk = forms.ChoiceField(
        label=_("What risk grade did the police give? (optional)"),
        choices=[*PoliceRisk.choices, ("", _("Not known"))],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the risk grades")},
    )
    with_cases = forms.ModelMultipleChoiceField(
        label=_("Which young people we work with were they with? (optional)"),
        help_text=_("Only young people of the team whose cases you may see are listed."),
        queryset=Case.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose young people from the list"),
            "invalid_pk_value": _("Choose young people from the list"),
        },
    )
    with_concerns = forms.ModelMultipleChoiceField(
        label=_("Which people, places, vehicles or online accounts of concern were they with? (optional)"),
        help_text=_("From the team's register of concerns. Each is also linked to this case."),
        queryset=ConcernEntry.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Choose entries of the register from the list"),
            "invalid_pk_value": _("Choose entries of the register from the list"),
        },
    )
    with_others = _words(
        _("Who else were they with? (optional)"),
        _("Names or descriptions of anyone else, for example an older male called 'T' with a silver car."),
    )
    how_back = _text(_("How did they get back? (optional)"), help_text=_("For example: police brought her home"))

    def __init__(self, *args, entry: TimelineEntry, choices, concerns, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        self.fields["with_cases"].queryset = choices  # type: ignore[attr-defined]
        self.fields["with_concerns"].queryset = concerns  # type: ignore[attr-defined]
        self.fields["with_concerns"].label_from_instance = lambda entry: (  # type: ignore[attr-defined]
            f"{entry.name} ({entry.get_kind_display().lower()})"
        )
        self.fields["with_cases"].label_from_instance = lambda case: str(case.young_person)  # type: ignore[attr-defined]
        layout = [
            Field.text("reported_by"),
            *self.add_when("reported", REPORTED, required=False),
            Field.text("police_reference", field_width=Fixed.TEN),
            Field.radios("police_risk", legend_size=Size.SMALL),
            Field.checkboxes("with_cases", legend_size=Size.SMALL),
            *([Field.checkboxes("with_concerns", legend_size=Size.SMALL)] if concerns.exists() else []),
            Field.textarea("with_others", rows=3),
            Field.text("how_back"),
        ]
        self.helper = helper(*layout, button=_("Save the details"), cancel_url=cancel_url)

    @classmethod
    def initial_for(cls, episode: MissingEpisode | None, companions, concerns=()) -> dict:
        if episode is None:
            return {}
        initial: dict[str, Any] = {
            "reported_by": episode.reported_by,
            "police_reference": episode.police_reference,
            "police_risk": episode.police_risk,
            "with_cases": list(companions),
            "with_concerns": list(concerns),
            "with_others": episode.with_others,
            "how_back": episode.how_back,
        }
        _initial_moment(initial, "reported", episode.reported_at)
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None, "Form.clean answers the cleaned data"
        reported = self.moment("reported", REPORTED)
        too_early = _("They cannot have been reported missing before they went missing")
        cleaned["reported_at"] = self.not_before("reported", reported, self.entry.occurred_at, too_early)
        return cleaned

    def facts(self) -> EpisodeFacts:
        data = self.cleaned_data
        return EpisodeFacts(
            reported_by=data["reported_by"].strip(),
            reported_at=data["reported_at"],
            police_reference=data["police_reference"].strip(),
            police_risk=data["police_risk"],
            with_others=data["with_others"].strip(),
            how_back=data["how_back"].strip(),
        )


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class InterviewForm(WhenMixin, forms.Form):
    """The return home interview: offered when and by whom, taken up or declined (and why), what was said
    (restricted where the worker says so), push and pull factors, and whether it was shared with the
    police."""

    title = _("Return home interview")

    offered_by = forms.CharField(
        label=_("Who offered it? Their name and agency"),
        max_length=200,
        error_messages={
            "required": _("Enter who offered the interview"),
            "max_length": _("Use 200 characters or fewer"),
        },
    )
    accepted = forms.ChoiceField(
        label=_("Did they accept the interview?"),
        choices=[("yes", _("Yes, it was held")), ("no", _("No, they declined"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether they accepted the interview"),
            "invalid_choice": _("Say whether they accepted the interview"),
        },
    )
    declined_why = _words(_("If they declined: why? (optional)"), _("In their words, if they gave a reason."))
    said = _words(_("What was said? (optional)"))
    said_restricted = forms.ChoiceField(
        label=_("Who may read what was said?"),
        choices=[
            ("no", _("Everyone working on the case")),
            ("yes", _("Only the key worker, the team's managers and me (restricted)")),
        ],
        initial="no",
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say who may read what was said"),
            "invalid_choice": _("Say who may read what was said"),
        },
    )
    push_factors = _words(
        _("Push factors (optional)"), _("What pushed them to leave, for example arguments at home, being bullied.")
    )
    pull_factors = _words(
        _("Pull factors (optional)"), _("What drew them away, for example friends, an older boyfriend, gifts.")
    )
    shared_with_police = forms.ChoiceField(
        label=_("Was it shared with the police?"),
        choices=[*YES_NO, ("not_yet", _("Not yet"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whether it was shared with the police"),
            "invalid_choice": _("Say whether it was shared with the police"),
        },
    )

    def __init__(self, *args, entry: TimelineEntry, cancel_url=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.entry = entry
        layout = [
            *self.add_when("offered", OFFERED),
            Field.text("offered_by"),
            Field.radios("accepted", legend_size=Size.SMALL),
            *self.add_when("held", HELD, required=False),
            Field.textarea("declined_why", rows=3),
            Field.textarea("said", rows=6),
            Field.radios("said_restricted", legend_size=Size.SMALL),
            Field.textarea("push_factors", rows=3),
            Field.textarea("pull_factors", rows=3),
            Field.radios("shared_with_police", legend_size=Size.SMALL),
        ]
        self.order_fields([name for item in layout for name in getattr(item, "fields", [])])
        self.helper = helper(*layout, button=_("Save the interview"), cancel_url=cancel_url)

    @classmethod
    def initial_for(cls, interview: ReturnInterview | None, entry: TimelineEntry) -> dict:
        if interview is None:
            return {}
        police = {True: "yes", False: "no", None: "not_yet"}
        initial: dict[str, Any] = {
            "offered_by": interview.offered_by,
            "accepted": "yes" if interview.accepted else "no",
            "declined_why": interview.declined_why,
            "said": interview.said,
            "said_restricted": "yes" if interview.said_restricted else "no",
            "push_factors": interview.push_factors,
            "pull_factors": interview.pull_factors,
            "shared_with_police": police[interview.shared_with_police],
        }
        _initial_moment(initial, "offered", interview.offered_at)
        if interview.accepted:
            _initial_moment(initial, "held", entry.return_interview_done_at)
        return initial

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        assert cleaned is not None, "Form.clean answers the cleaned data"
        offered = self.moment("offered", OFFERED)
        offered = self.not_before(
            "offered",
            offered,
            self.entry.returned_at,
            _("The interview cannot have been offered before they came back"),
        )
        held = self.moment("held", HELD)
        held = self.not_before("held", held, offered, _("The interview cannot have been held before it was offered"))
        accepted = cleaned.get("accepted")
        if accepted == "yes" and held is None and not (self.has_error("held_on") or self.has_error("held_time")):
            self.add_date_error("held_on", _("Enter when the interview was held"))
        if accepted == "no" and held is not None:
            self.add_date_error("held_on", _("Leave when it was held blank if they declined"))
        cleaned["offered_at"], cleaned["held_at"] = offered, held
        return cleaned

    def facts(self) -> InterviewFacts:
        data = self.cleaned_data
        accepted = data["accepted"] == "yes"
        return InterviewFacts(
            offered_at=data["offered_at"],
            offered_by=data["offered_by"].strip(),
            accepted=accepted,
            done_at=data["held_at"] if accepted else None,
            declined_why="" if accepted else data["declined_why"].strip(),
            said=data["said"].strip(),
            said_restricted=data["said_restricted"] == "yes",
            push_factors=data["push_factors"].strip(),
            pull_factors=data["pull_factors"].strip(),
            shared_with_police={"yes": True, "no": False}.get(data["shared_with_police"]),
        )
