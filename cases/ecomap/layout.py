"""Where everything goes on the ecomap: the members on their rings, and the rings far enough apart.

Labels must stay readable with 40 people or more: long names are wrapped to two lines and then cut short
(the full name is in the member's `<title>`), and the rings grow apart until no two labels overlap.
Everything is in viewBox units, with the young person at (0, 0).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..models.network import NetworkMember
from .text import clean, text_width, wrap

Closeness = NetworkMember.Closeness
Kind = NetworkMember.Kind

RINGS = [Closeness.CLOSE, Closeness.SOME, Closeness.DISTANT]

# Geometry, in viewBox units (a small network draws at about 600 units across).
CENTRE_R = 42
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
MAX_ROUNDS = 400


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


def _kind_rank(member, kinds: list[str]) -> int:
    kind = getattr(member, "kind", None)
    return kinds.index(kind) if kind in kinds else len(kinds)


def group_by_ring(members: Iterable) -> list[list[Placed]]:
    """Every member with its label wrapped and measured, in the group of its ring."""
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
    return groups


def spread(groups: list[list[Placed]]) -> None:
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


def first_clash(boxes: list[Box]) -> tuple[Box, Box] | None:
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


def grow_rings(groups: list[list[Placed]]) -> tuple[list[float], list[Box]]:
    """Grow the rings, the outer of two clashing members' first, until no two boxes overlap."""
    radii = _starting_radii(groups)
    boxes = _place(groups, radii)
    for _round in range(MAX_ROUNDS):
        clash = first_clash(boxes)
        if clash is None:
            break
        ring = max(clash[0].ring, clash[1].ring, 0)
        radii[ring] += max(4.0, radii[ring] * 0.02)
        for outer in range(ring + 1, len(radii)):
            radii[outer] = max(radii[outer], radii[outer - 1] + _gap(groups, outer))
        boxes = _place(groups, radii)
    return radii, boxes


def ring_label_spots(groups, radii, boxes, labels) -> list[tuple[float, float] | None]:
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
