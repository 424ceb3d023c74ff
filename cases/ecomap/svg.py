"""Drawing the ecomap as SVG markup, with its text alternative, and the legend's samples.

Every piece of text is user input, so every element is built with `format_html`, which escapes its
arguments; the pieces are joined with `format_html_join`, which escapes anything that is not already
safe. The picture does not rely on colour alone: each view has its own line pattern and width too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models.network import NetworkMember
from .layout import (
    CENTRE_R,
    LABEL_FONT,
    LABEL_GAP,
    LABEL_LINE_H,
    NODE_R,
    RING_FONT,
    RINGS,
    Placed,
    group_by_ring,
    grow_rings,
    ring_label_spots,
    spread,
)
from .text import clean, wrap

Closeness = NetworkMember.Closeness
View = NetworkMember.View
Kind = NetworkMember.Kind

# The young person's name in the centre, and the room around the picture, in viewBox units.
CENTRE_FONT = 13
CENTRE_LINE_H = 16
CENTRE_TEXT_W = 74
PADDING = 8

TEXT_COLOUR = "#0b0c0c"
MUTED_COLOUR = "#505a5f"
RING_COLOUR = "#b1b4b6"
CENTRE_FILL = "#1d70b8"


@dataclass(frozen=True)
class LineStyle:
    colour: str
    width: float
    dash: str  # stroke-dasharray; "" for a solid line
    pattern: Promise  # the pattern in words, for the legend


# Keyed by the stored value of a view: a member's `young_persons_view` is a plain string.
STYLES: dict[str, LineStyle] = {
    View.SUPPORT: LineStyle("#00703c", 4, "", gettext_lazy("solid line")),
    View.WORRY: LineStyle("#d4351c", 3, "10 6", gettext_lazy("dashed line")),
    View.BOTH: LineStyle("#6f3c8f", 3, "14 5 3 5", gettext_lazy("dash and dot line")),
    View.NOT_SURE: LineStyle(MUTED_COLOUR, 2.5, "2 6", gettext_lazy("dotted line")),
}


def _view_of(member) -> str:
    value = getattr(member, "young_persons_view", None)
    return value if value in STYLES else View.NOT_SURE


def _is_professional(member) -> bool:
    return getattr(member, "kind", None) == Kind.PROFESSIONAL


def _n(value: float) -> str:
    """A number for an attribute: one decimal place is plenty."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def _join(parts: Iterable) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _closeness_label(ring: int) -> str:
    return str(Closeness(RINGS[ring]).label)


def _member_title(placed: Placed) -> str:
    member = placed.member
    who = placed.name
    extra = [clean(getattr(member, "relationship", "")), clean(getattr(member, "agency", ""))]
    extra = [part for part in extra if part]
    if extra:
        who = f"{who} ({', '.join(extra)})"
    return _("%(who)s. Closeness: %(closeness)s. In the young person's view: %(view)s.") % {
        "who": who,
        "closeness": _closeness_label(placed.ring).lower(),
        "view": str(View(_view_of(member)).label).lower(),
    }


def _text_lines(lines: list[str], *, x: float, first_baseline: float, line_h: float) -> SafeString:
    return _join(
        format_html('<tspan x="{}" y="{}">{}</tspan>', _n(x), _n(first_baseline + i * line_h), line)
        for i, line in enumerate(lines)
    )


def _line(placed: Placed) -> SafeString:
    style = STYLES[_view_of(placed.member)]
    distance = math.hypot(placed.x, placed.y) or 1
    ux, uy = placed.x / distance, placed.y / distance
    start = CENTRE_R + 2
    end = distance - NODE_R - 2
    dash = format_html(' stroke-dasharray="{}"', style.dash) if style.dash else ""
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}" stroke-linecap="round"{}/>',
        _n(ux * start),
        _n(uy * start),
        _n(ux * end),
        _n(uy * end),
        style.colour,
        _n(style.width),
        dash,
    )


