"""The Cases page's rows, drawn without a template per row: the same tags as the component draws, the stage
and the level in the team's words."""

import itertools
from types import SimpleNamespace

from django.template import Context, Template
from django.urls import reverse

from cases.models import RiskLevel, Stage
from cases.templatetags.case_rows import CASE_FLAGS
from cases.tests.factories import CaseFactory


def test_the_flags_tag_draws_what_the_component_draws_for_every_set_of_flags():
    by_tag = Template("{% load case_rows %}{% for case in cases %}{% case_flags case %}|{% endfor %}")
    by_include = Template('{% for case in cases %}{% include "components/case_flags.html" %}|{% endfor %}')
    cases = [
        SimpleNamespace(**dict(zip(CASE_FLAGS, values, strict=True)))
        for values in itertools.product((False, True), repeat=8)
    ]
    drawn = by_tag.render(Context({"cases": cases}))
    assert drawn == by_include.render(Context({"cases": cases}))
    assert drawn.startswith("|"), "a case needing nothing gets nothing, not even a space"


def test_the_component_reads_no_flag_the_tag_leaves_out():
    with open("templates/components/case_flags.html") as component:
        source = component.read()
    read = {name for name in source.replace("{%", " ").split() if name.startswith("case.")}
    assert {name.removeprefix("case.") for name in read} == set(CASE_FLAGS)


def test_the_stage_and_the_level_are_named_in_the_teams_words():
    html = Template("{% load case_rows risk %}{% stage_name stage %} {% risk_tag level %} {% risk_tag none %}").render(
        Context({"stage": Stage.SUPPORT, "level": RiskLevel.HIGH, "none": None})
    )
    assert html == 'Support <strong class="govuk-tag govuk-tag--orange">High</strong> '


def test_the_list_shows_each_cases_stage_key_worker_and_level(client_for, manager, team, key_worker):
    from cases import services

    lily = CaseFactory(given_name="Lily", team=team, key_worker=None)
    services.case_change_stage(case=lily, stage=Stage.SUPPORT, by=manager)
    services.risk_change(case=lily, level=RiskLevel.VERY_HIGH, why="Seen with older men", doing="Strategy", by=manager)
    html = client_for(manager).get(reverse("cases:list")).content.decode()
    row = html[html.index("Lily") :]
    row = row[: row.index("</tr>")]
    assert 'data-label="Stage">Support</td>' in row
    assert 'data-label="Key worker">Not allocated</td>' in row
    assert '<strong class="govuk-tag govuk-tag--red">Very high</strong>' in row
