"""CSV cells that a spreadsheet would run as a formula are written as plain text."""

import pytest

from cases.csvsafe import safe_cell, safe_row


@pytest.mark.parametrize(
    "value",
    [
        "=1+1",
        '=HYPERLINK("http://example.com","click")',
        "+44 7700 900123",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
        "\r=1+1",
    ],
)
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["CSC-000123", "urgency is empty", "", " =1+1", "Mia O'Neil", "1=1", "'=1"])
def test_other_text_is_left_as_it_is(value):
    assert safe_cell(value) == value


@pytest.mark.parametrize("value", [7, 0, -3, None, 2.5])
def test_values_that_are_not_text_are_left_as_they_are(value):
    assert safe_cell(value) == value


def test_a_row_is_made_safe_cell_by_cell():
    assert safe_row([12, "=cmd|' /C calc'!A0", "fine"]) == [12, "'=cmd|' /C calc'!A0", "fine"]
