"""The components of templates/components/ and the tags that render them: what goes in comes out where the
component puts it, escaped unless it is markup the page wrote."""

import pytest
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.test import RequestFactory
from django.utils.safestring import mark_safe

HOSTILE = '<script>alert("x")</script>'


def render(source: str, **context) -> str:
    return Template("{% load i18n components %}" + source).render(Context(context))


def test_summary_row_puts_the_key_and_the_value_in_their_cells():
    html = render('{% summary_row _("Name") %}{{ name }}{% endsummary_row %}', name="Destiny")
    assert '<dt class="govuk-summary-list__key">Name</dt>' in html
    assert '<dd class="govuk-summary-list__value">Destiny</dd>' in html
    assert "govuk-summary-list__actions" not in html


def test_summary_row_escapes_what_a_person_typed_in_the_key_and_the_value():
    html = render("{% summary_row key %}{{ value }}{% endsummary_row %}", key=HOSTILE, value=HOSTILE)
    assert "<script>" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") == 2


def test_summary_row_keeps_the_markup_the_page_wrote_in_the_value():
    html = render(
        '{% summary_row _("Network") %}<a class="govuk-link" href="/n/">{{ n }} people</a>{% endsummary_row %}',
        n="<b>3</b>",
    )
    assert '<a class="govuk-link" href="/n/">&lt;b&gt;3&lt;/b&gt; people</a>' in html


def test_summary_row_key_may_hold_an_equals_sign():
    html = render('{% summary_row _("1 = yes") %}1{% endsummary_row %}')
    assert '<dt class="govuk-summary-list__key">1 = yes</dt>' in html


def test_summary_row_action_says_what_it_changes_to_screen_readers():
    html = render(
        '{% summary_row _("Password") action="/password/" action_hidden=_("password") %}–{% endsummary_row %}'
    )
    assert (
        '<dd class="govuk-summary-list__actions"><a class="govuk-link" href="/password/">Change'
        '<span class="govuk-visually-hidden"> password</span></a></dd>'
    ) in html


def test_summary_row_action_takes_its_own_words_and_no_hidden_text():
    html = render(
        '{% summary_row _("Backup codes") action="/codes/" action_text=_("Make new codes") %}3{% endsummary_row %}'
    )
    assert '<a class="govuk-link" href="/codes/">Make new codes</a>' in html


def test_summary_row_has_no_action_when_its_address_is_empty():
    html = render('{% summary_row _("Key worker") action=allocate_url %}Jo{% endsummary_row %}')
    assert "govuk-summary-list__actions" not in html


def test_summary_row_value_takes_an_id_and_classes():
    html = render('{% summary_row _("By") value_class="govuk-!-font-weight-bold" value_id="by" %}1{% endsummary_row %}')
    assert '<dd class="govuk-summary-list__value govuk-!-font-weight-bold" id="by">1</dd>' in html


def test_a_component_sees_nothing_of_the_page_but_what_it_is_given():
    html = render('{% summary_row _("Name") %}{{ name }}{% endsummary_row %}', name="Lily", action="/leak/")
    assert "/leak/" not in html


def test_a_component_refuses_an_argument_it_does_not_take():
    with pytest.raises(TemplateSyntaxError, match="not 'colour=1'"):
        render('{% summary_row _("Name") colour=1 %}x{% endsummary_row %}')
    with pytest.raises(TemplateSyntaxError, match="needs its key first"):
        render("{% summary_row %}x{% endsummary_row %}")
    with pytest.raises(TemplateSyntaxError, match="not 'x'"):
        render('{% summary_row _("Name") x %}x{% endsummary_row %}')


def test_warning_text_has_the_icon_and_says_warning_to_screen_readers():
    html = render("{% warning_text %}{{ text }} <a href='/x/'>more</a>{% endwarning_text %}", text=HOSTILE)
    assert '<span class="govuk-warning-text__icon" aria-hidden="true">!</span>' in html
    assert '<span class="govuk-visually-hidden">Warning</span>\n    &lt;script&gt;' in html
    assert "<a href='/x/'>more</a>" in html


