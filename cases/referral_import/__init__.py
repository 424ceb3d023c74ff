"""Reading a CSV file of referrals exported by the council's system (the columns are described in
docs/referral-import.md).

Everything here is pure: bytes or text in; the file's columns, its rows, and for each row either the
clean fields of a Referral or the reasons it cannot be imported. Nothing touches the database: the tasks
in cases/tasks.py add what only the database knows (a council reference the team already has), and
cases/services/referral_import.py records the upload, the confirmation and the cancelling.

Two kinds of problem:
- `FileProblem`: the whole file cannot be read (wrong encoding, not a CSV file, a column missing...).
  It is raised, and shown on the upload form; nothing is stored.
- a bad row: the row's line number and the reasons, collected with every other bad row so that the
  person can correct them all at once.

- `columns`: the columns of the council's export and the Referral field each one fills;
- `reading`: the file as a whole: its size, encoding and kind, the header, and the rows with their lines;
- `checking`: each row against the rules of a Referral: dates, choices, worries, lengths.
"""

from .checking import RowResult, check_file, check_record, check_records, parse_date
from .columns import COLUMN_NAMES, COLUMNS, REQUIRED_COLUMNS, Column, normalise_name
from .reading import MAX_FILE_BYTES, MAX_FILE_SIZE_LABEL, CsvFile, FileProblem, Record, decode, read_text, read_upload

__all__ = [
    "COLUMNS",
    "COLUMN_NAMES",
    "MAX_FILE_BYTES",
    "MAX_FILE_SIZE_LABEL",
    "REQUIRED_COLUMNS",
    "Column",
    "CsvFile",
    "FileProblem",
    "Record",
    "RowResult",
    "check_file",
    "check_record",
    "check_records",
    "decode",
    "normalise_name",
    "parse_date",
    "read_text",
    "read_upload",
]
