"""Forms for meetings: planning one (or changing it), the young person's choices, cancelling it, and
recording what happened."""

from datetime import date, datetime, timedelta
from typing import Any

from crispy_forms_gds.layout import Field, Fieldset, Fixed, Fluid, Size
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms.common import DayMonthYearField, TimeOfDayField, helper, number_box

from ..models import Attendee, Meeting
from ..services.meetings import AttendeeData, not_wanted_among, place_against_choice

OTHER_ROWS = 3
ACTION_ROWS = 3
LONG_TEXT = 10_000


class MeetingDateField(DayMonthYearField):
    """The day of a meeting: today or later, and within two years (a year typed wrongly would hide it)."""

    def check(self, value: date) -> None:
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("The date of the meeting cannot be in the past"), code="past")
        if value > today + timedelta(days=730):
            raise forms.ValidationError(_("Enter a date within the next 2 years"), code="too_far")


def _required(message) -> dict:
    return {"required": message, "invalid_choice": message}


def _words(label, *, required_message=None, help_text="", max_length=LONG_TEXT) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required_message is not None,
        max_length=max_length,
        widget=forms.Textarea,
        error_messages={"required": required_message} if required_message else None,
    )


class MeetingForm(forms.Form):
    """Plan a meeting, or (with `meeting`) change when, where and who."""

    kind = forms.ChoiceField(
        label=_("What kind of meeting is it?"),
        choices=Meeting.Kind.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose the kind of meeting")),
    )
    title = forms.CharField(
        label=_("What is it called? (for other meetings)"),
        help_text=_("It goes in the invitations: do not put the young person's name in it."),
        required=False,
        max_length=150,
    )
    starts_on = MeetingDateField(label=_("Date"), missing=_("Enter the date of the meeting"))
    starts_time = TimeOfDayField(label=_("Start time"), missing=_("Enter the time the meeting starts"))
    minutes = forms.IntegerField(
        label=_("How long, in minutes"),
        min_value=15,
        max_value=480,
        initial=60,
        widget=number_box(),
        error_messages={
            "required": _("Enter how long the meeting is, in minutes"),
            "invalid": _("Enter how long the meeting is as a number of minutes, like 60"),
            "min_value": _("Enter a length from 15 to 480 minutes"),
            "max_value": _("Enter a length from 15 to 480 minutes"),
        },
    )
    place = forms.CharField(
        label=_("Where"),
        help_text=_(
            "A neutral place the young person chooses, where they feel comfortable: a youth club, a café, a "
            "library. Not the office just because it is the office."
        ),
        max_length=200,
        error_messages={"required": _("Enter where the meeting is")},
    )
    attendees = forms.MultipleChoiceField(
        label=_("Who is invited?"),
        help_text=_("Everyone with an email gets an invitation with a calendar file."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose people from the list")},
    )
    reason = _words(
        _("If this goes against what they chose, say why"),
        help_text=_("Needed when the place is not the one they chose, or someone they did not want is invited."),
        max_length=2000,
    )

    def __init__(self, *args, case, candidates: dict[str, AttendeeData], meeting: Meeting | None = None, **kwargs):
        self.case, self.candidates, self.meeting = case, candidates, meeting
        self.current: dict[str, Attendee] = {}
        if meeting is not None:
            self.current = {f"attendee:{a.pk}": a for a in meeting.attendees.filter(removed_at__isnull=True)}
            local = timezone.localtime(meeting.starts_at)
            kwargs.setdefault(
                "initial",
                {
                    "starts_on": local.date(),
                    "starts_time": local.strftime("%H:%M"),
                    "minutes": meeting.minutes,
                    "place": meeting.place,
                    "attendees": list(self.current),
                },
            )
        super().__init__(*args, **kwargs)
        labels = [(key, _label(a.name, a.role, a.email)) for key, a in self.current.items()]
        labels += [(key, _label(p.name, p.role, p.email)) for key, p in candidates.items()]
        self.fields["attendees"].choices = labels  # type: ignore[attr-defined]
        for row in range(1, OTHER_ROWS + 1):
            self.fields[f"other_{row}_name"] = forms.CharField(label=_("Name"), required=False, max_length=150)
            self.fields[f"other_{row}_role"] = forms.CharField(label=_("Who they are"), required=False, max_length=150)
            self.fields[f"other_{row}_email"] = forms.EmailField(
                label=_("Email (optional)"),
                required=False,
                max_length=254,
                error_messages={"invalid": _("Enter an email address like name@example.org")},
            )
        name = case.young_person.called
        if meeting is None:
            del self.fields["reason"]
        else:
            del self.fields["kind"], self.fields["title"]
            self.fields["reason"].label = _("If this goes against what %(name)s chose, say why") % {"name": name}
        self.helper = helper(*self._layout(), button=_("Save and send the update") if meeting else _("Plan it"))

    def _layout(self) -> list:
        head = [] if self.meeting else [Field.radios("kind", legend_size=Size.SMALL), Field.text("title")]
        others = [
            Fieldset(
                Field.text(f"other_{row}_name", field_width=Fluid.ONE_HALF),
                Field.text(f"other_{row}_role", field_width=Fluid.ONE_HALF),
                Field.text(f"other_{row}_email", field_width=Fluid.ONE_HALF),
                legend=_("Someone else (%(row)s)") % {"row": row},
                legend_size=Size.SMALL,
            )
            for row in range(1, OTHER_ROWS + 1)
        ]
        tail = [Field.textarea("reason", rows=3)] if self.meeting else []
        return [
            *head,
            Field("starts_on", context={"legend_size": Size.for_legend(Size.SMALL)}),
            Field.text("starts_time", field_width=Fixed.FIVE),
            Field.text("minutes", field_width=Fixed.THREE),
            Field.text("place"),
            Field.checkboxes("attendees", legend_size=Size.SMALL),
            *others,
            *tail,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        if data.get("kind") == Meeting.Kind.OTHER and not data.get("title", "").strip():
            self.add_error("title", _("Enter what the meeting is called"))
        day, at = data.get("starts_on"), data.get("starts_time")
        if day and at:
            starts_at = timezone.make_aware(datetime.combine(day, at))
            if starts_at <= timezone.now():
                self.add_error("starts_time", _("The meeting must start later than now"))
            data["starts_at"] = starts_at
        self._clean_others(data)
        if not data.get("attendees") and not self.others and not self.has_error("attendees"):
            self.add_error("attendees", _("Choose or add at least one person to invite"))
        if self.meeting is not None and not data.get("reason", "").strip():
            self._ask_reason(data)
        return data

    def _clean_others(self, data: dict) -> None:
        self.others: list[AttendeeData] = []
        for row in range(1, OTHER_ROWS + 1):
            name = data.get(f"other_{row}_name", "").strip()
            role, email = data.get(f"other_{row}_role", "").strip(), data.get(f"other_{row}_email", "")
            if name:
                self.others.append(AttendeeData(name=name, role=role, email=email or ""))
            elif role or email:
                self.add_error(f"other_{row}_name", _("Enter the name of someone else (%(row)s)") % {"row": row})

    def _ask_reason(self, data: dict) -> None:
        meeting = self.meeting
        assert meeting is not None, "only a change asks for a reason"
        names = [self._person(key).name for key in data.get("attendees", [])] + [o.name for o in self.others]
        if place_against_choice(meeting, data.get("place", "")) or not_wanted_among(meeting, names):
            self.add_error("reason", _("Say why this goes against what they chose"))

    def _person(self, key: str) -> Attendee | AttendeeData:
        return self.current.get(key) or self.candidates[key]

    def kept(self) -> list[int]:
        return [self.current[key].pk for key in self.cleaned_data["attendees"] if key in self.current]

    def added(self) -> list[AttendeeData]:
        chosen = [self.candidates[key] for key in self.cleaned_data["attendees"] if key in self.candidates]
        return chosen + self.others


def _label(name: str, role: str, email: str) -> str:
    text = f"{name} ({role})" if role else name
    return f"{text}, {email}" if email else text


YES_NO = [("yes", _("Yes")), ("no", _("No"))]


class ChoicesForm(forms.Form):
    """The young person's choices for the meeting, recorded with them, in their words."""

    place = forms.CharField(label=_("Where would they like it?"), required=False, max_length=200)
    time = forms.CharField(
        label=_("When suits them?"), help_text=_("For example, after school"), required=False, max_length=200
    )
    wanted = _words(_("Who do they want there?"), max_length=2000)
    not_wanted = _words(_("Who do they not want there?"), max_length=2000)
    role = forms.ChoiceField(
        label=_("What part do they want in it?"),
        choices=[c for c in Meeting.Role.choices if c[0]],
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose the part they want in the meeting")},
    )
    advocate_wanted = forms.TypedChoiceField(
        label=_("Do they want an advocate to speak for them?"),
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        initial="no",
        widget=forms.RadioSelect,
        error_messages=_required(_("Say whether they want an advocate")),
    )
    advocate_name = forms.CharField(label=_("Their advocate, if they have one"), required=False, max_length=150)
    talk_first = _words(_("What do they want talked about first?"), max_length=2000)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        if meeting.has_choices:
            initial = {
                "place": meeting.chosen_place,
                "time": meeting.chosen_time,
                "wanted": meeting.wanted,
                "not_wanted": meeting.not_wanted,
                "role": meeting.role,
                "advocate_wanted": "yes" if meeting.advocate_wanted else "no",
                "advocate_name": meeting.advocate_name,
                "talk_first": meeting.talk_first,
            }
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.text("place"),
            Field.text("time", field_width=Fluid.TWO_THIRDS),
            Field.textarea("wanted", rows=2),
            Field.textarea("not_wanted", rows=2),
            Field.radios("role", legend_size=Size.SMALL),
            Field.radios("advocate_wanted", legend_size=Size.SMALL, inline=True),
            Field.text("advocate_name", field_width=Fluid.TWO_THIRDS),
            Field.textarea("talk_first", rows=2),
            button=_("Save their choices"),
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        if data.get("advocate_name", "").strip() and data.get("advocate_wanted") is False:
            self.add_error("advocate_name", _("Choose yes if they want an advocate, or leave the name empty"))
        given = ("place", "time", "wanted", "not_wanted", "role", "advocate_name", "talk_first")
        if not self.errors and not data.get("advocate_wanted") and not any(str(data.get(n, "")).strip() for n in given):
            self.add_error("place", _("Record at least one of their choices"))
        return data

    def choices(self) -> dict:
        """The keyword arguments of services.meeting_choices_save, but for who gave them."""
        data = self.cleaned_data
        return {
            "place": data["place"],
            "time": data["time"],
            "wanted": data["wanted"],
            "not_wanted": data["not_wanted"],
            "role": data["role"],
            "advocate_wanted": data["advocate_wanted"],
            "advocate_name": data["advocate_name"],
            "talk_first": data["talk_first"],
        }


class CancelForm(forms.Form):
    reason = _words(
        _("Why is it cancelled?"),
        help_text=_("Everyone invited is sent a cancellation. The reason stays here; it is not in the email."),
        required_message=_("Say why the meeting is cancelled"),
        max_length=300,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea("reason", rows=3), button=_("Cancel the meeting"), warning=True)
