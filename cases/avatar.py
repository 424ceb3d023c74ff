"""Drawing the young person's cartoon image as SVG, on the server, from the parts they chose.

py-avataaars draws it; what it gives is then made fit to sit inside a page, possibly beside another
image of its kind (a list of cases, the preview beside the saved image):
- every id is renamed with a prefix of its own, so that two images on one page never share one (the
  library's own "simplified" ids are x0, x1, ... in every image, and its others are long random ones);
  ids nothing refers to are dropped;
- it is an image with a name: role="img" and a <title> that says what it shows;
- nothing in it can run or fetch: no script, no event attribute, no link outside itself, no style
  (the page's Content Security Policy refuses inline style: the one style it uses becomes a class).
It is drawn once, when it is saved, and kept on the row (`Appearance.svg`): about 9 KB.
"""

import re
import secrets
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from xml.etree import ElementTree

from django.utils.translation import gettext as _

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
HREF = f"{{{XLINK}}}href"
# The size the image has where no style sizes it (the pages' CSS sets its own).
SIZE = "96"


@dataclass(frozen=True)
class ThemeColours:
    # The space's header band, with white writing on it.
    accent: str
    # The space's page around the white card, with the body's black writing and links on it.
    soft: str
    # The circle behind the cartoon: a py-avataaars colour name.
    circle: str


# Each theme of `cases.models.Theme`. static/scss/young_person.scss repeats accent and soft (a test
# checks they agree), and cases/tests/test_appearance.py checks each meets WCAG AA contrast.
THEMES = {
    "purple": ThemeColours(accent="#5b2c83", soft="#f4eefa", circle="PASTEL_RED"),
    "blue": ThemeColours(accent="#1d4f91", soft="#e8f1f8", circle="PASTEL_BLUE"),
    "green": ThemeColours(accent="#00703c", soft="#e9f5ee", circle="PASTEL_GREEN"),
    "orange": ThemeColours(accent="#9e3b00", soft="#fdf0e6", circle="PASTEL_ORANGE"),
    "pink": ThemeColours(accent="#a5185c", soft="#fcf0f5", circle="PASTEL_RED"),
    "night": ThemeColours(accent="#0b0c0c", soft="#f2f3f4", circle="GRAY_01"),
}

# Elements and attributes an image in a page must not have: none comes from py-avataaars today; this is
# the check that a future version of it cannot slip one in.
FORBIDDEN_ELEMENTS = {"script", "foreignObject", "style", "a", "image", "iframe", "animate", "set"}
# What covers the head, drawn in the colour of the clothes.
HEADWEAR = {"hijab", "turban", "hat", "winter_hat2"}
_REFERENCE = re.compile(r"url\(\s*['\"]?#([^'\")\s]+)['\"]?\s*\)")


class UnsafeImage(ValueError):
    """The drawing had something a page must not include."""


def _draw(parts: dict[str, str], theme: str) -> str:
    return _drawn(tuple(sorted(parts.items())), theme)


# py-avataaars compiles its templates again for every drawing (about 0.1 s). The same parts always draw the
# same picture, and `render` parses what it is given and renames every id, so a drawing is kept for the
# next page that asks for it: the space's "Try it", then the same choices kept. There are millions of
# combinations, each drawing about 20 KB: only the most recent are kept.
@lru_cache(maxsize=64)
def _drawn(sorted_parts: tuple[tuple[str, str], ...], theme: str) -> str:
    parts = dict(sorted_parts)
    # Imported here: py-avataaars imports CairoSVG (and its system library) as it loads, which only the
    # pages that draw an image need.
    import py_avataaars as pa  # type: ignore[import-untyped]

    colour = pa.Color[THEMES[theme].circle]
    avatar = pa.PyAvataaar(
        style=pa.AvatarStyle.CIRCLE,
        background_color=colour,
        skin_color=pa.SkinColor[parts["skin"].upper()],
        hair_color=pa.HairColor[parts["hair_colour"].upper()],
        facial_hair_type=pa.FacialHairType.DEFAULT,
        top_type=pa.TopType[parts["hair"].upper()],
        # A hat, hijab or turban takes the colour of the clothes.
        hat_color=pa.Color[parts["clothes_colour"].upper()],
        mouth_type=pa.MouthType[parts["mouth"].upper()],
        eye_type=pa.EyesType[parts["eyes"].upper()],
        eyebrow_type=pa.EyebrowType.DEFAULT_NATURAL,
        accessories_type=pa.AccessoriesType[parts["accessories"].upper()],
        clothe_type=pa.ClotheType[parts["clothes"].upper()],
        clothe_color=pa.Color[parts["clothes_colour"].upper()],
        clothe_graphic_type=pa.ClotheGraphicType.DIAMOND,
        # Not its "simplified" ids: they would be the same in every image (renamed below instead).
        simplify=False,
    )
    return avatar.render_svg()


def _parse(text: str) -> ElementTree.Element:
    # The XML declaration and the DOCTYPE are not wanted inside a page. defusedxml (which comes with
    # CairoSVG, so wherever py-avataaars is) reads it: no entity or DTD trick gets through either.
    from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped]

    body = text[text.index("<svg") :]
    return fromstring(body)


def _references(root: ElementTree.Element) -> set[str]:
    found = set()
    for element in root.iter():
        for name, value in element.attrib.items():
            if name == HREF and value.startswith("#"):
                found.add(value[1:])
            found.update(_REFERENCE.findall(value))
    return found


