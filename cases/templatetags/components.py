"""Tags for the components in templates/components/. The markup lives in each component's template; a tag
only gathers what goes in and renders that template with nothing else in its context.

A block tag's body is rendered where it stands, with the page's context and autoescaping, and goes into the
component as it came out: markup written in the page stays markup, and values in it are escaped like any
other output. Arguments (a key, a heading, a warning) are escaped by the component unless they are already
safe (the output of `{% blocktranslate asvar %}` is).

    {% load components %}
    {% summary_row _("Date of birth") %}{{ yp.date_of_birth|date:"j F Y" }}{% endsummary_row %}
    {% summary_row _("Password") action=change_url action_hidden=_("password") %}…{% endsummary_row %}
    {% warning_text %}{% translate "New codes replace all your old ones." %}{% endwarning_text %}
    {% confirm heading=heading button=_("Remove the link") cancel=back %}<p>…</p>{% endconfirm %}
    {% breadcrumb_trail _("Referrals") "referrals:list" %}
    {% table_head _("File") _("Uploaded") _("Rows") numeric=1 %}
    {% time_element entry.occurred_at "l j F Y, H:i" %}
"""

import datetime

from django import template
from django.template.base import FilterExpression, NodeList, kwarg_re
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils import timezone

register = template.Library()


class ComponentNode(template.Node):
    def __init__(
        self,
        template_name: str,
        body_name: str,
        nodelist: NodeList,
        arguments: dict[str, FilterExpression],
        passed_on: tuple[str, ...],
    ):
        self.template_name = template_name
        self.body_name = body_name
        self.nodelist = nodelist
        self.arguments = arguments
        self.passed_on = passed_on

    def render(self, context):
        values = {name: value.resolve(context) for name, value in self.arguments.items()}
        # NodeList.render gives a SafeString: the body was escaped as it was rendered.
        values[self.body_name] = self.nodelist.render(context)
        for name in self.passed_on:
            values[name] = context.get(name)
        component = context.template.engine.get_template(self.template_name)
        return component.render(context.new(values))


def _keyword_and_value(bit: str) -> tuple[str | None, str]:
    """A tag's argument as its keyword (None for a value alone) and its value, told apart the way Django's
    own tags tell them (`kwarg_re` matches any argument that `split_contents` gives)."""
    match = kwarg_re.match(bit)
    assert match is not None, f"{bit!r} is not an argument"
    return match.group(1), match.group(2)


def block_component(
    name: str,
    template_name: str,
    *,
    body: str,
    positional: tuple[str, ...] = (),
    keywords: tuple[str, ...] = (),
    passed_on: tuple[str, ...] = (),
) -> None:
    """Register `{% name [positional ...] [keyword=value ...] %}body{% endname %}`, which renders
    `template_name` with the arguments, the rendered body as `body`, and the names in `passed_on` taken from
    the page's context (a form's `csrf_token`). Every argument the component takes is in its context, None
    when not given; an argument it does not take is an error when the template is read."""
    allowed = set(positional) | set(keywords)

    def compile_tag(parser, token):
        bits = token.split_contents()
        tag, bits = bits[0], bits[1:]
        arguments: dict[str, FilterExpression] = {}
        for argument in positional:
            if not bits or _keyword_and_value(bits[0])[0]:
                raise template.TemplateSyntaxError(f"{tag} needs its {argument} first")
            arguments[argument] = parser.compile_filter(bits.pop(0))
        for bit in bits:
            keyword, value = _keyword_and_value(bit)
            if keyword not in allowed or keyword in arguments:
                raise template.TemplateSyntaxError(f"{tag} takes {', '.join(sorted(allowed))}; not {bit!r}")
            arguments[keyword] = parser.compile_filter(value)
        for argument in allowed - set(arguments):
            arguments[argument] = parser.compile_filter("None")
        nodelist = parser.parse((f"end{tag}",))
        parser.delete_first_token()
        return ComponentNode(template_name, body, nodelist, arguments, passed_on)

    register.tag(name, compile_tag)


block_component(
    "summary_row",
    "components/summary_row.html",
    body="value",
    positional=("key",),
    keywords=("action", "action_text", "action_hidden", "value_class", "value_id"),
)
block_component("warning_text", "components/warning_text.html", body="text")
block_component(
    "confirm",
    "components/confirm.html",
    body="details",
    keywords=("heading", "level", "warning", "button", "destructive", "cancel", "carry"),
    passed_on=("csrf_token",),
)


# Not `breadcrumbs`: crispy_forms_gds, loaded on many pages, has a tag of that name that takes a list.
@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumb_trail(*labels_and_url_names):
    """`{% breadcrumb_trail label url_name [label url_name ...] %}`: the pages above this one, the top first.
    The URL names take no arguments."""
    if not labels_and_url_names or len(labels_and_url_names) % 2:
        raise template.TemplateSyntaxError("breadcrumb_trail takes pairs of a label and a URL name")
    pairs = zip(labels_and_url_names[::2], labels_and_url_names[1::2], strict=True)
    return {"crumbs": [(label, reverse(url_name)) for label, url_name in pairs]}


@register.inclusion_tag("components/table_head.html")
def table_head(*labels, numeric: int = 0, actions=None):
    """`{% table_head label [label ...] [numeric=n] [actions=label] %}`: a table's column headings; the last
    `numeric` columns hold numbers; `actions` adds a last column of links, its heading for screen readers only."""
    first_numeric = len(labels) - numeric
    return {"headings": [(label, index >= first_numeric) for index, label in enumerate(labels)], "actions": actions}


def _in_service_time(value: datetime.date | datetime.datetime) -> datetime.date | datetime.datetime:
    """A moment in the service's time zone, as a template shows it; a date, or a moment without a zone, as it is."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def machine_readable(value: datetime.date | datetime.datetime) -> str:
    """A date as ISO 8601 (2026-12-03), a moment as ISO 8601 to the second with its offset, in the service's
    time zone like the words beside it (2026-12-03T09:30:00+00:00). Not Django's `date:"c"`, which keeps the
    microseconds: the HTML standard allows at most three digits of a second."""
    value = _in_service_time(value)
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.inclusion_tag("components/time.html")
def time_element(value: datetime.date | datetime.datetime, shown_format: str):
    """`{% time_element value "j F Y" %}`: a date or a moment in a <time> element, shown in `shown_format`
    (Django's date format), with the datetime attribute machines read."""
    # Called here rather than in a template, the date filter is given the moment as it is (in UTC), so it is
    # given the moment in the service's time zone, as a template would.
    return {"machine": machine_readable(value), "shown": date_filter(_in_service_time(value), shown_format)}
