"""The form that records a meeting once it was held: who came, the views, the decisions, a summary in plain
words for the young person and family, and up to three actions for the family plan."""

from datetime import date, timedelta
from typing import Any

from crispy_forms_gds.layout import Field, Fieldset, Fluid, Size
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.forms.common import DayMonthYearField, helper

from ..models import Attendee, Goal, Meeting
from ..services.meeting_record import ActionData, Record

ACTION_ROWS = 3
LONG_TEXT = 10_000


class DueDateField(DayMonthYearField):
    """By when an action is to be done: from the day of the meeting, within two years."""

    def __init__(self, *, label, meeting_day):
        super().__init__(label=label, required=False, missing=_("Enter the day, month and year it is due by"))
        self.meeting_day = meeting_day

    def check(self, value):
        if value < self.meeting_day:
            raise forms.ValidationError(_("The date cannot be before the meeting"), code="past")
        if value > self.meeting_day + timedelta(days=730):
            raise forms.ValidationError(_("Enter a date within 2 years of the meeting"), code="too_far")


def _text(label, required_message=None, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required_message is not None,
        max_length=LONG_TEXT,
        widget=forms.Textarea,
        error_messages={"required": required_message} if required_message else None,
    )


class RecordForm(forms.Form):
    young_persons_views = _text(
        _("The young person's views"),
        _("Write the young person's views, or what their advocate said for them"),
        _("In their own words, as far as you can."),
    )
    views_by = forms.ChoiceField(
        label=_("Whose words are these?"),
        choices=Meeting.ViewsBy.choices,
        initial=Meeting.ViewsBy.OWN,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Say whose words the views are"),
            "invalid_choice": _("Say whose words the views are"),
        },
    )
    professional_views = _text(_("Professional views (optional)"))
    decisions = _text(_("Decisions"), _("Write what was decided"))
    family_summary = _text(
        _("Summary for the young person and family"),
        _("Write a summary for the young person and family"),
        _("They read this through their link: plain words, no jargon, nothing they should not read."),
    )

    def __init__(self, *args, meeting: Meeting, attendees: list[Attendee], goals: list[Goal], **kwargs):
        super().__init__(*args, **kwargs)
        self.attendees, self.goals = attendees, {str(goal.pk): goal for goal in goals}
        for attendee in attendees:
            self.fields[f"came_{attendee.pk}"] = forms.ChoiceField(
                label=attendee.name,
                choices=[c for c in Attendee.Attendance.choices if c[0]],
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Say whether %(name)s came") % {"name": attendee.name},
                    "invalid_choice": _("Say whether %(name)s came") % {"name": attendee.name},
                },
            )
        day = timezone.localtime(meeting.starts_at).date()
        rows = ACTION_ROWS if goals else 0
        for row in range(1, rows + 1):
            self.fields[f"action_{row}_goal"] = forms.ChoiceField(
                label=_("Goal"),
                choices=[("", _("Choose a goal")), *((str(g.pk), g.words) for g in goals)],
                required=False,
                error_messages={"invalid_choice": _("Choose one of the plan's goals")},
            )
            self.fields[f"action_{row}_what"] = forms.CharField(
                label=_("What will be done"), required=False, max_length=300
            )
            self.fields[f"action_{row}_who"] = forms.CharField(
                label=_("Who will do it"), required=False, max_length=150
            )
            self.fields[f"action_{row}_due"] = DueDateField(label=_("By when"), meeting_day=day)
        self.rows = rows
        self.helper = helper(*self._layout(), button=_("Save the record"))

    def _layout(self) -> list:
        came = Fieldset(
            *(Field.radios(f"came_{a.pk}", legend_size=Size.SMALL, inline=True) for a in self.attendees),
            legend=_("Who came"),
            legend_size=Size.MEDIUM,
        )
        actions = [
            Fieldset(
                Field.select(f"action_{row}_goal"),
                Field.text(f"action_{row}_what"),
                Field.text(f"action_{row}_who", field_width=Fluid.ONE_HALF),
                Field(f"action_{row}_due", context={"legend_size": Size.for_legend(Size.SMALL)}),
                legend=_("Action %(row)s (optional)") % {"row": row},
                legend_size=Size.MEDIUM,
            )
            for row in range(1, self.rows + 1)
        ]
        return [
            *([came] if self.attendees else []),
            Field.textarea("young_persons_views", rows=5),
            Field.radios("views_by", legend_size=Size.SMALL, inline=True),
            Field.textarea("professional_views", rows=4),
            Field.textarea("decisions", rows=4),
            Field.textarea("family_summary", rows=4),
            *actions,
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None, "Form.clean answers the cleaned data"
        self.actions: list[ActionData] = []
        for row in range(1, self.rows + 1):
            names = {part: f"action_{row}_{part}" for part in ("goal", "what", "who", "due")}
            if any(name in self.errors for name in names.values()):
                continue
            values = {part: data.get(name) for part, name in names.items()}
            if not any(values.values()):
                continue
            missing = {
                "goal": _("Choose the goal of action %(row)s"),
                "what": _("Enter what will be done in action %(row)s"),
                "who": _("Enter who will do action %(row)s"),
                "due": _("Enter the date action %(row)s is due by"),
            }
            gaps = [part for part in names if not values[part]]
            for part in gaps:
                self.add_error(names[part], missing[part] % {"row": row})
            if not gaps:
                goal, what, who, due = (values[part] for part in ("goal", "what", "who", "due"))
                assert isinstance(due, date), "the date field gives a date"
                self.actions.append(
                    ActionData(goal=self.goals[str(goal)], what=str(what), who_name=str(who), due_on=due)
                )
        return data

    def record(self) -> Record:
        data = self.cleaned_data
        return Record(
            attendance={a.pk: data[f"came_{a.pk}"] for a in self.attendees},
            young_persons_views=data["young_persons_views"],
            views_by=data["views_by"],
            professional_views=data["professional_views"],
            decisions=data["decisions"],
            family_summary=data["family_summary"],
            actions=self.actions,
        )
