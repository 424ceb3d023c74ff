"""Reading the file as a whole: its size, its encoding and what kind of file it is, the line that names
the columns, and the rows with the line each starts on. Anything that stops the whole file being read
is a `FileProblem`, whose message says why and what to do."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .columns import COLUMN_NAMES, REQUIRED_COLUMNS, normalise_name

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILE_SIZE_LABEL = "5 MB"
ALLOWED_EXTENSIONS = (".csv", ".txt")


class FileProblem(Exception):
    """The file as a whole cannot be read; the message says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Record:
    """One non-blank row of the file: its first line number and its values by column name."""

    line: int
    values: dict[str, str]
    value_count: int
    column_count: int
    extra_values: tuple[str, ...] = ()


@dataclass
class CsvFile:
    text: str
    columns: list[str]
    ignored_columns: list[str]
    records: list[Record]
    blank_lines: int = 0
    had_bom: bool = False

    @property
    def row_count(self) -> int:
        return len(self.records)


def _sniff_binary(raw: bytes) -> None:
    """Say what a file that is not text probably is, because "cannot be read" does not help anyone."""
    spreadsheet = _(
        "The selected file is a spreadsheet, not a CSV file. Open it and save it as "
        "“CSV UTF-8 (comma delimited)”, then upload that file."
    )
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileProblem(spreadsheet)
    if raw.startswith(b"%PDF"):
        raise FileProblem(_("The selected file is a PDF, not a CSV file."))
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise FileProblem(
            _(
                "The selected file is saved as “Unicode text” (UTF-16). Save it as "
                "“CSV UTF-8 (comma delimited)” and upload it again."
            )
        )
    if b"\x00" in raw[:65536]:
        raise FileProblem(_("The selected file is not a CSV file. Choose the CSV file exported by the council system."))


def decode(raw: bytes) -> tuple[str, bool]:
    """The file's text, and whether it started with a byte-order mark (Excel's "CSV UTF-8" adds one).

    Only UTF-8 text is accepted. A file in another encoding (Excel's plain "CSV", Latin-1, Windows-1252)
    would decode to the wrong letters in names without any error, so it is refused with the line of
    the first character that is not UTF-8, rather than guessed."""
    had_bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileProblem(
            _(
                "The selected file is not saved as UTF-8: line %(line)s has a character that cannot be read. "
                "In Excel, use “Save as” and choose “CSV UTF-8 (comma delimited)”, then upload it again."
            )
            % {"line": line}
        ) from None
    # A NUL byte further in than the look for binary content goes (a damaged export): no database
    # column can keep it (PostgreSQL refuses it), so the file is refused here with the line to look at.
    nul = text.find("\x00")
    if nul != -1:
        raise FileProblem(
            _(
                "Line %(line)s of the selected file has a character that is not text (a NUL byte). Open the "
                "file, save it again as “CSV UTF-8 (comma delimited)” and upload it again."
            )
            % {"line": text.count("\n", 0, nul) + 1}
        )
    # A file joined from two exports can carry a second mark; it is never part of a column name.
    return text.lstrip("\ufeff"), had_bom


def _read_header(row: list[str], line: int) -> tuple[list[str], list[str]]:
    """The file's columns (normalised) and the names of the columns this service does not use."""
    if len(row) == 1 and (";" in row[0] or "\t" in row[0]):
        raise FileProblem(
            _(
                "The columns on line %(line)s are separated by semicolons or tabs, not commas. "
                "Save the file as “CSV UTF-8 (comma delimited)” and upload it again."
            )
            % {"line": line}
        )
    columns = [normalise_name(name) for name in row]
    known = [name for name in columns if name in COLUMN_NAMES]
    if not known:
        raise FileProblem(
            _(
                "The first line of the file must name the columns (council_reference, first_name and so on). "
                "Check that this is the referrals export from the council system."
            )
        )
    repeated = sorted({name for name in known if known.count(name) > 1}, key=COLUMN_NAMES.index)
    if repeated:
        raise FileProblem(
            ngettext(
                "The column %(columns)s appears more than once. Keep one and upload the file again.",
                "The columns %(columns)s appear more than once. Keep one of each and upload the file again.",
                len(repeated),
            )
            % {"columns": ", ".join(repeated)}
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise FileProblem(
            ngettext(
                "The file has no %(columns)s column. Add it and upload the file again.",
                "The file is missing these columns: %(columns)s. Add them and upload the file again.",
                len(missing),
            )
            % {"columns": ", ".join(missing)}
        )
    ignored = [name.strip() for name, column in zip(row, columns, strict=True) if column and column not in COLUMN_NAMES]
    return columns, ignored


def _csv_error(error: csv.Error, line: int) -> FileProblem:
    message = str(error)
    if "unexpected end of data" in message:
        reason = _('a quotation mark (") is opened but never closed')
    elif "expected after" in message:
        reason = _('a quotation mark (") is followed by more text in the same value')
    elif "field larger than field limit" in message:
        reason = _("a value is far too long (a quotation mark may be missing)")
    else:
        reason = message
    return FileProblem(_("Line %(line)s of the file cannot be read: %(reason)s.") % {"line": line, "reason": reason})


def read_text(text: str, *, had_bom: bool = False) -> CsvFile:
    """Split the text into the header and the rows, with the line on which each row starts.

    csv.reader rather than csv.DictReader: DictReader skips blank lines without saying so, and then the
    line numbers of the rows after them cannot be known. A row counts from the line it starts on (a
    quoted value may run over several lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: list[str] | None = None
    ignored: list[str] = []
    records: list[Record] = []
    blank_lines = 0
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise _csv_error(error, line) from None
        start, line = line, reader.line_num + 1
        if not any(value.strip() for value in row):
            if columns is not None:
                blank_lines += 1
            continue
        if columns is None:
            columns, ignored = _read_header(row, start)
            continue
        values = {name: value.strip() for name, value in zip(columns, row, strict=False) if name in COLUMN_NAMES}
        extra = tuple(value for value in row[len(columns) :] if value.strip())
        records.append(
            Record(line=start, values=values, value_count=len(row), column_count=len(columns), extra_values=extra)
        )
    if columns is None:
        raise FileProblem(_("The selected file is empty."))
    if not records:
        raise FileProblem(_("The file has the column names but no referrals under them."))
    return CsvFile(
        text=text, columns=columns, ignored_columns=ignored, records=records, blank_lines=blank_lines, had_bom=had_bom
    )


def read_upload(raw: bytes, file_name: str) -> CsvFile:
    """An uploaded file, read: every check that concerns the file as a whole."""
    if len(raw) > MAX_FILE_BYTES:
        raise FileProblem(_("The selected file must be smaller than %(size)s.") % {"size": MAX_FILE_SIZE_LABEL})
    if not raw.strip():
        raise FileProblem(_("The selected file is empty."))
    _sniff_binary(raw)
    if not file_name.lower().endswith(ALLOWED_EXTENSIONS):
        raise FileProblem(_("The selected file must be a CSV file (its name ends in .csv)."))
    text, had_bom = decode(raw)
    return read_text(text, had_bom=had_bom)
