from typing import cast

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Button, Div, Field, Fluid, Layout
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from ..models import RiskLevel, Stage
from ..models.risk import NO_LEVEL

OPEN = "open"


class CaseFilterForm(forms.Form):
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
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Div(
                Field.text("q", field_width=Fluid.FULL),
                Field.select("stage"),
                Field.select("risk"),
                *([Field.select("worker")] if workers is not None else []),
                Button.secondary("filter", _("Show cases")),
                css_class="act-filter-row",
            )
        )