def _node(placed: Placed, words: Words) -> SafeString:
    style = STYLES[_view_of(placed.member)]
    if _is_professional(placed.member):
        shape = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="1.5"/>',
            _n(placed.x - NODE_R),
            _n(placed.y - NODE_R),
            2 * NODE_R,
            2 * NODE_R,
            style.colour,
            TEXT_COLOUR,
        )
    else:
        shape = format_html(
            '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="{}" stroke-width="1.5"/>',
            _n(placed.x),
            _n(placed.y),
            NODE_R,
            style.colour,
            TEXT_COLOUR,
        )
    count = len(placed.lines)
    if placed.label_above:
        first = placed.y - NODE_R - LABEL_GAP - (count - 1) * LABEL_LINE_H - 4
    else:
        first = placed.y + NODE_R + LABEL_GAP + LABEL_LINE_H - 4
    return format_html(
        '<g class="act-ecomap__member"><title>{}</title>{}<text text-anchor="middle" font-size="{}" fill="{}" '
        'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke">{}</text></g>',
        words.member_title(placed),
        shape,
        LABEL_FONT,
        TEXT_COLOUR,
        _text_lines(placed.lines, x=placed.x, first_baseline=first, line_h=LABEL_LINE_H),
    )


def _description(centre: str, groups: list[list[Placed]]) -> str:
    total = sum(len(group) for group in groups)
    if total == 0:
        return _("%(name)s is in the centre. No one has been added to the network yet.") % {"name": centre}
    parts = [
        ngettext(
            "%(name)s is in the centre, with %(count)s person or service around them.",
            "%(name)s is in the centre, with %(count)s people and services around them.",
            total,
        )
        % {"name": centre, "count": total}
    ]
    views = {view: 0 for view in STYLES}
    for group in groups:
        for placed in group:
            views[_view_of(placed.member)] += 1
    parts.append(
        _("In the young person's view: %(support)s a support, %(worry)s a worry, %(both)s both, %(not_sure)s not sure.")
        % {
            "support": views[View.SUPPORT],
            "worry": views[View.WORRY],
            "both": views[View.BOTH],
            "not_sure": views[View.NOT_SURE],
        }
    )
    # Then everyone, ring by ring: the picture's own text alternative (the page's table says more).
    for ring, group in enumerate(groups):
        if not group:
            continue
        people = "; ".join(
            _("%(name)s, %(view)s") % {"name": placed.name, "view": str(View(_view_of(placed.member)).label).lower()}
            for placed in group
        )
        parts.append(
            _("%(closeness)s (%(count)s): %(people)s.")
            % {"closeness": _closeness_label(ring), "count": len(group), "people": people}
        )
    return " ".join(parts)


@dataclass(frozen=True)
class Words:
    """What a picture says in words: its title, the names of its rings (closest first), each member's
    `<title>` and the whole picture's description. The staff's ecomap says it one way (`STAFF_WORDS`); the
    young person's own picture of their people says it to them, in plain words (`cases.ecomap.own`)."""

    title: Callable[[str], str]
    ring_labels: Callable[[], list[str]]
    member_title: Callable[[Placed], str]
    description: Callable[[str, list[list[Placed]]], str]


STAFF_WORDS = Words(
    title=lambda centre: _("Ecomap: the network around %(name)s") % {"name": centre},
    ring_labels=lambda: [_closeness_label(ring) for ring in range(len(RINGS))],
    member_title=_member_title,
    description=_description,
)


