"""The ecomap drawing on its own: no database, no request."""

import random
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from cases import ecomap
from cases.ecomap import ecomap_svg, layout, wrap

SVG = "{http://www.w3.org/2000/svg}"
CLOSENESS = ["close", "some", "distant"]
VIEWS = ["support", "worry", "both", "not_sure"]
KINDS = ["family", "friend", "professional", "other"]
NAMES = [
    "Mum (Karen)",
    "Nan",
    "Tyler",
    "PC Sam Hughes",
    "Detective Constable Samantha Richardson-Hughes",
    "Rochdale High School",
    "Aunty Bev",
    "WWWWWWWWWWWWWWWWWWWWWWWW",
    "Mohammed Al-Rashid",
    "Zoë Ó Súilleabháin",
    "李小龍",
]


def person(name, closeness="close", view="support", kind="family", **extra):
    return SimpleNamespace(name=name, closeness=closeness, young_persons_view=view, kind=kind, **extra)


def crowd(count, closeness=None, seed=1):
    rng = random.Random(seed)
    return [
        person(
            f"{rng.choice(NAMES)} {index}",
            closeness or CLOSENESS[index % 3],
            rng.choice(VIEWS),
            rng.choice(KINDS),
        )
        for index in range(count)
    ]


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))


def member_groups(root):
    return [g for g in root.iter(f"{SVG}g") if g.get("class") == "act-ecomap__member"]


def text_of(element) -> str:
    return "".join(element.itertext())


def test_an_empty_network_still_draws_the_young_person_and_the_three_rings():
    root = parse(ecomap_svg("Destiny Walker", []))
    assert root.get("role") == "img"
    assert "Destiny Walker" in root.find(f"{SVG}title").text
    assert "No one has been added" in root.find(f"{SVG}desc").text
    assert member_groups(root) == []
    rings = root.find(f"{SVG}g[@class='act-ecomap__rings']")
    assert len(rings.findall(f"{SVG}circle")) == 3


def test_the_svg_is_labelled_for_assistive_technology_and_scales_to_its_column():
    root = parse(ecomap_svg("Destiny Walker", [person("Nan")], id_prefix="map"))
    assert root.get("aria-labelledby") == "map-title"
    assert root.get("aria-describedby") == "map-desc"
    assert root.find(f"{SVG}title").get("id") == "map-title"
    assert root.find(f"{SVG}desc").get("id") == "map-desc"
    assert root.get("width") == "100%"
    assert len(root.get("viewBox").split()) == 4


def test_one_member_is_drawn_with_a_line_a_node_and_their_name():
    root = parse(ecomap_svg("Destiny Walker", [person("Nan", "some", "worry")]))
    [group] = member_groups(root)
    assert "Nan" in text_of(group.find(f"{SVG}text"))
    title = group.find(f"{SVG}title").text
    assert "Nan" in title and "some" in title and "a worry" in title
    [line] = root.find(f"{SVG}g[@class='act-ecomap__lines']").findall(f"{SVG}line")
    assert line.get("stroke-dasharray")  # a worry is dashed, not only red
    description = root.find(f"{SVG}desc").text
    assert "1 person or service" in description and "Some (1): Nan, a worry." in description


def test_forty_members_are_all_drawn_and_every_one_is_in_the_text_alternative():
    members = crowd(40)
    root = parse(ecomap_svg("Destiny Walker", members))
    groups = member_groups(root)
    assert len(groups) == 40
    titles = [group.find(f"{SVG}title").text for group in groups]
    description = root.find(f"{SVG}desc").text
    for member in members:
        assert any(title.startswith(member.name) for title in titles), member.name
        assert f"{member.name}, " in description, member.name
    assert len(root.find(f"{SVG}g[@class='act-ecomap__lines']").findall(f"{SVG}line")) == 40
    assert "40 people and services" in root.find(f"{SVG}desc").text


@pytest.mark.parametrize("closeness", [None, "close", "some", "distant"])
@pytest.mark.parametrize("count", [1, 2, 7, 15, 40])
def test_no_two_labels_overlap_however_the_members_are_spread(closeness, count):
    members = crowd(count, closeness, seed=count)
    groups = layout.group_by_ring(members)
    layout.spread(groups)
    _radii, boxes = layout.grow_rings(groups)
    assert layout.first_clash(boxes) is None


def test_forty_members_in_one_ring_still_fit_a_readable_picture():
    root = parse(ecomap_svg("Destiny Walker", crowd(40, "close")))
    size = float(root.get("viewBox").split()[2])
    # Shown in a column about 640 px wide, labels stay around 6 px or more; mixed networks do far better.
    assert size < 1400


