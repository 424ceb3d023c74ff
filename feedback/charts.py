"""A measure of the check-ins as a small line over time, drawn on the server as SVG.

Like the plan's goal ratings (plans/charts.py, a 0-10 scale in an app this one does not import), the picture
carries its own words: a `<title>`, a `<desc>` that says every answer in order with its words, and each
number written above its point, so nothing depends on seeing the line or its colour. Elements are built with
`format_html`, which escapes; colours are presentation attributes, never `style` (the Content Security
Policy)."""

from collections.abc import Sequence
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .words import Question

LINE_COLOUR = "#1d70b8"
GRID_COLOUR = "#b1b4b6"
TEXT_COLOUR = "#0b0c0c"
FONT = 13
LEFT, RIGHT, TOP, BOTTOM = 22, 10, 20, 20


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _day(moment: datetime) -> str:
    return date_format(timezone.localtime(moment), "j M")


def measure_line_svg(question: Question, answers: Sequence[tuple[datetime, int]], width=280, height=110) -> SafeString:
    """The answers to one measure (oldest first), 1 to 5, evenly spaced in the order given."""
    title = _("%(measure)s over the last check-ins, from 1 (really bad) to 5 (really good)") % {
        "measure": question.short
    }
    head = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="act-check-in-chart" role="img" width="{w}" height="{h}" '
        'viewBox="0 0 {w} {h}" font-family="Arial, sans-serif" font-size="{font}" fill="{text}">'
        "<title>{title}</title>",
        w=width,
        h=height,
        font=FONT,
        text=TEXT_COLOUR,
        title=title,
    )
    if not answers:
        return format_html("{}<desc>{}</desc></svg>", head, _("No check-ins yet."))
    said = "; ".join(
        _("%(score)s (%(words)s) on %(day)s")
        % {"score": score, "words": question.words(score), "day": date_format(timezone.localtime(at), "j F Y")}
        for at, score in answers
    )
    left, right, top, bottom = LEFT, width - RIGHT, TOP, height - BOTTOM
    step = (right - left) / (len(answers) - 1) if len(answers) > 1 else 0
    xs = [left + step * index if len(answers) > 1 else (left + right) / 2 for index in range(len(answers))]

    def y_of(score: int) -> float:
        return bottom - (bottom - top) * (score - 1) / 4

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end">{}</text>',
        ((left, _n(y_of(s)), right, _n(y_of(s)), GRID_COLOUR, left - 6, _n(y_of(s) + FONT / 3), s) for s in (1, 3, 5)),
    )
    points = [(x, y_of(score), score) for x, (_at, score) in zip(xs, answers, strict=True)]
    line = ""
    if len(points) > 1:
        line = format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>',
            " ".join(f"{_n(x)},{_n(y)}" for x, y, _score in points),
            LINE_COLOUR,
        )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4" fill="{}"/><text x="{}" y="{}" text-anchor="middle">{}</text>',
        ((_n(x), _n(y), LINE_COLOUR, _n(x), _n(y - 7), score) for x, y, score in points),
    )
    days = format_html(
        '<text x="{}" y="{}" text-anchor="start">{}</text><text x="{}" y="{}" text-anchor="end">{}</text>',
        left,
        height - 3,
        _day(answers[0][0]),
        right,
        height - 3,
        _day(answers[-1][0]),
    )
    return format_html("{}<desc>{}.</desc>{}{}{}{}</svg>", head, said, grid, line, dots, days)
