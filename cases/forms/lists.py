from collections.abc import Iterable
from typing import cast

from django import forms
from django.forms import BoundField
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from ..models import RiskLevel, Stage
from ..models.risk import NO_LEVEL

OPEN = "open"

# An option of a select as the page draws it: its value, its label, and whether it is the one chosen.
Option = tuple[str, str, bool]


class CaseFilterForm(forms.Form):
    """The Cases page's filter. Drawn by its own template (cases/includes/case_filter.html) in GOV.UK
    Frontend's markup, not by crispy-forms, which drew each field and option through several templates: a
    fifth of the page's time for a manager, whose list of key workers is the whole team."""

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    stage = forms.ChoiceField(
        label=_("Stage"), required=False, choices=[(OPEN, _("All open cases")), *Stage.choices, ("", _("All cases"))]
    )
    risk = forms.ChoiceField(
        label=_("Level of concern"),
        required=False,
        choices=[("", _("Any level")), *RiskLevel.choices, (NO_LEVEL, _("Not recorded"))],
    )
    worker = forms.ModelChoiceField(
        label=_("Key worker"), required=False, queryset=User.objects.none(), empty_label=_("Anyone")
    )

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if workers is not None:
            cast(forms.ModelChoiceField, self.fields["worker"]).queryset = workers
        else:
            del self.fields["worker"]

    def selects(self) -> list[tuple[BoundField, list[Option]]]:
        """Each select of the filter with its options (the key workers are read once, here). An option is
        chosen when its value is the one asked for, compared as text, as the browser sent it."""
        drawn = []
        for name in ("stage", "risk", "worker"):
            if name not in self.fields:
                continue
            field = self[name]
            chosen = "" if field.value() is None else str(field.value())
            choices = cast(Iterable[tuple[object, object]], cast(forms.ChoiceField, field.field).choices)
            drawn.append((field, [(str(value), str(label), str(value) == chosen) for value, label in choices]))
        return drawn
