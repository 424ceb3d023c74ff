"""The map of the register's links across a team, drawn on the server as SVG: the entries of concern in a
column on the left, the young people's cases on the right, and a line for each link between them. An entry
linked to several cases shows as several lines from one box: what the manager looks for.

The picture carries its own words (a `<title>`, a `<desc>` that says every link) and the page shows the same
links as a table. Every piece of text is user input, so every element is built with `format_html`, which
escapes its arguments; colours and sizes are presentation attributes (the Content Security Policy).
The caller passes only links to cases the viewer may see (`access.map_links`): the picture knows nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import ConcernLink

TEXT_COLOUR = "#0b0c0c"
ENTRY_FILL = "#f3f2f1"
ENTRY_EDGE = "#d4351c"
CASE_FILL = "#1d70b8"
LINE_COLOUR = "#505a5f"
WIDTH = 640
ROW = 40
TOP = 16
BOX_W = 230
BOX_H = 28
CASE_X = 470
FONT = 13
MAX_LABEL = 30


@dataclass(frozen=True)
class Node:
    key: int
    label: str
    y: float


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def _nodes(pairs: Iterable[tuple[int, str]]) -> dict[int, Node]:
    nodes: dict[int, Node] = {}
    for key, label in pairs:
        if key not in nodes:
            nodes[key] = Node(key, label, TOP + len(nodes) * ROW + BOX_H / 2)
    return nodes


def _join(parts: Iterable[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _entry_box(node: Node, kind: str) -> SafeString:
    return format_html(
        '<g><title>{}</title><rect x="8" y="{}" width="{}" height="{}" rx="3" fill="{}" stroke="{}" '
        'stroke-width="2"></rect><text x="16" y="{}" font-size="{}" fill="{}">{}</text></g>',
        f"{node.label} ({kind})",
        node.y - BOX_H / 2,
        BOX_W,
        BOX_H,
        ENTRY_FILL,
        ENTRY_EDGE,
        node.y + 4,
        FONT,
        TEXT_COLOUR,
        _short(node.label),
    )


def _case_dot(node: Node) -> SafeString:
    return format_html(
        '<g><title>{}</title><circle cx="{}" cy="{}" r="9" fill="{}"></circle>'
        '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text></g>',
        node.label,
        CASE_X,
        node.y,
        CASE_FILL,
        CASE_X + 16,
        node.y + 4,
        FONT,
        TEXT_COLOUR,
        _short(node.label),
    )


def _line(entry: Node, case: Node) -> SafeString:
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2"></line>',
        8 + BOX_W,
        entry.y,
        CASE_X - 9,
        case.y,
        LINE_COLOUR,
    )


def _desc(links: Sequence[ConcernLink]) -> str:
    if not links:
        return _("No entry of the register is linked to a case you may see.")
    said = "; ".join(
        _("%(entry)s is linked to %(young_person)s")
        % {"entry": link.entry.name, "young_person": link.case.young_person}
        for link in links
    )
    count = ngettext("%(count)s link", "%(count)s links", len(links)) % {"count": len(links)}
    return f"{count}: {said}."


def concerns_map_svg(links: Sequence[ConcernLink]) -> SafeString:
    """The links (each with its entry and its case's young person loaded) as a picture."""
    entries = _nodes((link.entry_id, link.entry.name) for link in links)
    cases = _nodes((link.case_id, str(link.case.young_person)) for link in links)
    kinds = {link.entry_id: link.entry.get_kind_display() for link in links}
    height = TOP * 2 + max(len(entries), len(cases), 1) * ROW
    drawn = _join(
        [
            *(_line(entries[link.entry_id], cases[link.case_id]) for link in links),
            *(_entry_box(node, str(kinds[node.key])) for node in entries.values()),
            *(_case_dot(node) for node in cases.values()),
        ]
    )
    return format_html(
        '<svg class="act-concerns-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" role="img" '
        'aria-labelledby="concerns-map-title concerns-map-desc" font-family="Arial, Helvetica, sans-serif">'
        '<title id="concerns-map-title">{}</title>'
        '<desc id="concerns-map-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        _("Map of the register's links to young people's cases"),
        _desc(links),
        drawn,
    )
