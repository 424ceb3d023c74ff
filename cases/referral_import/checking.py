"""Checking each row of the file against the rules of a Referral: required values, lengths, dates,
choices and worries. A bad row gets every reason at once, each starting with its column's name, so that
the person can correct them all in one go."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from ..models import Referral, Worry
from .columns import CHOICES, COLUMNS, Column
from .reading import CsvFile, Record

# An imported referral with a date but no time was received at the start of the working day.
RECEIVED_TIME_IF_NONE = time(9, 0)

# Several worries go in one cell, separated by semicolons (commas and | are accepted too).
WORRY_SEPARATORS = re.compile(r"[;,|]")

DATE_PATTERNS = (
    # dd/mm/yyyy (UK), also d/m/yyyy as spreadsheets write it, with an optional time
    re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?)?"),
    # yyyy-mm-dd (ISO), with an optional time
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[ T](?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?"),
)
TWO_DIGIT_YEAR = re.compile(r"\d{1,2}/\d{1,2}/\d{2}(?:\s.*)?")


def _max_length(name: str) -> int | None:
    field = Referral._meta.get_field(name)
    assert isinstance(field, models.Field), f"{name} is not a column of a referral"
    return field.max_length


MAX_LENGTHS: dict[str, int | None] = {column.field: _max_length(column.field) for column in COLUMNS}


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


class _Bad(ValueError):
    pass


def _squash(value: str) -> str:
    """A value reduced to letters and digits, to compare choices: "Children's home" = "childrens_home"."""
    return re.sub(r"[^a-z0-9]", "", value.lower())


def _quote(value: str, limit: int = 40) -> str:
    return "“" + (value if len(value) <= limit else value[: limit - 1] + "…") + "”"


# Dates


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


def _past_date(value: str, *, today: date) -> tuple[date, time | None]:
    day, at = parse_date(value)
    if day > today:
        raise _Bad(_("%(value)s is in the future") % {"value": _quote(value)})
    return day, at


def _received_at(value: str, *, today: date) -> datetime:
    day, at = _past_date(value, today=today)
    return timezone.make_aware(datetime.combine(day, at or RECEIVED_TIME_IF_NONE), timezone.get_default_timezone())


def _date_of_birth(value: str, *, today: date) -> date:
    born, _at = _past_date(value, today=today)
    if born.year < 1900:
        raise _Bad(_("%(value)s is before 1900") % {"value": _quote(value)})
    return born


# Choices and worries


@functools.cache
def _accepted(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    """Every accepted spelling of a choice (its value and its label, squashed) to its value; built once
    per language, not for every row."""
    accepted: dict[str, str] = {}
    for code, label in choices.choices:
        accepted[_squash(code)] = code
        accepted.setdefault(_squash(str(label)), code)
    return accepted


def _lookup(choices: type[models.TextChoices], value: str) -> str | None:
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


# Text


def _text(column: Column, value: str) -> str:
    limit = MAX_LENGTHS[column.field]
    if limit is not None and len(value) > limit:
        raise _Bad(
            _("is %(length)s characters long; the most it can be is %(limit)s") % {"length": len(value), "limit": limit}
        )
    return value


# Rows


def _value(column: Column, value: str, *, today: date) -> datetime | date | list[str] | str:
    """The clean value of one cell that is not empty; raises _Bad with the reason."""
    if column.name == "received_date":
        return _received_at(value, today=today)
    if column.name == "date_of_birth":
        return _date_of_birth(value, today=today)
    if column.name == "worries":
        return _worries(value)
    if column.name in CHOICES:
        return _choice(column.name, value)
    return _text(column, value)


def _shape_problem(record: Record) -> str | None:
    """Why the row's values cannot be matched to the columns at all, if they cannot."""
    if record.value_count < record.column_count:
        # Usually a line break inside a value that was not in quotation marks: the row was cut in two.
        return _("the row has %(found)s values but the first line names %(expected)s columns") % {
            "found": record.value_count,
            "expected": record.column_count,
        }
    if record.extra_values:
        return _("the row has more values than the first line has column names")
    return None


def _fields(values: dict[str, str], errors: list[str], *, today: date) -> dict:
    """The clean value of every column, by the Referral field it fills; the problems go to `errors`."""
    fields: dict = {}
    for column in COLUMNS:
        value = values.get(column.name, "")
        if not value:
            if column.required:
                errors.append(_("%(column)s is empty") % {"column": column.name})
            else:
                fields[column.field] = ""
            continue
        try:
            fields[column.field] = _value(column, value, today=today)
        except _Bad as bad:
            errors.append(f"{column.name}: {bad}")
    return fields


def check_record(record: Record, *, today: date) -> RowResult:
    """One row against the rules of a Referral: required values, lengths, dates and choices."""
    result = RowResult(line=record.line, reference=record.values.get("council_reference", ""))
    shape = _shape_problem(record)
    if shape:
        result.errors.append(shape)
        return result
    fields = _fields(record.values, result.errors, today=today)
    # The time received is not a field of the form: referral_create takes it on its own.
    received_at = fields.pop("received_at", None)
    born = fields.get("date_of_birth")
    if received_at and born and born > received_at.date():
        result.errors.append(_("date_of_birth is after received_date"))
    if result.errors or received_at is None:
        return result
    result.received_at = received_at
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
