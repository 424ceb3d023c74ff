"""Reading a CSV file of referrals exported by the council's system (the columns are described in
docs/referral-import.md).

Everything here is pure: bytes or text in; the file's columns, its rows, and for each row either the
clean fields of a Referral or the reasons it cannot be imported. Nothing touches the database: the tasks
in cases/tasks.py add what only the database knows (a council reference the team already has).

Two kinds of problem:
- `FileProblem`: the whole file cannot be read (wrong encoding, not a CSV file, a column missing...).
  It is raised, and shown on the upload form; nothing is stored.
- a bad row: the row's line number and the reasons, collected with every other bad row so that the
  person can correct them all at once.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .models import Awareness, LivingSituation, Referral, Urgency, Worry

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILE_SIZE_LABEL = "5 MB"
ALLOWED_EXTENSIONS = (".csv", ".txt")

# An imported referral with a date but no time was received at the start of the working day.
RECEIVED_TIME_IF_NONE = time(9, 0)


@dataclass(frozen=True)
class Column:
    name: str
    field: str
    required: bool = True


# The columns, in the order the sample file has them. `field` is the Referral field each one fills.
COLUMNS: tuple[Column, ...] = (
    Column("council_reference", "external_reference"),
    Column("received_date", "received_at"),
    Column("first_name", "given_name"),
    Column("last_name", "family_name"),
    Column("date_of_birth", "date_of_birth"),
    Column("living_situation", "living_situation"),
    Column("education_setting", "education_setting", required=False),
    Column("referrer_name", "referrer_name"),
    Column("referrer_agency", "referrer_agency"),
    Column("referrer_contact", "referrer_contact"),
    Column("worries", "worries"),
    Column("worries_details", "worries_details", required=False),
    Column("going_well", "going_well", required=False),
    Column("young_person_knows", "young_person_knows"),
    Column("parent_knows", "parent_knows"),
    Column("urgency", "urgency"),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
REQUIRED_COLUMNS = tuple(column.name for column in COLUMNS if column.required)

# Choice columns accept the stored value ("foster_care") or the label people see ("Foster care").
CHOICES: dict[str, type] = {
    "living_situation": LivingSituation,
    "young_person_knows": Awareness,
    "parent_knows": Awareness,
    "urgency": Urgency,
}
# Several worries go in one cell, separated by semicolons (commas and | are accepted too).
WORRY_SEPARATORS = re.compile(r"[;,|]")


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


@dataclass
class RowResult:
    """A row checked: `fields` (ready for services.referral_create) when it is good, `errors` when not."""

    line: int
    reference: str
    fields: dict | None = None
    received_at: datetime | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def problem(self) -> dict:
        """The row as stored in ReferralImport.problems."""
        return {"line": self.line, "reference": self.reference[:50], "message": "; ".join(self.errors)}


def normalise_name(name: str) -> str:
    """A column name as written in a spreadsheet ("Date of birth ") to the name used here
    ("date_of_birth")."""
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")


def _squash(value: str) -> str:
    """A value reduced to letters and digits, to compare choices: "Children's home" = "childrens_home"."""
    return re.sub(r"[^a-z0-9]", "", value.lower())


# Reading the file


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


# Checking the rows


DATE_PATTERNS = (
    # dd/mm/yyyy (UK), also d/m/yyyy as spreadsheets write it, with an optional time
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?)?"),
    # yyyy-mm-dd (ISO), with an optional time
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?"),
)
TWO_DIGIT_YEAR = re.compile(r"\d{1,2}/\d{1,2}/\d{2}(?:\s.*)?")


class _Bad(ValueError):
    pass


def _quote(value: str, limit: int = 40) -> str:
    return "“" + (value if len(value) <= limit else value[: limit - 1] + "…") + "”"


def parse_date(value: str) -> tuple[date, time | None]:
    """A date in dd/mm/yyyy or yyyy-mm-dd, with an optional time (hh:mm). Raises _Bad with the reason."""
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            try:
                day = date(int(match["y"]), int(match["m"]), int(match["d"]))
                at = time(int(match["H"]), int(match["M"])) if match["H"] is not None else None
            except ValueError:
                raise _Bad(_("%(value)s is not a real date") % {"value": _quote(value)}) from None
            return day, at
    if TWO_DIGIT_YEAR.fullmatch(value):
        raise _Bad(_("%(value)s needs a four-digit year, for example 23/04/2012") % {"value": _quote(value)})
    raise _Bad(_("%(value)s is not a date: use dd/mm/yyyy or yyyy-mm-dd") % {"value": _quote(value)})


@functools.cache
def _accepted(choices: type, language: str | None) -> dict[str, str]:
    """Every accepted spelling of a choice (its value and its label, squashed) to its value; built once
    per language, not for every row."""
    accepted: dict[str, str] = {}
    for code, label in choices.choices:
        accepted[_squash(code)] = code
        accepted.setdefault(_squash(str(label)), code)
    return accepted


def _lookup(choices: type, value: str) -> str | None:
    return _accepted(choices, get_language()).get(_squash(value))


def _choice(column: str, value: str) -> str:
    options = CHOICES[column]
    code = _lookup(options, value)
    if code is None:
        raise _Bad(
            _("%(value)s is not one of: %(options)s")
            % {"value": _quote(value), "options": ", ".join(code for code, _label in options.choices)}
        )
    return code


def _worries(value: str) -> list[str]:
    chosen: list[str] = []
    unknown: list[str] = []
    for part in WORRY_SEPARATORS.split(value):
        part = part.strip()
        if not part:
            continue
        code = _lookup(Worry, part)
        if code is None:
            unknown.append(part)
        elif code not in chosen:
            chosen.append(code)
    if unknown:
        raise _Bad(
            ngettext(
                "%(values)s is not a worry this service records (use: %(options)s)",
                "%(values)s are not worries this service records (use: %(options)s)",
                len(unknown),
            )
            % {"values": ", ".join(_quote(v) for v in unknown), "options": ", ".join(Worry.values)}
        )
    if not chosen:
        raise _Bad(_("give at least one worry"))
    return chosen


MAX_LENGTHS: dict[str, int | None] = {
    column.field: Referral._meta.get_field(column.field).max_length for column in COLUMNS
}


def check_record(record: Record, *, today: date) -> RowResult:
    """One row against the rules of a Referral: required values, lengths, dates and choices."""
    values = record.values
    result = RowResult(line=record.line, reference=values.get("council_reference", ""))
    errors = result.errors

    if record.value_count < record.column_count:
        # Usually a line break inside a value that was not in quotation marks: the row was cut in two.
        errors.append(
            _("the row has %(found)s values but the first line names %(expected)s columns")
            % {"found": record.value_count, "expected": record.column_count}
        )
        return result
    if record.extra_values:
        errors.append(_("the row has more values than the first line has column names"))
        return result

    fields: dict = {}
    received: tuple[date, time | None] | None = None
    for column in COLUMNS:
        value = values.get(column.name, "")
        if not value:
            if column.required:
                errors.append(_("%(column)s is empty") % {"column": column.name})
            else:
                fields[column.field] = ""
            continue
        try:
            if column.name == "received_date":
                received = parse_date(value)
                if received[0] > today:
                    raise _Bad(_("%(value)s is in the future") % {"value": _quote(value)})
            elif column.name == "date_of_birth":
                born, _at = parse_date(value)
                if born > today:
                    raise _Bad(_("%(value)s is in the future") % {"value": _quote(value)})
                if born.year < 1900:
                    raise _Bad(_("%(value)s is before 1900") % {"value": _quote(value)})
                fields[column.field] = born
            elif column.name == "worries":
                fields[column.field] = _worries(value)
            elif column.name in CHOICES:
                fields[column.field] = _choice(column.name, value)
            else:
                limit = MAX_LENGTHS[column.field]
                if limit is not None and len(value) > limit:
                    raise _Bad(
                        _("is %(length)s characters long; the most it can be is %(limit)s")
                        % {"length": len(value), "limit": limit}
                    )
                fields[column.field] = value
        except _Bad as bad:
            errors.append(f"{column.name}: {bad}")

    born = fields.get("date_of_birth")
    if received and born and born > received[0]:
        errors.append(_("date_of_birth is after received_date"))
    if errors or received is None:
        return result
    result.received_at = timezone.make_aware(
        datetime.combine(received[0], received[1] or RECEIVED_TIME_IF_NONE), timezone.get_default_timezone()
    )
    result.fields = fields
    return result


def check_records(records: Iterable[Record], *, today: date) -> Iterator[RowResult]:
    """Every row checked, in order. A council reference that appears on more than one row is good only
    on the first: the later rows are bad, naming the line it was first on."""
    records = list(records)
    first_line: dict[str, int] = {}
    for record in records:
        reference = record.values.get("council_reference", "")
        if reference:
            first_line.setdefault(reference, record.line)
    for record in records:
        result = check_record(record, today=today)
        first = first_line.get(result.reference)
        if result.reference and first is not None and first != record.line:
            result.errors.append(
                _("council reference %(reference)s is also on line %(line)s")
                % {"reference": _quote(result.reference), "line": first}
            )
            result.fields, result.received_at = None, None
        yield result


def check_file(csv_file: CsvFile, *, today: date) -> Iterator[RowResult]:
    return check_records(csv_file.records, today=today)