def test_confirm_asks_with_a_red_button_that_posts_with_the_form_token_and_a_way_back():
    request = RequestFactory().get("/")
    source = (
        "{% load components %}{% confirm heading=heading button=button cancel='/back/' %}"
        "<p>{{ reason }}</p>{% endconfirm %}"
    )
    html = Template(source).render(
        RequestContext(request, {"heading": "Remove <i>Nan</i>?", "button": "Remove", "reason": HOSTILE})
    )
    assert '<h2 class="govuk-heading-m">Remove &lt;i&gt;Nan&lt;/i&gt;?</h2>' in html
    assert "<p>&lt;script&gt;" in html
    assert '<form method="post" novalidate>' in html
    assert 'name="csrfmiddlewaretoken" value="' in html
    assert 'class="govuk-button govuk-button--warning"' in html
    assert '<a class="govuk-link" href="/back/">Cancel</a>' in html
    assert "govuk-warning-text" not in html


def test_confirm_on_its_own_page_has_the_main_heading_and_may_warn_with_a_plain_button():
    html = render(
        "{% confirm level=1 heading=_('Backup codes') warning=warning button=_('Make new codes') destructive=False"
        " cancel='/account/' %}{% endconfirm %}",
        warning=mark_safe("Old codes <strong>stop</strong> working."),
    )
    assert '<h1 class="govuk-heading-l">Backup codes</h1>' in html
    assert "Old codes <strong>stop</strong> working." in html
    assert 'class="govuk-button" data-module="govuk-button">Make new codes</button>' in html


def test_breadcrumbs_link_the_pages_above_this_one_in_order():
    html = render('{% breadcrumb_trail _("Referrals") "referrals:list" _("Import referrals") "referrals:import" %}')
    assert html.index('href="/referrals/">Referrals</a>') < html.index('href="/referrals/import/">Import referrals</a>')
    assert '<nav class="govuk-breadcrumbs" aria-label="Breadcrumb">' in html


def test_the_breadcrumb_trail_is_not_crispy_forms_gds_breadcrumbs_whichever_is_loaded_last():
    source = '{% load components crispy_forms_gds %}{% breadcrumb_trail _("Cases") "cases:list" %}'
    assert 'href="/cases/">Cases</a>' in Template(source).render(Context())


def test_breadcrumbs_need_pairs():
    with pytest.raises(TemplateSyntaxError):
        render('{% breadcrumb_trail _("Referrals") %}')


def test_table_head_gives_each_column_a_heading_and_marks_the_numeric_ones():
    html = render('{% table_head _("File") heading _("Rows") numeric=1 %}', heading="<b>Status</b>")
    assert '<th scope="col" class="govuk-table__header">File</th>' in html
    assert '<th scope="col" class="govuk-table__header">&lt;b&gt;Status&lt;/b&gt;</th>' in html
    assert '<th scope="col" class="govuk-table__header govuk-table__header--numeric">Rows</th>' in html
    assert "govuk-visually-hidden" not in html


def test_table_head_names_a_column_of_links_for_screen_readers_only():
    html = render('{% table_head _("For") actions=_("Actions") %}')
    assert '<span class="govuk-visually-hidden">Actions</span></th>' in html


def test_a_moment_is_shown_in_words_and_given_to_machines_to_the_second_in_the_service_time_zone():
    from datetime import UTC, datetime

    summer = datetime(2026, 7, 1, 8, 30, 15, 123456, tzinfo=UTC)
    html = render('{% time_element moment "l j F Y, H:i" %}', moment=summer)
    assert html == '<time datetime="2026-07-01T09:30:15+01:00">Wednesday 1 July 2026, 09:30</time>'


def test_a_date_is_given_to_machines_as_a_date():
    from datetime import date

    html = render('{% time_element day "j F Y" %}', day=date(2026, 12, 3))
    assert html == '<time datetime="2026-12-03">3 December 2026</time>'
