"""The network as the young person sees it: their own closeness (`NetworkMember.own_closeness`) on the
rings, and someone who makes them feel unsafe drawn as a worry. Two pictures use it:

- the staff's network page, beside the professional ecomap: what the young person has said, and only that;
- their space's "My people": everyone, drawn for them, said to them in plain words (`YOUNG_PERSON_WORDS`),
  with nothing staff-only (no contact details, no staff view of how they feel, no account or notes).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from django.utils.translation import gettext as _

from ..models.network import OWN_ORDER, TO_RINGS, NetworkMember, OwnCloseness
from .layout import Placed
from .svg import Words
from .text import clean

View = NetworkMember.View
Kind = NetworkMember.Kind


@dataclass(frozen=True)
class Seen:
    """One member as the young person sees them, in the shape the ecomap draws."""

    pk: int
    name: str
    kind: str
    relationship: str  # who they are, in words fit for the young person to read
    closeness: str  # the ring: `own` on the ecomap's rings
    own: str  # an OwnCloseness value
    young_persons_view: str
    unsafe: bool
    said: bool  # the young person placed them (or said they make them feel unsafe); not just where staff put them
    added_by_them: bool


def who_they_are(member: NetworkMember) -> str:
    """Who someone is, for the young person: the relationship of family and friends; for a professional
    only their agency or service (what staff wrote about their role may use words of the field)."""
    if member.kind == Kind.PROFESSIONAL:
        agency = member.agency or (str(member.user.agency or "") if member.user_id and member.user else "")
        return agency or _("Someone who works with you")
    return member.relationship


def as_they_see_it(members: Iterable[NetworkMember]) -> list[Seen]:
    seen = []
    for member in members:
        own = member.closeness_as_they_see_it
        seen.append(
            Seen(
                pk=member.pk,
                name=member.name,
                kind=member.kind,
                relationship=who_they_are(member),
                closeness=TO_RINGS[OwnCloseness(own)],
                own=own,
                young_persons_view=View.WORRY if member.feels_unsafe else View.NOT_SURE,
                unsafe=member.feels_unsafe,
                said=bool(member.own_closeness) or member.feels_unsafe,
                added_by_them=member.added_by_young_person,
            )
        )
    # Closest first, then by name: the order of the list beside the picture.
    return sorted(seen, key=lambda s: (OWN_ORDER.index(OwnCloseness(s.own)), s.name.lower(), s.pk))


def _own_label(value: str) -> str:
    return str(OwnCloseness(value).label)


def _member_title(placed: Placed) -> str:
    member = cast(Seen, placed.member)
    who = placed.name
    relationship = clean(getattr(member, "relationship", ""))
    if relationship:
        who = f"{who} ({relationship})"
    text = _("%(who)s: %(closeness)s.") % {"who": who, "closeness": _own_label(member.own).lower()}
    if member.unsafe:
        text += " " + _("Makes you feel unsafe.")
    return text


def _description(centre: str, groups: list[list[Placed]]) -> str:
    total = sum(len(group) for group in groups)
    if not total:
        return _("You are in the middle. No one is in your picture yet.")
    parts = [_("You are in the middle, with the people around you: the closer they feel, the nearer they are to you.")]
    for ring, group in enumerate(groups):
        if group:
            names = ", ".join(placed.name for placed in group)
            parts.append(
                _("%(closeness)s (%(count)s): %(names)s.")
                % {"closeness": _own_label(OWN_ORDER[ring]), "count": len(group), "names": names}
            )
    unsafe = [placed.name for group in groups for placed in group if cast(Seen, placed.member).unsafe]
    if unsafe:
        parts.append(_("You said these people make you feel unsafe: %(names)s.") % {"names": ", ".join(unsafe)})
    return " ".join(parts)


YOUNG_PERSON_WORDS = Words(
    title=lambda centre: _("The people around you"),
    ring_labels=lambda: [_own_label(value) for value in OWN_ORDER],
    member_title=_member_title,
    description=_description,
)
