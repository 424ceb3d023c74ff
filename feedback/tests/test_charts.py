"""The line of one check-in measure: its words are in the picture (title, each answer in the description and
its number above its point), it passes the Content Security Policy (no style), and it is well-formed."""

import xml.etree.ElementTree as ET
from datetime import timedelta

from django.utils import timezone

from feedback.charts import measure_line_svg
from feedback.words import CHECK_IN_QUESTIONS

MOOD = CHECK_IN_QUESTIONS[0]
SVG = "{http://www.w3.org/2000/svg}"


def test_every_answer_is_said_in_words_in_the_description():
    now = timezone.now()
    picture = measure_line_svg(MOOD, [(now - timedelta(days=7), 2), (now, 5)])
    root = ET.fromstring(str(picture))
    assert root.find(f"{SVG}title").text.startswith("Mood over the last check-ins")
    desc = root.find(f"{SVG}desc").text
    assert "2 (Not good)" in desc and "5 (Really good)" in desc
    assert [t.text for t in root.iter(f"{SVG}text")].count("5") >= 2  # the axis and the point
    assert len(root.findall(f"{SVG}circle")) == 2 and root.find(f"{SVG}polyline") is not None
    assert "style" not in str(picture)


def test_one_answer_is_a_point_and_none_says_so():
    one = ET.fromstring(str(measure_line_svg(MOOD, [(timezone.now(), 3)])))
    assert len(one.findall(f"{SVG}circle")) == 1 and one.find(f"{SVG}polyline") is None
    empty = ET.fromstring(str(measure_line_svg(MOOD, [])))
    assert empty.find(f"{SVG}desc").text == "No check-ins yet."
