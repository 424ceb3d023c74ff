"""The ecomap: a picture of the network around a young person, drawn as SVG on the server.

The young person is in the centre; the people and services around them sit on three rings by how close
the young person feels to them (close inside, distant outside). The line to each shows whether the young
person sees them as a support, a worry, both, or is not sure: by line pattern and width as well as colour,
so the picture does not rely on colour alone. Professionals and services are squares, everyone else is a
circle.

`ecomap_svg` is a pure function (no database, no request): it takes the young person's name and the
members (any objects with `name`, `closeness`, `young_persons_view`, `kind` and optionally `relationship`
and `agency`) and returns the markup. Every piece of text is user input, so every element is built with
`format_html`, which escapes its arguments; the pieces are joined with `format_html_join`, which escapes
anything that is not already safe.

Labels must stay readable with 40 people or more: long names are wrapped to two lines and then cut short
(the full name is in the member's `<title>`), and the rings grow apart until no two labels overlap.
Text widths are estimated from Helvetica/Arial character widths, slightly generously.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from .models.network import NetworkMember

Closeness = NetworkMember.Closeness
View = NetworkMember.View
Kind = NetworkMember.Kind

RINGS = [Closeness.CLOSE, Closeness.SOME, Closeness.DISTANT]

# Geometry, in viewBox units (a small network draws at about 600 units across).
CENTRE_R = 42
CENTRE_FONT = 13
CENTRE_LINE_H = 16
CENTRE_TEXT_W = 74
NODE_R = 9
LABEL_FONT = 12
LABEL_LINE_H = 14
LABEL_GAP = 3
LABEL_MAX_W = 90
LABEL_MAX_LINES = 2
RING_FONT = 11
START_RADII = (112, 190, 268)
RING_GAP = 50  # the least distance between two rings that both have members
EMPTY_RING_GAP = 40
PADDING = 8
MAX_ROUNDS = 400

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


STYLES = {
    View.SUPPORT: LineStyle("#00703c", 4, "", gettext_lazy("solid line")),
    View.WORRY: LineStyle("#d4351c", 3, "10 6", gettext_lazy("dashed line")),
    View.BOTH: LineStyle("#6f3c8f", 3, "14 5 3 5", gettext_lazy("dash and dot line")),
    View.NOT_SURE: LineStyle(MUTED_COLOUR, 2.5, "2 6", gettext_lazy("dotted line")),
}

# Character widths of Helvetica (Arial has the same metrics), in thousandths of the font size.
_WIDTHS = {
    **dict.fromkeys("abdeghnopqu0123456789$#_", 556),
    **dict.fromkeys("ckszxyv", 500),
    **dict.fromkeys("fjilt!.,:;'|[] ", 278),
    **dict.fromkeys('r-()/"', 333),
    "m": 833,
    "w": 722,
    **dict.fromkeys("ABEKPSVXY&", 667),
    **dict.fromkeys("CDHNRU", 722),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("GOQ", 778),
    "I": 278,
    "J": 500,
    "L": 556,
    "M": 833,
    "W": 944,
    "@": 1015,
    "%": 889,
    "…": 1000,
}
_OTHER_WIDTH = 620  # accented and other letters: a little over the average
_WIDE_WIDTH = 1000  # Chinese, Japanese, Korean and other full-width characters


def text_width(text: str, size: float, bold: bool = False) -> float:
    total = 0
    for char in text:
        width = _WIDTHS.get(char)
        if width is None:
            width = _WIDE_WIDTH if unicodedata.east_asian_width(char) in ("W", "F") else _OTHER_WIDTH
        total += width
    return total * size / 1000 * (1.1 if bold else 1.0)


def clean(text: str) -> str:
    """Text fit for XML and for one line: no control characters, surrogates or non-characters (XML does
    not allow them even escaped), runs of white space as one space."""
    kept = (
        " " if char.isspace() else char
        for char in str(text or "")
        if char.isspace() or (unicodedata.category(char) not in ("Cc", "Cs", "Co") and char not in "\ufffe\uffff")
    )
    return " ".join("".join(kept).split())


def wrap(text: str, *, max_width: float, size: float, max_lines: int, bold: bool = False) -> list[str]:
    """Break `text` into at most `max_lines` lines no wider than `max_width`; cut it short with an
    ellipsis when it does not fit. Words longer than a line are broken."""

    def fits(candidate: str) -> bool:
        return text_width(candidate, size, bold) <= max_width

    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current:
            lines.append(current)
        while not fits(word):  # a word longer than a line: break it
            cut = len(word) - 1
            while cut > 1 and not fits(word[:cut]):
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and not fits(last + "…"):
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept


@dataclass
class Box:
    left: float
    top: float
    right: float
    bottom: float
    ring: int  # which ring it belongs to (-1: the centre); the outer ring of two clashing boxes moves out

    def overlaps(self, other: Box) -> bool:
        return not (
            self.right <= other.left or other.right <= self.left or self.bottom <= other.top or other.bottom <= self.top
        )


@dataclass
class Placed:
    member: object
    name: str
    lines: list[str]
    label_width: float
    ring: int
    angle: float = 0.0
    x: float = 0.0
    y: float = 0.0
    label_above: bool = False
    box: Box = field(default_factory=lambda: Box(0, 0, 0, 0, 0))


def _ring_of(member) -> int:
    value = getattr(member, "closeness", None)
    return RINGS.index(value) if value in RINGS else len(RINGS) - 1


def _view_of(member) -> str:
    value = getattr(member, "young_persons_view", None)
    return value if value in STYLES else View.NOT_SURE


def _kind_rank(member, kinds: list[str]) -> int:
    kind = getattr(member, "kind", None)
    return kinds.index(kind) if kind in kinds else len(kinds)


def _is_professional(member) -> bool:
    return getattr(member, "kind", None) == Kind.PROFESSIONAL


def _spread(groups: list[list[Placed]]) -> None:
    """Give every member its angle. Members of a ring are evenly spaced. Each outer ring is turned so that
    its members keep as far as possible from the spokes of the rings inside it: a line to someone on an
    outer ring must not run through someone on an inner one."""
    taken: list[tuple[float, float]] = []  # (angle, radius) of the members of the rings inside
    for ring, group in enumerate(groups):
        count = len(group)
        if not count:
            continue
        step = 2 * math.pi / count
        best_turn, best_room = 0.0, -1.0
        for eighths in (0, 1, -1, 2, -2, 3, -3, 4):
            turn = eighths / 8 * step
            room = min(
                (
                    radius * _angle_apart(-math.pi / 2 + (index + 0.5) * step + turn, angle)
                    for index in range(count)
                    for angle, radius in taken
                ),
                default=math.inf,
            )
            if room > best_room + 1e-9:
                best_turn, best_room = turn, room
        for index, placed in enumerate(group):
            placed.angle = -math.pi / 2 + (index + 0.5) * step + best_turn
        taken.extend((placed.angle, START_RADII[ring]) for placed in group)


def _angle_apart(one: float, other: float) -> float:
    difference = abs(one - other) % (2 * math.pi)
    return min(difference, 2 * math.pi - difference)


def _place(groups: list[list[Placed]], radii: list[float]) -> list[Box]:
    """Put every member on its ring at `radii`; return the boxes (the centre's and each member's with its
    label) that must not overlap."""
    boxes = [Box(-CENTRE_R, -CENTRE_R, CENTRE_R, CENTRE_R, -1)]
    for ring, group in enumerate(groups):
        for placed in group:
            placed.x = radii[ring] * math.cos(placed.angle)
            placed.y = radii[ring] * math.sin(placed.angle)
            # The label goes on the outer side, so that the member's own line never crosses it.
            placed.label_above = placed.y < -0.01
            half = max(placed.label_width, 2 * NODE_R) / 2
            label_h = LABEL_GAP + len(placed.lines) * LABEL_LINE_H
            top = placed.y - NODE_R - (label_h if placed.label_above else 0)
            bottom = placed.y + NODE_R + (0 if placed.label_above else label_h)
            placed.box = Box(placed.x - half, top, placed.x + half, bottom, ring)
            boxes.append(placed.box)
    return boxes


def _first_clash(boxes: list[Box]) -> tuple[Box, Box] | None:
    for i, one in enumerate(boxes):
        for other in boxes[i + 1 :]:
            if one.overlaps(other):
                return one, other
    return None


def _gap(groups: list[list[Placed]], ring: int) -> float:
    """The least distance from ring `ring - 1` to ring `ring`: room for labels when both have members."""
    return RING_GAP if groups[ring - 1] and groups[ring] else EMPTY_RING_GAP


def _starting_radii(groups: list[list[Placed]]) -> list[float]:
    """Radii about big enough for each ring's members; the layout then grows them until nothing overlaps.
    Starting near the answer keeps the number of rounds small."""
    radii: list[float] = []
    for ring, group in enumerate(groups):
        radius = max(START_RADII[ring], len(group) * 0.8 * LABEL_MAX_W / (2 * math.pi))
        if radii:
            radius = max(radius, radii[-1] + _gap(groups, ring))
        radii.append(radius)
    return radii


def _layout(groups: list[list[Placed]]) -> tuple[list[float], list[Box]]:
    """Grow the rings, the outer of two clashing members' first, until no two boxes overlap."""
    radii = _starting_radii(groups)
    boxes = _place(groups, radii)
    for _round in range(MAX_ROUNDS):
        clash = _first_clash(boxes)
        if clash is None:
            break
        ring = max(clash[0].ring, clash[1].ring, 0)
        radii[ring] += max(4.0, radii[ring] * 0.02)
        for outer in range(ring + 1, len(radii)):
            radii[outer] = max(radii[outer], radii[outer - 1] + _gap(groups, outer))
        boxes = _place(groups, radii)
    return radii, boxes


