"""Small charts for the staff dashboards, drawn on the server as SVG: a line over months (an average that can be
missing in a month with no answers) and horizontal bars (counts by worker or by month, one or more series side
by side).

Like the plan's and the check-ins' charts, the picture carries its own words: a `<title>`, a `<desc>` that
says every number, and each number written beside its point or bar, so nothing depends on seeing a line or a
colour. The same numbers go in a table beside the picture (`Chart.rows`). Every element is built with
`format_html`, which escapes (a worker's name is someone's input); colours and sizes are presentation
attributes, never `style`, so the markup passes the Content Security Policy. The picture scales to its
column: a `viewBox` with `width="100%"` and no height keeps its shape down to a 360 px phone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

TEXT_COLOUR = "#0b0c0c"
GRID_COLOUR = "#b1b4b6"
# GOV.UK blue, then a dark orange with dashes: told apart without colour by the dashes, the legend's words and
# the numbers written on the picture.
COLOURS = ("#1d70b8", "#8f2300", "#00703c")
DASHES = ("", "6 4", "2 3")
FONT = 15
# Drawn for a phone first: on a 360 px screen the picture is about as wide as this, so text keeps its size.
WIDTH = 380


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def plain_number(value: float | None) -> str:
    """A number as the chart writes it: whole numbers as they are, others to one decimal place."""
    if value is None:
        return "–"
    # Halves up, as people round (3.25 is 3.3), not to the even digit as `round` does.
    return _n(float(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)))


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


@dataclass(frozen=True)
class Chart:
    """One chart: its words, the labels along it (months or workers), its series, and how to draw it."""

    title: str
    labels: Sequence[str]
    series: Sequence[Series]
    kind: str = "line"  # or "bars"
    low: float = 0
    high: float | None = None  # the top of the scale; the largest value when None
    summary: str = ""  # said before the numbers in the description
    # Shorter labels written under a line ("Sep" for "Sep 2026"), where the full ones would not fit.
    short_labels: Sequence[str] = ()
    number: Callable[[float | None], str] = field(default=plain_number)

    @property
    def empty(self) -> bool:
        return all(value is None for series in self.series for value in series.values)

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """The numbers as a table: one row per label, one column per series."""
        return [
            (label, [self.number(series.values[index]) for series in self.series])
            for index, label in enumerate(self.labels)
        ]

    @property
    def desc(self) -> str:
        said = "; ".join(
            f"{label}: "
            + ", ".join(f"{name} {value}" if name else value for name, value in zip(self._names, values, strict=True))
            for label, values in self.rows
        )
        return " ".join(part for part in (self.summary, f"{said}.") if part)

    @property
    def _names(self) -> list[str]:
        return [series.name if len(self.series) > 1 else "" for series in self.series]

    def svg(self) -> SafeString:
        if self.kind == "bars":
            return bar_svg(self)
        return line_svg(self)


def _head(chart: Chart, height: float) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="act-dashboard-chart" role="img" width="100%" '
        'viewBox="0 0 {w} {h}" font-family="Arial, sans-serif" font-size="{font}" fill="{text}">'
        "<title>{title}</title><desc>{desc}</desc>",
        w=WIDTH,
        h=_n(height),
        font=FONT,
        text=TEXT_COLOUR,
        title=chart.title,
        desc=chart.desc,
    )


def _high(chart: Chart) -> float:
    if chart.high is not None:
        return chart.high
    values = [value for series in chart.series for value in series.values if value is not None]
    top = max([*values, chart.low + 1])
    if all(float(value).is_integer() for value in values):
        # Counts: a whole, even top, so that the middle line is a whole number too.
        top = math.ceil(top)
        top += top % 2
    return top


def _legend(chart: Chart, y: float) -> SafeString:
    if len(chart.series) < 2:
        return SafeString("")
    return format_html_join(
        "",
        '<line x1="{x}" y1="{ly}" x2="{x2}" y2="{ly}" stroke="{colour}" stroke-width="4" stroke-dasharray="{dash}"/>'
        '<text x="{tx}" y="{ty}">{name}</text>',
        (
            {
                "x": 10 + index * 170,
                "x2": 34 + index * 170,
                "ly": _n(y - FONT / 3),
                "colour": COLOURS[index % len(COLOURS)],
                "dash": DASHES[index % len(DASHES)] or "none",
                "tx": 40 + index * 170,
                "ty": _n(y),
                "name": series.name,
            }
            for index, series in enumerate(chart.series)
        ),
    )


def line_svg(chart: Chart, height: float = 200) -> SafeString:
    """The series as lines across the labels (evenly spaced), broken where a value is missing; each value
    written above its point."""
    legend = 24 if len(chart.series) > 1 else 0
    left, right, top, bottom = 30, WIDTH - 8, 24 + legend, height - 26
    low, high = chart.low, _high(chart)
    count = len(chart.labels)
    # The points keep clear of the axis numbers on the left, and the labels under them of the edges.
    first, last = left + 24, right - 24
    step = (last - first) / (count - 1) if count > 1 else 0
    xs = [first + step * index if count > 1 else (first + last) / 2 for index in range(count)]

    def y_of(value: float) -> float:
        return bottom - (bottom - top) * (value - low) / ((high - low) or 1)

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end">{}</text>',
        (
            (left, _n(y_of(v)), right, _n(y_of(v)), GRID_COLOUR, left - 6, _n(y_of(v) + FONT / 3), plain_number(v))
            for v in (low, (low + high) / 2, high)
        ),
    )
    lines = format_html_join(
        "", "{}", ((_series_line(series, index, xs, y_of),) for index, series in enumerate(chart.series))
    )
    labels = _axis_labels(chart.short_labels or chart.labels, xs, height - 6)
    return format_html("{}{}{}{}{}</svg>", _head(chart, height), _legend(chart, 18), grid, lines, labels)


def _series_line(series: Series, index: int, xs: list[float], y_of: Callable[[float], float]) -> SafeString:
    colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)] or "none"
    runs: list[list[tuple[float, float]]] = [[]]
    for x, value in zip(xs, series.values, strict=True):
        if value is None:
            runs.append([])
        else:
            runs[-1].append((x, y_of(value)))
    paths = format_html_join(
        "",
        '<polyline points="{}" fill="none" stroke="{}" stroke-width="3" stroke-dasharray="{}"/>',
        ((" ".join(f"{_n(x)},{_n(y)}" for x, y in run), colour, dash) for run in runs if len(run) > 1),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="4" fill="{}"/><text x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (_n(x), _n(y_of(value)), colour, _n(x), _n(y_of(value) - 8), plain_number(value))
            for x, value in zip(xs, series.values, strict=True)
            if value is not None
        ),
    )
    return format_html("{}{}", paths, dots)


def _axis_labels(labels: Sequence[str], xs: list[float], y: float) -> SafeString:
    """The labels under the line: every one when few, otherwise every other one, so that they never overlap."""
    every = 1 if len(labels) <= 7 else 2
    return format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        ((_n(x), _n(y), label) for index, (x, label) in enumerate(zip(xs, labels, strict=True)) if index % every == 0),
    )


BAR_HEIGHT = 20
BAR_GAP = 12
LABEL_WIDTH = 130


def bar_svg(chart: Chart) -> SafeString:
    """One group of horizontal bars per label (a worker, a month), one bar per series, each with its number at
    its end. Labels longer than the room for them are shortened here; the table gives them whole."""
    per_group = BAR_HEIGHT * len(chart.series) + BAR_GAP
    legend = 28 if len(chart.series) > 1 else 0
    height = legend + per_group * max(len(chart.labels), 1) + 8
    left, right = LABEL_WIDTH, WIDTH - 30
    high = _high(chart)

    def width_of(value: float | None) -> float:
        return (right - left) * (value or 0) / (high or 1)

    rows = []
    for index, label in enumerate(chart.labels):
        top = legend + 4 + index * per_group
        rows.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end">{}</text>',
                left - 8,
                _n(top + per_group / 2 - BAR_GAP / 2 + FONT / 3),
                _shortened(label),
            )
        )
        for position, series in enumerate(chart.series):
            value = series.values[index]
            y = top + position * BAR_HEIGHT
            rows.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/><text x="{}" y="{}">{}</text>',
                    left,
                    y,
                    _n(width_of(value)),
                    BAR_HEIGHT - 2,
                    COLOURS[position % len(COLOURS)],
                    _n(left + width_of(value) + 4),
                    _n(y + BAR_HEIGHT / 2 + FONT / 3 - 1),
                    plain_number(value),
                )
            )
    axis = format_html(
        '<line x1="{x}" y1="{top}" x2="{x}" y2="{bottom}" stroke="{colour}" stroke-width="1"/>',
        x=left,
        top=legend,
        bottom=_n(height - 4),
        colour=GRID_COLOUR,
    )
    bars = format_html_join("", "{}", ((row,) for row in rows))
    return format_html("{}{}{}{}</svg>", _head(chart, height), _legend(chart, 18), axis, bars)


def _shortened(label: str, most: int = 18) -> str:
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"
