"""Cells for CSV files that people open in a spreadsheet.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some also after a
leading tab or carriage return), so a value typed by someone else, a council reference such as
`=HYPERLINK(...)`, could run on the manager's computer when they open the file. Every text cell of every
CSV file the service writes goes through `safe_cell`, which puts an apostrophe in front of such a value:
the spreadsheet then shows it as the text it is, and the apostrophe itself is not shown.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value as a cell that a spreadsheet shows as text. Values that are not text (line numbers,
    counts) are left as they are: the CSV writer writes them as digits, which no spreadsheet runs."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values) -> list:
    return [safe_cell(value) for value in values]
