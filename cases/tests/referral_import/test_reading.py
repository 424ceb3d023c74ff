"""Reading the file as a whole: its size, encoding and kind, the line that names the columns, and the
line each row starts on (docs/referral-import.md). A file that cannot be read is refused at upload and
nothing is stored."""

import codecs

import pytest
from django.urls import reverse

from cases import referral_import
from cases.models import ReferralImport

from .helpers import Status, csv_text, detail_url, form_error, row


def test_a_spreadsheets_byte_order_mark_is_not_part_of_the_first_column(send):
    send(codecs.BOM_UTF8 + csv_text([row(1, first_name="Siân")]).encode())

    upload = ReferralImport.objects.get()
    assert upload.problems == [] and upload.good_rows == 1
    assert not upload.content.startswith("\ufeff")


def test_a_file_that_is_not_utf8_is_refused_with_the_line_to_look_at(send):
    text = csv_text([row(1), row(2, first_name="Zoë")])

    response = send(text.encode("latin-1"))

    message = form_error(response)
    assert "not saved as UTF-8" in message and "line 3" in message and "CSV UTF-8" in message
    assert "There is a problem" in response.content.decode()
    assert not ReferralImport.objects.exists()


def test_a_nul_byte_past_the_start_of_the_file_is_refused_with_its_line(send):
    # Binary content is looked for in the first 64 KB only; a NUL further in must not reach the database.
    text = csv_text([row(n) for n in range(1, 400)]) + "CSC-999,\x00\r\n"
    assert len(text) > 65_536

    message = form_error(send(text))

    assert "Line 401" in message and "NUL" in message
    assert not ReferralImport.objects.exists()


@pytest.mark.parametrize(
    "columns,message",
    [
        (["council_reference", "first_name"], "The file is missing these columns: received_date, last_name"),
        ([c for c in referral_import.COLUMN_NAMES if c != "urgency"], "The file has no urgency column"),
    ],
)
def test_missing_columns_are_named(send, columns, message):
    response = send(csv_text([row(1)], columns=columns))

    assert message in form_error(response)
    assert not ReferralImport.objects.exists()


def test_a_column_named_twice_is_refused(send):
    header = ",".join([*referral_import.COLUMN_NAMES, "First Name"])
    response = send(header + "\r\n" + csv_text([row(1)]).split("\r\n", 1)[1])

    assert "The column first_name appears more than once" in form_error(response)
    assert not ReferralImport.objects.exists()


def test_columns_are_matched_without_regard_to_capitals_and_spaces(send):
    header = ",".join(name.replace("_", " ").title() for name in referral_import.COLUMN_NAMES)
    send(header + "\r\n" + csv_text([row(1)]).split("\r\n", 1)[1])

    assert ReferralImport.objects.get().good_rows == 1


def test_extra_columns_are_ignored_and_the_page_says_so(send, as_manager):
    rows = [{**row(1), "Social worker": "J Smith", "NHS number": "000 000 0000"}]
    send(csv_text(rows, columns=[*referral_import.COLUMN_NAMES, "Social worker", "NHS number"]))

    upload = ReferralImport.objects.get()
    page = as_manager.get(detail_url(upload)).content.decode()

    assert upload.problems == [] and upload.good_rows == 1
    assert "These columns are not used by this service and were ignored: Social worker, NHS number" in page


def test_blank_lines_are_skipped_and_line_numbers_still_match_the_file(send, as_manager):
    header, first, second = csv_text([row(1), row(2, urgency="asap")]).strip().split("\r\n")
    text = "\r\n".join([header, "", first, ",,,,,,,,,,,,,,,,", "", second]) + "\r\n"

    send(text)

    upload = ReferralImport.objects.get()
    assert upload.total_rows == 2
    assert [p["line"] for p in upload.problems] == [6]
    assert "3 blank lines were skipped" in as_manager.get(detail_url(upload)).content.decode()


def test_a_value_over_several_lines_counts_from_its_first_line(send):
    send(csv_text([row(1, worries_details="one\ntwo\nthree"), row(2, urgency="asap")]))

    assert [p["line"] for p in ReferralImport.objects.get().problems] == [5]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "The selected file is empty"),
        (b"  \r\n\r\n", "The selected file is empty"),
        (",".join(referral_import.COLUMN_NAMES).encode() + b"\r\n\r\n", "no referrals under them"),
    ],
)
def test_an_empty_file_is_refused(send, content, message):
    assert message in form_error(send(content))
    assert not ReferralImport.objects.exists()


def test_no_file_at_all_is_refused(as_manager):
    response = as_manager.post(reverse("referrals:import"), {})

    assert form_error(response) == "Select a CSV file"


def test_a_file_over_5_mb_is_refused(send):
    text = csv_text([row(1)]) + "x" * (5 * 1024 * 1024)

    assert "must be smaller than 5 MB" in form_error(send(text))
    assert not ReferralImport.objects.exists()


def test_a_file_of_exactly_5_mb_gets_through_the_request_size_limit_and_is_checked(send):
    """The largest file allowed, in its form, is under MAX_REQUEST_BYTES (act/middleware.py). The file is
    a wide export: 50 rows, each with a long notes column, which the import ignores."""
    columns = [*referral_import.COLUMN_NAMES, "case_notes"]
    spare = referral_import.MAX_FILE_BYTES - len(
        csv_text([row(n, case_notes="") for n in range(1, 51)], columns).encode()
    )
    notes = [spare // 50] * 49 + [spare - 49 * (spare // 50)]
    text = csv_text([row(n, case_notes="n" * notes[n - 1]) for n in range(1, 51)], columns)
    assert len(text.encode()) == referral_import.MAX_FILE_BYTES

    response = send(text)

    assert int(response.wsgi_request.META["CONTENT_LENGTH"]) > referral_import.MAX_FILE_BYTES
    upload = ReferralImport.objects.get()
    assert response["Location"] == detail_url(upload)
    assert upload.status == Status.CHECKED
    assert (upload.total_rows, upload.good_rows, upload.problems) == (50, 50, [])


@pytest.mark.parametrize(
    "content,name,message",
    [
        (b"PK\x03\x04\x14\x00\x06\x00binary", "referrals.xlsx", "is a spreadsheet, not a CSV file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "referrals.pdf", "is a PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "referrals.csv", "is not a CSV file"),
        ("council_reference,first_name\r\n".encode("utf-16"), "referrals.csv", "Unicode text"),
        (b"council_reference;first_name;last_name\r\n1;a;b\r\n", "referrals.csv", "separated by semicolons or tabs"),
        (b"Dear team,\r\nplease find the referrals attached.\r\n", "referrals.csv", "must name the columns"),
        (csv_text([row(1)]).encode(), "referrals.docx", "must be a CSV file"),
    ],
)
def test_a_file_that_is_not_csv_is_refused_with_a_clear_message(send, content, name, message):
    assert message in form_error(send(content, name=name))
    assert not ReferralImport.objects.exists()


def test_a_quotation_mark_never_closed_is_refused_with_its_line(send):
    text = csv_text([row(1)]) + 'CSC-000002,01/01/2026,"Mia,Roberts\r\nCSC-000003,01/01/2026,Mia\r\n'

    message = form_error(send(text))

    assert "Line 3 of the file cannot be read" in message and "never closed" in message
