"""A goal's ratings as a small line over time: valid SVG with a title and a description that says every
rating, each score written beside its point, scores outside 0-10 drawn at the nearest end."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

from plans.charts import rating_line_svg

SVG = "{http://www.w3.org/2000/svg}"


@dataclass
class Rated:
    score: int
    rated_at: datetime | date
    rated_by_name: str = "Destiny"


def drawn(ratings, width=320, height=130) -> ET.Element:
    return ET.fromstring(str(rating_line_svg(ratings, width, height)))


def texts(svg: ET.Element) -> list[str]:
    return [element.text or "" for element in svg.iter(f"{SVG}text")]


def test_no_ratings_draw_a_picture_that_says_so():
    svg = drawn([])
    assert svg.find(f"{SVG}title") is not None
    assert svg.findtext(f"{SVG}desc") == "No ratings yet."
    assert texts(svg) == ["No ratings yet."]
    assert svg.find(f"{SVG}polyline") is None and svg.find(f"{SVG}circle") is None


def test_one_rating_is_a_point_in_the_middle_with_its_score_and_day():
    svg = drawn([Rated(6, date(2026, 11, 3))], width=300)
    (point,) = svg.iter(f"{SVG}circle")
    gridline = svg.find(f"{SVG}line")
    assert gridline is not None
    assert float(point.get("cx") or 0) == (float(gridline.get("x1") or 0) + float(gridline.get("x2") or 0)) / 2
    assert svg.find(f"{SVG}polyline") is None
    assert "6" in texts(svg) and "3 Nov" in texts(svg)
    assert svg.findtext(f"{SVG}desc") == "1 rating: 6 out of 10 on 3 November 2026 by Destiny."
    assert svg.get("role") == "img" and svg.get("width") == "300" and svg.get("height") == "130"


def test_many_ratings_are_a_line_in_time_order_with_every_score_as_text():
    ratings = [
        Rated(7, date(2026, 11, 30), "Jo"),
        Rated(2, date(2026, 10, 1)),
        Rated(5, timezone.make_aware(datetime(2026, 11, 1, 23, 30))),
    ]
    svg = drawn(ratings)
    points = svg.find(f"{SVG}polyline").get("points").split()
    xs = [float(point.split(",")[0]) for point in points]
    assert len(points) == 3 and xs == sorted(xs)
    assert texts(svg)[3:6] == ["2", "5", "7"]  # after the axis's 0, 5 and 10
    assert texts(svg)[-2:] == ["1 Oct", "30 Nov"]
    assert svg.findtext(f"{SVG}desc") == (
        "3 ratings: 2 out of 10 on 1 October 2026 by Destiny; 5 out of 10 on 1 November 2026 by Destiny; "
        "7 out of 10 on 30 November 2026 by Jo."
    )


def test_scores_outside_0_to_10_are_drawn_at_the_nearest_end():
    svg = drawn([Rated(-3, date(2026, 10, 1)), Rated(14, date(2026, 10, 8))])
    low, high = (float(circle.get("cy") or 0) for circle in svg.iter(f"{SVG}circle"))
    gridlines = [float(line.get("y1") or 0) for line in svg.iter(f"{SVG}line")]
    assert (low, high) == (gridlines[0], gridlines[2])  # the lines of 0 and of 10
    assert texts(svg)[3:5] == ["0", "10"]
    assert "14" not in svg.findtext(f"{SVG}desc", "") and "-3" not in svg.findtext(f"{SVG}desc", "")


def test_a_raters_name_written_as_markup_stays_text():
    svg = drawn([Rated(4, date(2026, 10, 1), '<script>alert("x")</script>')])
    assert svg.find(f".//{SVG}script") is None
    assert '<script>alert("x")</script>' in svg.findtext(f"{SVG}desc", "")


def test_the_picture_has_no_style_attribute_for_the_pages_content_security_policy():
    markup = str(rating_line_svg([Rated(1, date(2026, 10, 1)), Rated(9, date(2026, 10, 9))], 320, 130))
    assert "style" not in markup
