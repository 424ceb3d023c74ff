"""The level of concern as a tag, in the team's words and its colour: `{% risk_tag level %}`."""

from django import template
from django.utils.html import format_html

from ..models import RiskLevel

register = template.Library()

COLOURS: dict[str, str] = {
    RiskLevel.LOW.value: "green",
    RiskLevel.MEDIUM.value: "yellow",
    RiskLevel.HIGH.value: "orange",
    RiskLevel.VERY_HIGH.value: "red",
}


@register.simple_tag(takes_context=True)
def risk_tag(context, level: str | None) -> str:
    """The level's label in a coloured tag; nothing for no level (or one no longer known). Each level's tag
    is made once a page (a list of cases shows one a row)."""
    if level is None or level not in COLOURS:
        return ""
    tags = context.render_context.get(risk_tag)
    if tags is None:
        tags = context.render_context[risk_tag] = {}
    if level not in tags:
        tags[level] = format_html(
            '<strong class="govuk-tag govuk-tag--{}">{}</strong>', COLOURS[level], RiskLevel(level).label
        )
    return tags[level]