def _check(root: ElementTree.Element) -> None:
    for element in root.iter():
        tag = element.tag.rpartition("}")[2]
        if tag in FORBIDDEN_ELEMENTS:
            raise UnsafeImage(f"<{tag}> in an image")
        for name, value in element.attrib.items():
            local = name.rpartition("}")[2]
            if local.lower().startswith("on") or local == "style":
                raise UnsafeImage(f"the attribute {local} in an image")
            if local == "href" and not value.startswith("#"):
                raise UnsafeImage("a link outside the image")


# Inline style the page's Content Security Policy would refuse, as a class of static/scss/_avatar.scss
# instead (the sunglasses' lenses are drawn see-through with a blend).
STYLE_CLASSES = {"mix-blend-mode: 'screen'": "act-avatar__screen", "mix-blend-mode: screen": "act-avatar__screen"}


def _unstyle(root: ElementTree.Element) -> None:
    for element in root.iter():
        style = element.attrib.get("style")
        if style is not None and style.strip() in STYLE_CLASSES:
            del element.attrib["style"]
            element.set("class", STYLE_CLASSES[style.strip()])


def _rename_ids(root: ElementTree.Element, prefix: str) -> None:
    used = _references(root)
    names = {old: f"{prefix}{number}" for number, old in enumerate(sorted(used))}
    for element in root.iter():
        old = element.attrib.get("id")
        if old is not None:
            if old in names:
                element.set("id", names[old])
            else:
                del element.attrib["id"]
        for attribute, value in element.attrib.items():
            if attribute == HREF and value.startswith("#"):
                element.set(attribute, f"#{names[value[1:]]}")
            elif "url(" in value:
                element.set(attribute, _REFERENCE.sub(lambda m: f"url(#{names[m.group(1)]})", value))


def _name(root: ElementTree.Element, prefix: str, title: str) -> None:
    for desc in root.findall(f"{{{SVG}}}desc"):
        root.remove(desc)
    heading = ElementTree.Element(f"{{{SVG}}}title", {"id": f"{prefix}title"})
    heading.text = title
    root.insert(0, heading)
    root.set("role", "img")
    root.set("aria-labelledby", f"{prefix}title")
    root.set("class", "act-avatar__svg")
    root.set("width", SIZE)
    root.set("height", SIZE)
    root.attrib.pop("version", None)


def describe(parts: dict[str, str]) -> str:
    """What the image shows, in words: its accessible name."""
    from .models.appearance import Accessories, Clothes, ClothesColour, Hair, HairColour, Skin

    clothes_colour = ClothesColour(parts["clothes_colour"]).label.lower()
    hair = Hair(parts["hair"])
    if hair in HEADWEAR:
        head = f"{clothes_colour} {hair.label.lower()}"
    elif hair == Hair.NONE:
        head = hair.label.lower()
    else:
        head = _("%(colour)s hair (%(style)s)") % {
            "colour": HairColour(parts["hair_colour"]).label.lower(),
            "style": hair.label.lower(),
        }
    things = [
        _("%(skin)s skin") % {"skin": Skin(parts["skin"]).label.lower()},
        head,
        f"{clothes_colour} {Clothes(parts['clothes']).label.lower()}",
    ]
    if parts["accessories"] != Accessories.NONE:
        things.append(Accessories(parts["accessories"]).label.lower())
    return _("A cartoon person: %(things)s") % {"things": ", ".join(things)}


def _local(name: str) -> str:
    """An element's or attribute's name as it is written in a page: SVG's without a prefix, xlink's with its own."""
    uri, _brace, local = name[1:].rpartition("}") if name.startswith("{") else ("", "", name)
    return f"xlink:{local}" if uri == XLINK else local


def _written(element: ElementTree.Element, *, top: bool = False) -> str:
    """The element as markup. Written here rather than by ElementTree, whose prefixes are one table for the
    whole process that other code changes (WeasyPrint registers its own)."""
    attributes = {_local(name): value for name, value in element.attrib.items()}
    if top:
        attributes = {"xmlns": SVG, "xmlns:xlink": XLINK, **attributes}
    opening = _local(element.tag) + "".join(f' {name}="{escape(value)}"' for name, value in attributes.items())
    inside = escape(element.text or "", quote=False) + "".join(
        _written(child) + escape(child.tail or "", quote=False) for child in element
    )
    if not inside:
        return f"<{opening}/>"
    return f"<{opening}>{inside}</{_local(element.tag)}>"


def render(parts: dict[str, str], theme: str) -> str:
    """The cartoon as SVG text for a page, from already checked parts (see `Appearance.PARTS`) and a
    theme. Every call gives its ids a new prefix, so any two drawings can share a page."""
    root = _parse(_draw(parts, theme))
    _unstyle(root)
    _check(root)
    prefix = f"av{secrets.token_hex(4)}-"
    _rename_ids(root, prefix)
    _name(root, prefix, describe(parts))
    text = _written(root, top=True)
    return re.sub(r">\s+<", "><", text)


_PREFIX = re.compile(r"\bav[0-9a-f]{8}-")


def with_new_ids(svg: str) -> str:
    """A kept image with a new prefix on its ids: for a page that shows the same image twice (the space's
    header and the picture they are changing)."""
    prefix = f"av{secrets.token_hex(4)}-"
    return _PREFIX.sub(prefix, svg)