def ecomap_svg(
    centre_name: str, members: Iterable, *, id_prefix: str = "ecomap", title: str = "", words: Words = STAFF_WORDS
) -> SafeString:
    """The ecomap of `members` around `centre_name`, as inline SVG markup. `title` replaces the picture's
    own title; `words` say it all another way."""
    centre = clean(centre_name) or _("The young person")
    groups = group_by_ring(members)
    spread(groups)
    radii, boxes = grow_rings(groups)
    ring_labels = words.ring_labels()
    spots = ring_label_spots(groups, radii, boxes, ring_labels)

    # A square viewBox around the centre that holds every box and ring.
    reach = max(
        radii[-1] + NODE_R,
        *(max(abs(b.left), abs(b.right), abs(b.top), abs(b.bottom)) for b in boxes),
    )
    reach = math.ceil(reach + PADDING)

    rings = _join(
        format_html('<circle cx="0" cy="0" r="{}" fill="none" stroke="{}" stroke-width="1"/>', _n(radius), RING_COLOUR)
        for radius in radii
    )
    ring_names = _join(
        format_html(
            '<text x="{}" y="{}" text-anchor="middle" font-size="{}" fill="{}" stroke="#ffffff" stroke-width="4" '
            'stroke-linejoin="round" paint-order="stroke">{}</text>',
            _n(spot[0]),
            _n(spot[1] + RING_FONT * 0.35),
            RING_FONT,
            MUTED_COLOUR,
            label,
        )
        for spot, label in zip(spots, ring_labels, strict=True)
        if spot is not None
    )
    everyone = [placed for group in groups for placed in group]
    centre_lines = wrap(centre, max_width=CENTRE_TEXT_W, size=CENTRE_FONT, max_lines=2, bold=True)
    centre_first = -((len(centre_lines) - 1) * CENTRE_LINE_H) / 2 + CENTRE_FONT * 0.35
    title = title or words.title(centre)

    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="act-ecomap__svg" role="img" width="100%" '
        'viewBox="{} {} {} {}" aria-labelledby="{}-title" aria-describedby="{}-desc" '
        'font-family="Arial, Helvetica, sans-serif">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<g class="act-ecomap__rings">{}</g>'
        '<g class="act-ecomap__lines">{}</g>'
        '<g class="act-ecomap__ring-names">{}</g>'
        '<g class="act-ecomap__members">{}</g>'
        '<g class="act-ecomap__centre"><title>{}</title>'
        '<circle cx="0" cy="0" r="{}" fill="{}" stroke="{}" stroke-width="2"/>'
        '<text text-anchor="middle" font-size="{}" font-weight="bold" fill="#ffffff">{}</text></g>'
        "</svg>",
        -reach,
        -reach,
        2 * reach,
        2 * reach,
        id_prefix,
        id_prefix,
        id_prefix,
        title,
        id_prefix,
        words.description(centre, groups),
        rings,
        _join(_line(placed) for placed in everyone),
        ring_names,
        _join(_node(placed, words) for placed in everyone),
        centre,
        CENTRE_R,
        CENTRE_FILL,
        TEXT_COLOUR,
        CENTRE_FONT,
        _text_lines(centre_lines, x=0, first_baseline=centre_first, line_h=CENTRE_LINE_H),
    )


def legend() -> list[dict]:
    """What the lines and shapes mean, each with a small sample drawing (decorative: the words say it)."""
    items = []
    for view, style in STYLES.items():
        dash = format_html(' stroke-dasharray="{}"', style.dash) if style.dash else ""
        sample = format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="act-ecomap__sample" viewBox="0 0 48 12" width="48" '
            'height="12" aria-hidden="true" focusable="false"><line x1="2" y1="6" x2="46" y2="6" stroke="{}" '
            'stroke-width="{}" stroke-linecap="round"{}/></svg>',
            style.colour,
            _n(style.width),
            dash,
        )
        items.append({"label": View(view).label, "pattern": style.pattern, "sample": sample})
    return items


def shape_samples() -> dict[str, SafeString]:
    """Small drawings of the two node shapes, for the legend."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" class="act-ecomap__sample" viewBox="0 0 20 20" width="20" '
        'height="20" aria-hidden="true" focusable="false">{}</svg>'
    )
    outline = format_html('fill="#ffffff" stroke="{}" stroke-width="1.5"', TEXT_COLOUR)
    return {
        "person": format_html(svg, format_html('<circle cx="10" cy="10" r="8" {}/>', outline)),
        "professional": format_html(svg, format_html('<rect x="2" y="2" width="16" height="16" {}/>', outline)),
    }
