"""The young person's dashboard's picture of a goal: where it is now, out of 10, as a bar as wide as a phone,
with a mark where it started.

Like the plan's and the check-ins' lines (plans/charts.py, feedback/charts.py), the picture carries its own
words: a `<title>` that says what it measures, a `<desc>` that says the numbers, and the numbers written on
it, so nothing depends on seeing the bar or its colour. Its ids come from the caller (one per goal), so two
pictures never share one. Every element is built with `format_html`, which escapes (the goal's words are the
young person's own); colours and sizes are presentation attributes, never `style` (the Content Security
Policy)."""

from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

FILL_COLOUR = "#1d70b8"
TRACK_COLOUR = "#f3f2f1"
EDGE_COLOUR = "#505a5f"
TEXT_COLOUR = "#0b0c0c"
FONT = 14
WIDTH, HEIGHT = 280, 70
# The bar runs between the "0" at its left and the "10" at its right; "Now" above it, "Start" below.
LEFT, RIGHT = 22, 254
BAR_TOP, BAR_HEIGHT = 24, 16


def _x(score: int) -> float:
    return LEFT + (RIGHT - LEFT) * max(0, min(10, score)) / 10


def _label_x(x: float) -> tuple[str, str]:
    """Where a label over a point of the bar goes, and its anchor: kept inside the picture at both ends."""
    if x < LEFT + 24:
        return f"{LEFT:g}", "start"
    if x > RIGHT - 24:
        return f"{RIGHT:g}", "end"
    return f"{x:.1f}", "middle"


def goal_bar_svg(*, ident: str, goal: str, now: int, start: int | None, desc: str) -> SafeString:
    """A goal at `now` out of 10, with a mark at `start` (its first score) when it has more than one."""
    title = _("Where “%(goal)s” is now, from 0 (not started) to 10 (done)") % {"goal": goal}
    head = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="act-progress__bar" role="img" width="{w}" height="{h}" '
        'viewBox="0 0 {w} {h}" aria-labelledby="{id}-title" aria-describedby="{id}-desc" '
        'font-family="Arial, sans-serif" font-size="{font}" fill="{text}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>',
        w=WIDTH,
        h=HEIGHT,
        id=ident,
        font=FONT,
        text=TEXT_COLOUR,
        title=title,
        desc=desc,
    )
    middle = BAR_TOP + BAR_HEIGHT / 2 + FONT / 3
    scale = format_html(
        '<text x="{}" y="{}" text-anchor="end">0</text><text x="{}" y="{}" text-anchor="start">10</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" stroke="{}" stroke-width="1"/>',
        LEFT - 5,
        f"{middle:.1f}",
        RIGHT + 5,
        f"{middle:.1f}",
        LEFT,
        BAR_TOP,
        RIGHT - LEFT,
        BAR_HEIGHT,
        TRACK_COLOUR,
        EDGE_COLOUR,
    )
    filled = ""
    if now > 0:
        filled = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}"/>',
            LEFT,
            BAR_TOP,
            f"{_x(now) - LEFT:.1f}",
            BAR_HEIGHT,
            FILL_COLOUR,
        )
    x, anchor = _label_x(_x(now))
    now_label = format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-weight="bold">{}</text>',
        x,
        BAR_TOP - 7,
        anchor,
        _("Now %(score)s") % {"score": now},
    )
    start_mark = ""
    if start is not None:
        x, anchor = _label_x(_x(start))
        start_mark = format_html(
            '<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{edge}" stroke-width="3"/>'
            '<text x="{lx}" y="{ly}" text-anchor="{anchor}">{words}</text>',
            x=f"{_x(start):.1f}",
            top=BAR_TOP - 4,
            bottom=BAR_TOP + BAR_HEIGHT + 4,
            edge=TEXT_COLOUR,
            lx=x,
            ly=HEIGHT - 8,
            anchor=anchor,
            words=_("Start %(score)s") % {"score": start},
        )
    return format_html("{}{}{}{}{}</svg>", head, scale, filled, start_mark, now_label)
