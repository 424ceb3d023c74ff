"""The common form fields: times as people type them."""

from datetime import time

import pytest
from django import forms

from cases.forms.common import TimeOfDayField


@pytest.mark.parametrize(
    "typed,meant",
    [
        ("14:30", time(14, 30)),
        ("14.30", time(14, 30)),
        ("9:05", time(9, 5)),
        ("2pm", time(14, 0)),
        ("2:30 pm", time(14, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("midday", time(12, 0)),
        ("Midnight", time(0, 0)),
    ],
)
def test_times_are_understood_as_people_write_them(typed, meant):
    assert TimeOfDayField(label="Time", missing="Enter the time").clean(typed) == meant


@pytest.mark.parametrize("typed", ["24:00", "13pm", "14", "2:75", "quarter past"])
def test_times_that_are_not_real_are_refused(typed):
    with pytest.raises(forms.ValidationError):
        TimeOfDayField(label="Time", missing="Enter the time").clean(typed)