def _ring_label_spots(groups, radii, boxes, labels) -> list[tuple[float, float] | None]:
    """Where each ring's name goes: on the ring, in a space between members, as near the top as it can
    be. A ring too crowded to name is left unnamed (the legend and the description say which is which)."""
    angles = sorted(placed.angle % (2 * math.pi) for group in groups for placed in group)
    ends = [*angles[1:], angles[0] + 2 * math.pi] if angles else []
    gaps = [(one + other) / 2 for one, other in zip(angles, ends, strict=True)]
    top = -math.pi / 2
    candidates = sorted([top, *gaps], key=lambda angle: _angle_apart(angle, top))
    spots: list[tuple[float, float] | None] = []
    taken = list(boxes)
    for ring, label in enumerate(labels):
        half_w = text_width(label, RING_FONT) / 2 + 3
        half_h = RING_FONT / 2 + 3
        spot = None
        for angle in candidates:
            x, y = radii[ring] * math.cos(angle), radii[ring] * math.sin(angle)
            box = Box(x - half_w, y - half_h, x + half_w, y + half_h, ring)
            if not any(box.overlaps(other) for other in taken):
                spot = (x, y)
                taken.append(box)
                break
        spots.append(spot)
    return spots


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


def _node(placed: Placed) -> SafeString:
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
        _member_title(placed),
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