def test_a_mixed_network_of_forty_is_about_the_width_of_a_desktop_column():
    root = parse(ecomap_svg("Destiny Walker", crowd(40)))
    assert float(root.get("viewBox").split()[2]) < 900


def test_names_are_escaped_and_the_svg_stays_valid_xml():
    nasty = '<script>alert("x")</script> & Co\'s'
    svg = str(ecomap_svg("<b>Des</b>", [person(nasty, relationship="<i>mum</i>", agency="A & B")]))
    assert "<script>" not in svg
    assert "<b>" not in svg and "<i>" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    [group] = member_groups(root)
    assert group.find(f"{SVG}title").text.startswith(nasty)
    assert "<i>mum</i>" in group.find(f"{SVG}title").text
    assert "<b>Des</b>" in root.find(f"{SVG}title").text


def test_control_characters_in_a_name_cannot_break_the_xml():
    root = parse(ecomap_svg("Des\x00tiny", [person("Ni\x01ck\x07y \ufffe\x0b"), person("Tab\tand\nnewline")]))
    titles = [group.find(f"{SVG}title").text for group in member_groups(root)]
    assert any(title.startswith("Nicky") for title in titles)
    assert any(title.startswith("Tab and newline") for title in titles)


def test_a_long_name_is_wrapped_to_two_lines_and_shortened_with_the_full_name_in_its_title():
    name = "Detective Constable Samantha Richardson-Hughes of Greater Manchester Police"
    root = parse(ecomap_svg("Destiny Walker", [person(name, kind="professional")]))
    [group] = member_groups(root)
    lines = [text_of(tspan) for tspan in group.iter(f"{SVG}tspan")]
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert group.find(f"{SVG}title").text.startswith(name)
    assert group.find(f"{SVG}rect") is not None  # a professional is a square


def test_a_word_longer_than_a_line_is_broken():
    lines = wrap("W" * 30, max_width=90, size=12, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(ecomap.text_width(line, 12) <= 90 for line in lines)


@pytest.mark.parametrize(
    "closeness,ring_index",
    [("close", 0), ("some", 1), ("distant", 2), ("unknown", 2)],
)
def test_members_sit_on_the_ring_for_their_closeness(closeness, ring_index):
    members = [person("Nan", closeness)]
    root = parse(ecomap_svg("Destiny Walker", members))
    radii = [float(c.get("r")) for c in root.find(f"{SVG}g[@class='act-ecomap__rings']").findall(f"{SVG}circle")]
    assert radii == sorted(radii)
    node = member_groups(root)[0].find(f"{SVG}circle")
    distance = (float(node.get("cx")) ** 2 + float(node.get("cy")) ** 2) ** 0.5
    assert distance == pytest.approx(radii[ring_index], abs=0.2)


def test_each_view_has_its_own_line_pattern_not_only_its_own_colour():
    patterns = {style.dash for style in ecomap.STYLES.values()}
    colours = {style.colour for style in ecomap.STYLES.values()}
    assert len(patterns) == len(ecomap.STYLES) == len(colours)
    root = parse(ecomap_svg("D", [person(view, view=view) for view in VIEWS]))
    lines = root.find(f"{SVG}g[@class='act-ecomap__lines']").findall(f"{SVG}line")
    assert len({line.get("stroke-dasharray") for line in lines}) == 4


def test_the_legend_explains_every_view_in_words():
    items = ecomap.legend()
    assert [str(item["label"]) for item in items] == ["A support", "A worry", "Both", "Not sure"]
    assert all(str(item["pattern"]) for item in items)
    for item in items:
        assert parse(item["sample"]).get("aria-hidden") == "true"


def test_the_same_network_is_drawn_the_same_way_every_time():
    members = crowd(12)
    assert str(ecomap_svg("D", members)) == str(ecomap_svg("D", list(reversed(members))))


def test_the_drawings_use_presentation_attributes_never_inline_style():
    """The Content Security Policy refuses style attributes and <style> elements; SVG presentation
    attributes (fill, stroke) are not style and are allowed."""
    drawings = [ecomap_svg("Destiny", crowd(20))]
    drawings += [item["sample"] for item in ecomap.legend()]
    drawings += list(ecomap.shape_samples().values())
    for drawing in drawings:
        for element in parse(drawing).iter():
            assert "style" not in element.attrib, element.tag
            assert element.tag != f"{SVG}style"
