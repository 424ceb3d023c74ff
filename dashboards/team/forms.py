"""The manager's dashboard's filter: the period and the key worker; and, for the cases behind a figure, which
figure. A GET form: anything else in the address is refused with its error, never a server error."""

from typing import cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Div, Field, Layout
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .figures import FIGURES

PERIODS = {"30d": 30, "3m": 91, "6m": 182, "12m": 365}
DEFAULT_PERIOD = "3m"
PERIOD_CHOICES = [
    ("30d", _("The last 30 days")),
    ("3m", _("The last 3 months")),
    ("6m", _("The last 6 months")),
    ("12m", _("The last 12 months")),
]


def team_workers(team_id: int) -> QuerySet[User]:
    """Who the dashboard may be filtered by: the people the team's cases can be allocated to."""
    return User.objects.filter(
        team_id=team_id, is_active=True, role__in=[User.Role.ACT_WORKER, User.Role.MANAGER]
    ).order_by("first_name", "last_name", "pk")


class TeamFilterForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=PERIOD_CHOICES, required=False)
    worker = forms.ModelChoiceField(
        label=_("Key worker"), queryset=User.objects.none(), required=False, empty_label=_("Everyone in the team")
    )
    button = _("Show figures")

    def __init__(self, data, *, workers: QuerySet[User]):
        # The period chosen when none is asked for, so that the form also shows it chosen.
        data = data.copy()
        if not data.get("period"):
            data["period"] = DEFAULT_PERIOD
        super().__init__(data)
        worker = cast(forms.ModelChoiceField, self.fields["worker"])
        worker.queryset = workers
        # The choices drawn from `workers` itself, so that the page that lists them too asks once (a choice
        # field's own choices would ask the database again as the form is drawn).
        worker.widget.choices = [("", worker.empty_label), *((person.pk, str(person)) for person in workers)]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Div(*self.filter_fields(), Button.secondary("filter", self.button), css_class="act-filter-row")
        )

    def filter_fields(self) -> list:
        return [Field.select("period"), Field.select("worker")]

    def clean_period(self) -> str:
        return self.cleaned_data.get("period") or DEFAULT_PERIOD

    @property
    def days(self) -> int:
        return PERIODS[self.cleaned_data["period"]]


class FigureFilterForm(TeamFilterForm):
    """The same filter, with the figure whose cases are listed."""

    figure = forms.ChoiceField(
        label=_("Cases"), choices=[(key, figure.label) for key, figure in FIGURES.items()], required=True
    )
    button = _("Show cases")
    field_order = ["figure", "period", "worker"]

    def filter_fields(self) -> list:
        return [Field.select("figure"), *super().filter_fields()]