def ecomap_svg(centre_name: str, members: Iterable, *, id_prefix: str = "ecomap") -> SafeString:
    """The ecomap of `members` around `centre_name`, as inline SVG markup."""
    centre = clean(centre_name) or _("The young person")
    groups: list[list[Placed]] = [[] for _ring in RINGS]
    for member in members:
        name = clean(getattr(member, "name", "")) or "?"
        lines = wrap(name, max_width=LABEL_MAX_W, size=LABEL_FONT, max_lines=LABEL_MAX_LINES)
        width = max(text_width(line, LABEL_FONT) for line in lines)
        ring = _ring_of(member)
        groups[ring].append(Placed(member=member, name=name, lines=lines, label_width=width, ring=ring))
    for group in groups:
        # Family together, then friends, professionals, others; by name within each: a stable picture.
        kinds = [value for value, _label in Kind.choices]
        group.sort(key=lambda p: (_kind_rank(p.member, kinds), p.name.lower()))

    _spread(groups)
    radii, boxes = _layout(groups)
    ring_labels = [_closeness_label(ring) for ring in range(len(RINGS))]
    spots = _ring_label_spots(groups, radii, boxes, ring_labels)

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
    title = _("Ecomap: the network around %(name)s") % {"name": centre}

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
        _description(centre, groups),
        rings,
        _join(_line(placed) for placed in everyone),
        ring_names,
        _join(_node(placed) for placed in everyone),
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
