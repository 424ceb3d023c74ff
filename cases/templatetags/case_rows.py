"""Tags for what each row of a list of cases shows, drawn fifty times a page.

`{% stage_name case.stage %}` is the stage's name, translated once a page for each stage (a model's
`get_stage_display` translates every stage's name each time it is asked, to find one).

`{% case_flags case %}` draws components/case_flags.html (the markup stays there) with the case's flags, once
for each set of flags the page's rows have: rows with the same flags get the same tags, so a page draws the
component a few times instead of once a row (which was a large part of the Cases page's time).
"""

from django import template
from django.utils.safestring import SafeString

from ..models import Stage

register = template.Library()

# The flags components/case_flags.html reads from `case` (`cases.queries.with_flags` adds them). A flag it
# reads that is missing here would never show: the tests draw the component both ways and compare.
CASE_FLAGS = (
    "interview_overdue",
    "interview_due",
    "assessment_overdue",
    "ambitions_overdue",
    "actions_overdue",
    "check_in_low",
    "direction_overdue",
    "missing_strategy",
)


@register.simple_tag(takes_context=True)
def case_flags(context, case) -> SafeString:
    """The tags of what needs attention on `case` (a case from `with_flags`): nothing when nothing does."""
    flags = tuple(bool(getattr(case, name, False)) for name in CASE_FLAGS)
    # Kept for this drawing of the page only (its render context), in the language it is drawn in.
    drawn = context.render_context.get(case_flags)
    if drawn is None:
        drawn = context.render_context[case_flags] = {}
    if flags not in drawn:
        component = context.template.engine.get_template("components/case_flags.html")
        drawn[flags] = component.render(context.new({"case": dict(zip(CASE_FLAGS, flags, strict=True))}))
    return drawn[flags]


@register.simple_tag(takes_context=True)
def stage_name(context, stage: str) -> str:
    names = context.render_context.get(stage_name)
    if names is None:
        names = context.render_context[stage_name] = {value: str(label) for value, label in Stage.choices}
    return names.get(stage, stage)
