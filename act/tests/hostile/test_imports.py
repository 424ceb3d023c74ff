"""Hostile files to the referral import: hostile values in every column, broken headers, bytes that are
not UTF-8, NUL bytes (also past the first 64 KB), lone carriage returns, quotation marks never closed,
odd file names. The file is checked and imported as a worker would do it; then the import's page, its
CSV of problems (every cell safe to open in a spreadsheet) and the referrals it made are checked."""

import codecs
import csv
import io
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from cases.models import Referral, ReferralImport
from cases.tests.referral_import.helpers import row as good_row

from .checks import assert_safe_csv, attempt, csv_rows
from .inputs import HOSTILE, MISSING, SCRIPT, form, hostile_text, text

# One good row of a council export (the referral import's own tests use it too).
GOOD = good_row(1, last_name="Roberts", worries_details="Talking to adults on Snapchat")
DATES = ["31/02/2012", "00/00/0000", "2012-02-30", "1/1/12", "01/01/0001", "١٢/٠٤/٢٠١٢", "2999-01-01", "9" * 40]
row = form(**{name: text(value, limit=50 if name == "council_reference" else 100) for name, value in GOOD.items()}).map(
    lambda values: {name: "" if value is MISSING else value for name, value in values.items()}
)
rows = st.lists(row, min_size=1, max_size=4).map(
    lambda drawn: [
        {**values, "council_reference": f"{values['council_reference']}-{n}"} for n, values in enumerate(drawn)
    ]
)
columns = st.one_of(
    st.just(list(GOOD)),
    st.lists(st.sampled_from(list(GOOD)), min_size=1, max_size=len(GOOD)),  # missing and repeated columns
    st.tuples(st.just(list(GOOD)), hostile_text).map(lambda drawn: [*drawn[0], drawn[1]]),  # one more
)


def csv_bytes(drawn_rows: list[dict], names: list[str], line_end: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=line_end)
    writer.writerow(names)
    for values in drawn_rows:
        writer.writerow([values.get(name, "") if isinstance(values.get(name, ""), str) else "" for name in names])
    return out.getvalue().encode("utf-8", errors="surrogatepass")


def _nul_far_in(raw: bytes) -> bytes:
    # Past the first 64 KB, where a quick look for binary content stops.
    return raw + b"x" * 70_000 + b",\x00\r\n"


DAMAGE = {
    "none": lambda raw: raw,
    "byte order mark": lambda raw: codecs.BOM_UTF8 + raw,
    "two byte order marks": lambda raw: codecs.BOM_UTF8 * 2 + raw,
    "UTF-16": lambda raw: raw.decode("utf-8", "replace").encode("utf-16"),
    "Latin-1 byte": lambda raw: raw + b"Ren\xe9e\r\n",
    "NUL at the start": lambda raw: b"\x00" + raw,
    "NUL far in": _nul_far_in,
    "quotation mark never closed": lambda raw: raw + b'"unclosed,value\r\n',
    "cut short": lambda raw: raw[: len(raw) // 2],
    "semicolons": lambda raw: raw.replace(b",", b";"),
    "nothing": lambda raw: b"",
    "spaces": lambda raw: b"   \r\n\r\n",
}
NAMES = ["referrals.csv", "REFERRALS.CSV", "<script>alert(1)</script>.csv", "a\x00b.csv", "../../etc/passwd.csv"]
file_name = st.one_of(st.sampled_from(NAMES), hostile_text.map(lambda name: f"{name}.csv"), hostile_text).filter(
    # A name the browser could not send at all (the test client refuses it too).
    lambda name: os.path.basename(name) not in {"", ".", ".."}
)

UPLOAD = "referrals:import"


@given(
    drawn_rows=rows,
    names=columns,
    line_end=st.sampled_from(["\r\n", "\n", "\r"]),
    dates=st.lists(st.sampled_from(DATES), max_size=2),
    damage=st.one_of(st.just("none"), st.sampled_from(sorted(DAMAGE))),
    name=file_name,
    decision=st.sampled_from(["on", MISSING, "", SCRIPT, "cancel"]),
)
# Always tried: a NUL byte past the first 64 KB (PostgreSQL cannot keep one), and in the file's name.
@example(
    drawn_rows=[GOOD], names=list(GOOD), line_end="\r\n", dates=[], damage="NUL far in", name="a.csv", decision="on"
)
@example(drawn_rows=[GOOD], names=list(GOOD), line_end="\r\n", dates=[], damage="none", name="a\x00.csv", decision="on")
@HOSTILE
def test_importing_a_hostile_file(manager, team, drawn_rows, names, line_end, dates, damage, name, decision):
    for values, date in zip(drawn_rows, dates, strict=False):
        values["date_of_birth"] = date
    raw = DAMAGE[damage](csv_bytes(drawn_rows, names, line_end))
    with attempt(UPLOAD, manager) as visitor:
        upload_file = SimpleUploadedFile(name, raw, "text/csv")
        response = visitor.submit(reverse(UPLOAD), {"file": upload_file}, run_tasks=True)
        if response.status_code != 302:
            return
        upload = ReferralImport.objects.get()
        detail = reverse("referrals:import-detail", args=[upload.pk])
        _check_report(visitor, upload)
        if decision == "cancel":
            visitor.submit(reverse("referrals:import-cancel", args=[upload.pk]), {"only_good_rows": "on"}, times=2)
            upload.refresh_from_db()
            _check_report(visitor, upload)
        elif upload.status == ReferralImport.Status.CHECKED and upload.good_rows:
            confirm = reverse("referrals:import-confirm", args=[upload.pk])
            visitor.submit(confirm, {"only_good_rows": decision}, run_tasks=True, times=2)
            upload.refresh_from_db()
            _check_report(visitor, upload)
            visitor.get(reverse("referrals:list"))
            for referral in Referral.objects.filter(team=team)[:2]:
                visitor.get(reverse("referrals:detail", args=[referral.pk]))
        visitor.get(reverse(UPLOAD))  # the list of recent imports, with the file's name
        visitor.get(detail, {"page": "2"})


def _check_report(visitor, upload: ReferralImport) -> None:
    visitor.get(reverse("referrals:import-detail", args=[upload.pk]))
    report = visitor.get(reverse("referrals:import-problems-csv", args=[upload.pk]))
    assert_safe_csv(report)
    assert len(csv_rows(report)) == 1 + len(upload.problems)
