"""The Cases page's filter, drawn in GOV.UK Frontend's markup by its own template: what was asked for is
shown chosen, and a value the form refuses is said next to its field."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("asked", "chosen"),
    [
        ({}, {"stage": "open", "risk": "", "worker": ""}),
        ({"stage": "support", "risk": "high"}, {"stage": "support", "risk": "high", "worker": ""}),
        ({"stage": "", "risk": "none"}, {"stage": "", "risk": "none", "worker": ""}),
    ],
)
def test_the_filter_shows_what_was_asked_for(client_for, manager, key_worker, case, asked, chosen):
    content = client_for(manager).get(reverse("cases:list"), asked).content.decode()
    for name, value in chosen.items():
        select = content[content.index(f'name="{name}"') :]
        select = select[: select.index("</select>")]
        assert select.count(" selected") == 1, name
        assert f'<option value="{value}" selected>' in select, name


def test_the_filter_keeps_the_name_searched_for_and_the_worker_chosen(client_for, manager, key_worker, case):
    content = client_for(manager).get(reverse("cases:list"), {"q": 'Des"tiny', "worker": key_worker.pk}).content
    html = content.decode()
    assert 'name="q" type="text" maxlength="100" value="Des&quot;tiny"' in html
    assert f'<option value="{key_worker.pk}" selected>{key_worker.get_full_name()}</option>' in html


def test_a_value_the_filter_refuses_is_said_next_to_its_field(client_for, manager, case):
    html = client_for(manager).get(reverse("cases:list"), {"stage": "nope"}).content.decode()
    assert '<div class="govuk-form-group govuk-form-group--error">' in html
    assert 'aria-describedby="id_stage-error"' in html
    assert '<p id="id_stage-error" class="govuk-error-message">' in html
    assert "nope is not one of the available choices" in html
