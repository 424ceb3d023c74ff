"""A goal's ratings as a small line over time, drawn on the server as SVG.

The picture carries its own words: a `<title>`, a `<desc>` that says every rating in order, and each score
written beside its point, so nothing depends on seeing the line. Every piece of text can be user input (a
rater's name), so every element is built with `format_html`, which escapes its arguments. Colours and sizes
are presentation attributes, never `style`, so the markup passes the pages' Content Security Policy.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Protocol

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

LINE_COLOUR = "#1d70b8"
TEXT_COLOUR = "#0b0c0c"
GRID_COLOUR = "#b1b4b6"
# In the picture's own units; the PDF draws one unit as one CSS pixel, so 15 is about 11pt.
FONT = 15
# Room for the axis numbers on the left, the dates below and the scores above the points.
LEFT, RIGHT, TOP, BOTTOM = 30, 8, 24, 24
INSET = 14


class Rating(Protocol):
    """A GoalRating, or anything that says the same."""

    @property
    def score(self) -> int: ...
    @property
    def rated_at(self) -> datetime | date: ...
    @property
    def rated_by_name(self) -> str: ...


def _day(moment: datetime | date) -> date:
    return timezone.localtime(moment).date() if isinstance(moment, datetime) else moment


def _clamped(score) -> int:
    return max(0, min(10, int(score)))


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _desc(points: list[tuple[date, int, str]]) -> str:
    said = "; ".join(
        _("%(score)s out of 10 on %(day)s by %(name)s")
        % {"score": score, "day": date_format(day, "j F Y"), "name": name or _("someone")}
        for day, score, name in points
    )
    count = ngettext("%(count)s rating", "%(count)s ratings", len(points)) % {"count": len(points)}
    return f"{count}: {said}."


def _positions(days: list[date], left: float, right: float) -> list[float]:
    """Across the width by date: the first rating at the left, the last at the right (one, or all on one
    day: in the middle)."""
    span = (days[-1] - days[0]).days if days else 0
    if span == 0:
        return [(left + right) / 2] * len(days)
    return [left + (right - left) * (day - days[0]).days / span for day in days]


def rating_line_svg(ratings: Iterable[Rating], width: int, height: int) -> SafeString:
    """The ratings (0 to 10; anything outside is drawn at the nearest end) as a line over time, oldest first,
    `width` by `height` units. With no ratings, a picture that says so."""
    points = sorted(
        ((_day(r.rated_at), _clamped(r.score), r.rated_by_name) for r in ratings), key=lambda point: point[0]
    )
    title = _("Ratings over time, from 0 (not started) to 10 (done)")
    head = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="act-rating-chart" role="img" width="{w}" height="{h}" '
        'viewBox="0 0 {w} {h}" font-family="Liberation Sans, Arial, sans-serif" font-size="{font}" '
        'fill="{text}"><title>{title}</title>',
        w=width,
        h=height,
        font=FONT,
        text=TEXT_COLOUR,
        title=title,
    )
    if not points:
        body = format_html(
            '<desc>{desc}</desc><text x="{x}" y="{y}" text-anchor="middle">{desc}</text>',
            desc=_("No ratings yet."),
            x=_n(width / 2),
            y=_n(height / 2),
        )
        return format_html("{}{}</svg>", head, body)

    left, right, top, bottom = LEFT, width - RIGHT, TOP, height - BOTTOM
    # The points keep clear of the axis numbers at the left and of the edge at the right.
    xs = _positions([day for day, _score, _name in points], left + INSET, right - INSET)

    def y_of(score: int) -> float:
        return bottom - (bottom - top) * score / 10

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end">{}</text>',
        (
            # The axis numbers sit a third of a line lower than their gridline, so that they centre on it.
            (left, _n(y_of(score)), right, _n(y_of(score)), GRID_COLOUR, left - 6, _n(y_of(score) + FONT / 3), score)
            for score in (0, 5, 10)
        ),
    )
    line = ""
    if len(points) > 1:
        line = format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="3"/>',
            " ".join(f"{_n(x)},{_n(y_of(score))}" for x, (_day_, score, _name) in zip(xs, points, strict=True)),
            LINE_COLOUR,
        )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="5" fill="{}"/><text x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (_n(x), _n(y_of(score)), LINE_COLOUR, _n(x), _n(y_of(score) - 9), score)
            for x, (_day_, score, _name) in zip(xs, points, strict=True)
        ),
    )
    first, last = points[0][0], points[-1][0]
    days = format_html(
        '<text x="{}" y="{}" text-anchor="{}">{}</text>',
        left if first != last else _n(xs[0]),
        height - 4,
        "start" if first != last else "middle",
        date_format(first, "j M"),
    )
    if first != last:
        days += format_html(
            '<text x="{}" y="{}" text-anchor="end">{}</text>', right, height - 4, date_format(last, "j M")
        )
    return format_html("{}<desc>{}</desc>{}{}{}{}</svg>", head, _desc(points), grid, line, dots, days)
