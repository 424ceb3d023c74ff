"""The dashboards' charts (dashboards/charts.py): pictures that say every number in words, escape what they are
given, draw no `style` (the Content Security Policy), and give the same numbers as a table."""

from xml.etree import ElementTree

from dashboards.charts import Chart, Series, plain_number

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart: Chart) -> ElementTree.Element:
    return ElementTree.fromstring(str(chart.svg()))


def test_a_line_over_months_has_a_title_a_description_of_every_number_and_a_gap_for_a_month_without():
    chart = Chart(
        title="Average goal rating",
        labels=["Sep 2026", "Oct 2026", "Nov 2026"],
        series=[Series("Average", [4, None, 6.25])],
        high=10,
    )
    svg = parse(chart)
    assert svg.get("role") == "img" and svg.findtext(f"{SVG}title") == "Average goal rating"
    assert svg.findtext(f"{SVG}desc") == "Sep 2026: 4; Oct 2026: –; Nov 2026: 6.3."
    assert len(svg.findall(f"{SVG}circle")) == 2
    assert not svg.findall(f"{SVG}polyline")  # no line drawn across the month with no ratings
    assert [text.text for text in svg.findall(f"{SVG}text")].count("6.3") == 1
    assert chart.rows == [("Sep 2026", ["4"]), ("Oct 2026", ["–"]), ("Nov 2026", ["6.3"])]


def test_bars_by_worker_escape_names_and_draw_no_style():
    chart = Chart(
        title="Open cases by key worker",
        labels=["Jo Bennett", '<script>alert("x")</script>'],
        series=[Series("Open cases", [12, 3])],
        kind="bars",
    )
    markup = str(chart.svg())
    assert "<script>" not in markup and "&lt;script&gt;" in markup
    assert "style" not in markup
    svg = parse(chart)
    widths = [float(rect.get("width", 0)) for rect in svg.findall(f"{SVG}rect")]
    assert widths[0] == 4 * widths[1]  # 12 and 3, on one scale
    assert "Jo Bennett: 12" in (svg.findtext(f"{SVG}desc") or "")


def test_two_series_have_a_legend_in_words_and_are_named_in_the_description():
    chart = Chart(
        title="Moves",
        labels=["Nov 2026", "Dec 2026"],
        series=[Series("Planned", [1, 0]), Series("Placement broke down", [0, 2])],
        kind="bars",
    )
    svg = parse(chart)
    texts = [text.text for text in svg.findall(f"{SVG}text")]
    assert "Planned" in texts and "Placement broke down" in texts
    assert (
        svg.findtext(f"{SVG}desc")
        == "Nov 2026: Planned 1, Placement broke down 0; Dec 2026: Planned 0, Placement broke down 2."
    )
    assert chart.rows[1] == ("Dec 2026", ["0", "2"])


def test_a_chart_with_nothing_in_it_says_it_is_empty():
    assert Chart(title="Wellbeing", labels=["Dec 2026"], series=[Series("Average", [None])]).empty
    assert not Chart(title="Moves", labels=["Dec 2026"], series=[Series("Moves", [0])]).empty


def test_numbers_are_written_plainly():
    assert [plain_number(value) for value in (3, 3.0, 3.25, 2.96, None)] == ["3", "3", "3.3", "3", "–"]
