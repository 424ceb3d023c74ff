"""Importing referrals from the council system's CSV export (docs/referral-import.md)."""

import codecs
import csv
import io
import time
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import User
from accounts.tests.factories import UserFactory
from act.testing import assert_query_budget, count_queries, sign_in_fully
from cases import referral_import, tasks
from cases.models import Referral, ReferralImport
from cases.tests.factories import ReferralFactory, YoungPersonFactory

Status = ReferralImport.Status
SAMPLE = Path(django_settings.BASE_DIR) / "docs" / "sample-referrals.csv"
YESTERDAY = timezone.localdate() - timedelta(days=1)


def row(n: int = 1, **changes) -> dict:
    """One good row of a council export; `changes` replace its values (None leaves a column out)."""
    values = {
        "council_reference": f"CSC-{n:06d}",
        "received_date": YESTERDAY.strftime("%d/%m/%Y"),
        "first_name": "Mia",
        "last_name": f"Roberts{n}",
        "date_of_birth": "02/04/2012",
        "living_situation": "foster_care",
        "education_setting": "Falinge Park High School",
        "referrer_name": "Dee Shaw",
        "referrer_agency": "Falinge Park High School",
        "referrer_contact": "d.shaw@school.example",
        "worries": "online;older_peers",
        "worries_details": "Talking to adults on Snapchat, and more, over several lines",
        "going_well": "Loves art",
        "young_person_knows": "yes",
        "parent_knows": "not_sure",
        "urgency": "soon",
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def csv_text(rows: list[dict], columns: list[str] | None = None) -> str:
    columns = columns or list(referral_import.COLUMN_NAMES)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@pytest.fixture(autouse=True)
def _tasks_run_inline(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True


@pytest.fixture
def as_manager(client_for, manager):
    return client_for(manager)


@pytest.fixture
def send(as_manager, django_capture_on_commit_callbacks):
    """Upload a file as the manager; the queued tasks run when the request's transaction commits."""

    def upload(content: str | bytes, name: str = "referrals.csv", client=None):
        data = content.encode() if isinstance(content, str) else content
        with django_capture_on_commit_callbacks(execute=True):
            return (client or as_manager).post(
                reverse("referrals:import"), {"file": SimpleUploadedFile(name, data, "text/csv")}
            )

    return upload


@pytest.fixture
def confirm(as_manager, django_capture_on_commit_callbacks):
    def post(upload: ReferralImport, data: dict | None = None):
        with django_capture_on_commit_callbacks(execute=True):
            return as_manager.post(reverse("referrals:import-confirm", args=[upload.pk]), data or {})

    return post


def form_error(response) -> str:
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1
    return errors[0]


def detail_url(upload: ReferralImport) -> str:
    return reverse("referrals:import-detail", args=[upload.pk])


def mark_importing(upload: ReferralImport, **fields) -> None:
    """What confirming does, without running the task."""
    ReferralImport.objects.filter(pk=upload.pk).update(status=Status.IMPORTING, processed_rows=0, **fields)


# A good file


def test_a_good_file_is_checked_and_waits_for_the_managers_confirmation(send, manager):
    response = send(csv_text([row(1), row(2), row(3)]))

    upload = ReferralImport.objects.get()
    assert response["Location"] == detail_url(upload)
    assert upload.status == Status.CHECKED
    assert (upload.total_rows, upload.good_rows, upload.problems) == (3, 3, [])
    assert upload.team == manager.team and upload.created_by == manager
    assert not Referral.objects.exists()


def test_confirming_a_good_file_imports_every_row_as_a_referral(send, confirm, manager):
    send(csv_text([row(1), row(2, worries="Going missing; Online contact with adults", urgency="Urgent: today")]))
    upload = ReferralImport.objects.get()

    response = confirm(upload)

    assert response["Location"] == detail_url(upload)
    upload.refresh_from_db()
    assert upload.status == Status.DONE and upload.imported_rows == 2 and upload.finished_at
    first, second = Referral.objects.order_by("external_reference")
    assert first.source == Referral.Source.IMPORT and first.external_reference == "CSC-000001"
    assert first.team == manager.team and first.created_by == manager
    assert first.status == Referral.Status.WAITING
    assert (first.given_name, first.family_name, first.date_of_birth) == ("Mia", "Roberts1", date(2012, 4, 2))
    assert first.living_situation == "foster_care" and first.worries == ["online", "older_peers"]
    assert (first.young_person_knows, first.parent_knows, first.urgency) == ("yes", "not_sure", "soon")
    assert timezone.localtime(first.received_at).date() == YESTERDAY
    assert timezone.localtime(first.received_at).hour == 9
    assert second.worries == ["missing", "online"] and second.urgency == "urgent"


def test_the_summary_says_how_many_were_imported_and_links_to_the_referrals(send, confirm, as_manager):
    send(csv_text([row(1), row(2)]))
    upload = ReferralImport.objects.get()
    confirm(upload)

    page = as_manager.get(detail_url(upload)).content.decode()

    assert "Import complete" in page and "2 referrals imported" in page
    assert reverse("referrals:list") in page


def test_the_sample_file_in_the_docs_imports_without_a_problem(send, confirm):
    send(SAMPLE.read_bytes(), name="sample-referrals.csv")
    upload = ReferralImport.objects.get()
    assert upload.problems == [] and upload.good_rows == 5

    confirm(upload)

    assert Referral.objects.filter(source=Referral.Source.IMPORT).count() == 5
    zoe = Referral.objects.get(external_reference="CSC-2026-004817")
    assert zoe.given_name == "Zoë" and timezone.localtime(zoe.received_at).strftime("%H:%M") == "10:42"
    assert Referral.objects.get(external_reference="CSC-2026-004853").living_situation == "childrens_home"


def test_an_imported_referral_is_flagged_when_the_team_already_knows_the_young_person(send, confirm, team):
    known = YoungPersonFactory(team=team, given_name="Mia", family_name="Roberts1", date_of_birth=date(2012, 4, 2))
    send(csv_text([row(1)]))

    confirm(ReferralImport.objects.get())

    assert Referral.objects.get().possible_duplicate == known


# Bad rows


def test_bad_rows_are_reported_with_their_line_numbers_and_reasons(send, as_manager):
    rows = [
        row(1),
        row(2, date_of_birth="31/02/2012"),
        row(3, urgency="asap", referrer_contact=""),
        row(4, living_situation="in a tent", worries="football"),
        row(5, received_date=(timezone.localdate() + timedelta(days=3)).isoformat()),
        row(6, first_name="A" * 101),
        row(7, date_of_birth="3/4/12"),
    ]
    send(csv_text(rows))

    upload = ReferralImport.objects.get()
    problems = {p["line"]: p for p in upload.problems}
    assert sorted(problems) == [3, 4, 5, 6, 7, 8]
    assert upload.good_rows == 1
    assert problems[3]["reference"] == "CSC-000002"
    assert "date_of_birth: “31/02/2012” is not a real date" in problems[3]["message"]
    assert "referrer_contact is empty" in problems[4]["message"]
    assert "urgency: “asap” is not one of: routine, soon, urgent" in problems[4]["message"]
    assert "living_situation" in problems[5]["message"] and "“football” is not a worry" in problems[5]["message"]
    assert "received_date" in problems[6]["message"] and "in the future" in problems[6]["message"]
    assert "first_name: is 101 characters long" in problems[7]["message"]
    assert "four-digit year" in problems[8]["message"]

    page = as_manager.get(detail_url(upload)).content.decode()
    assert "Some rows in the file have problems" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">4</td>' in page
    assert "urgency: “asap” is not one of" in page


def test_nothing_is_imported_while_any_row_is_bad(send, confirm):
    send(csv_text([row(1), row(2, urgency="asap"), row(3)]))
    upload = ReferralImport.objects.get()

    response = confirm(upload)

    assert response.status_code == 400
    assert "Tick the box to import only the good rows" in response.content.decode()
    upload.refresh_from_db()
    assert upload.status == Status.CHECKED
    assert not Referral.objects.exists()


def test_the_import_task_refuses_bad_rows_that_were_not_chosen_to_be_left_out(send):
    send(csv_text([row(1), row(2, urgency="asap")]))
    upload = ReferralImport.objects.get()
    mark_importing(upload)

    tasks.run_import(upload.pk)

    upload.refresh_from_db()
    assert upload.status == Status.FAILED
    assert not Referral.objects.exists()


def test_the_manager_can_choose_to_import_only_the_good_rows(send, confirm, as_manager):
    send(csv_text([row(1), row(2, urgency="asap"), row(3)]))
    upload = ReferralImport.objects.get()
    page = as_manager.get(detail_url(upload)).content.decode()
    assert "Import only the 2 good rows" in page
    assert f'action="{reverse("referrals:import-confirm", args=[upload.pk])}"' in page

    confirm(upload, {"only_good_rows": "on"})

    upload.refresh_from_db()
    assert upload.status == Status.DONE and upload.only_good_rows
    assert upload.imported_rows == 2
    assert sorted(Referral.objects.values_list("external_reference", flat=True)) == ["CSC-000001", "CSC-000003"]
    page = as_manager.get(detail_url(upload)).content.decode()
    assert "Rows not imported" in page and "CSC-000002" in page


def test_a_file_with_no_good_row_offers_nothing_to_import(send, confirm, as_manager):
    send(csv_text([row(1, urgency="asap")]))
    upload = ReferralImport.objects.get()

    page = as_manager.get(detail_url(upload)).content.decode()
    response = confirm(upload, {"only_good_rows": "on"})

    assert "No row in the file can be imported" in page and "Import only" not in page
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_a_council_reference_already_imported_for_the_team_is_a_bad_row(send, team, other_team):
    ReferralFactory(team=team, external_reference="CSC-000001", source=Referral.Source.IMPORT)
    ReferralFactory(team=other_team, external_reference="CSC-000002", source=Referral.Source.IMPORT)

    send(csv_text([row(1), row(2)]))

    upload = ReferralImport.objects.get()
    assert [p["line"] for p in upload.problems] == [2]
    assert "already imported" in upload.problems[0]["message"]
    assert upload.good_rows == 1


def test_a_council_reference_twice_in_the_file_is_imported_once(send, confirm):
    send(csv_text([row(1), row(2), row(1, first_name="Other")]))
    upload = ReferralImport.objects.get()
    assert upload.problems == [
        {"line": 4, "reference": "CSC-000001", "message": "council reference “CSC-000001” is also on line 2"}
    ]

    confirm(upload, {"only_good_rows": "on"})

    assert Referral.objects.filter(external_reference="CSC-000001").get().given_name == "Mia"


def test_uploading_the_same_file_again_imports_nothing_twice(send, confirm):
    text = csv_text([row(1), row(2)])
    send(text)
    confirm(ReferralImport.objects.get())

    send(text)

    again = ReferralImport.objects.latest("pk")
    assert again.good_rows == 0 and len(again.problems) == 2
    assert all("already imported" in p["message"] for p in again.problems)
    assert Referral.objects.count() == 2


def test_a_row_with_too_few_or_too_many_values_is_a_bad_row(send):
    text = csv_text([row(1)]) + "CSC-000002,01/01/2026,Mia\r\n" + csv_text([row(3)]).split("\r\n", 1)[1]
    text = text.rstrip("\r\n") + ",surprise\r\n"

    send(text)

    problems = {p["line"]: p["message"] for p in ReferralImport.objects.get().problems}
    assert problems == {
        3: "the row has 3 values but the first line names 16 columns",
        4: "the row has more values than the first line has column names",
    }


# The file as a whole


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


@pytest.mark.parametrize(
    "value,expected",
    [
        ("23/04/2012", date(2012, 4, 23)),
        ("3/4/2012", date(2012, 4, 3)),
        ("2012-04-23", date(2012, 4, 23)),
        ("23/04/2012 14:05", date(2012, 4, 23)),
        ("2012-04-23T14:05:00", date(2012, 4, 23)),
    ],
)
def test_dates_are_read_in_uk_and_iso_order(value, expected):
    assert referral_import.parse_date(value)[0] == expected


@pytest.mark.parametrize("value", ["04/23/2012", "23.04.2012", "next Tuesday", "2012-13-01", "23/04/12"])
def test_other_dates_are_refused(value):
    with pytest.raises(ValueError):
        referral_import.parse_date(value)


def test_a_date_of_birth_after_the_referral_was_received_is_a_bad_row(send):
    send(csv_text([row(1, received_date="01/01/2020", date_of_birth="02/02/2021")]))

    assert "date_of_birth is after received_date" in ReferralImport.objects.get().problems[0]["message"]


# Large files and progress


def five_thousand_rows() -> str:
    """5,000 rows, every tenth with a problem."""
    return csv_text([row(n, urgency="asap" if n % 10 == 0 else "soon") for n in range(1, 5001)])


def test_five_thousand_rows_are_checked_within_a_few_seconds(send, as_manager):
    started = time.monotonic()
    response = send(five_thousand_rows())
    elapsed = time.monotonic() - started

    upload = ReferralImport.objects.get()
    assert upload.status == Status.CHECKED
    assert (upload.total_rows, upload.processed_rows, upload.good_rows) == (5000, 5000, 4500)
    assert len(upload.problems) == 500 and upload.problems[-1]["line"] == 5001
    assert elapsed < 5, f"checking 5,000 rows took {elapsed:.1f} s"
    page = as_manager.get(response["Location"]).content.decode()
    assert "Import only the 4500 good rows" in page and "Showing problems 1 to 100 of 500" in page


def test_five_thousand_rows_are_imported_to_the_last_row(send, confirm):
    send(five_thousand_rows())
    upload = ReferralImport.objects.get()

    started = time.monotonic()
    confirm(upload, {"only_good_rows": "on"})
    elapsed = time.monotonic() - started

    upload.refresh_from_db()
    assert upload.status == Status.DONE
    assert (upload.processed_rows, upload.imported_rows) == (5000, 4500)
    assert Referral.objects.filter(source=Referral.Source.IMPORT).count() == 4500
    # Each row goes through services.referral_create (its possible-duplicate query is most of the
    # time); the bound catches work that grows faster than the rows, not a slow machine.
    assert elapsed < 30, f"importing 5,000 rows took {elapsed:.1f} s"


def test_progress_is_recorded_chunk_by_chunk(send, monkeypatch):
    seen = []
    real_lock = tasks._lock

    def watching(import_pk, status, start):
        seen.append((status, start))
        return real_lock(import_pk, status, start)

    monkeypatch.setattr(tasks, "CHUNK_SIZE", 2)
    monkeypatch.setattr(tasks, "_lock", watching)

    send(csv_text([row(n) for n in range(1, 6)]))

    assert seen == [(Status.CHECKING, 0), (Status.CHECKING, 2), (Status.CHECKING, 4)]


def test_the_progress_json_says_how_far_the_work_has_gone(as_manager, manager):
    upload = ReferralImport.objects.create(
        team=manager.team, created_by=manager, file_name="big.csv", content="", total_rows=400, processed_rows=100
    )

    response = as_manager.get(reverse("referrals:import-progress", args=[upload.pk]))

    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert response.json() == {
        "status": "checking",
        "status_label": "Checking",
        "active": True,
        "processed": 100,
        "total": 400,
        "percent": 25,
        "message": "Checked 100 of 400 rows",
    }


def test_the_checking_page_shows_progress_and_refreshes_itself_without_javascript(as_manager, manager):
    upload = ReferralImport.objects.create(
        team=manager.team, created_by=manager, file_name="big.csv", content="", total_rows=4000, processed_rows=1000
    )

    page = as_manager.get(detail_url(upload)).content.decode()

    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert '<progress class="act-import-progress__bar"' in page and 'max="4000" value="1000"' in page
    assert "Checked 1,000 of 4,000 rows (25%)" in page
    assert reverse("referrals:import-progress", args=[upload.pk]) in page
    assert "js/import-progress.js" in page


def test_a_finished_import_page_does_not_refresh_itself(send, as_manager):
    send(csv_text([row(1)]))

    page = as_manager.get(detail_url(ReferralImport.objects.get())).content.decode()

    assert 'http-equiv="refresh"' not in page and "The file is ready to import" in page


def test_the_detail_page_makes_as_many_queries_with_300_problems_as_with_3(as_manager, manager):
    upload = ReferralImport.objects.create(
        team=manager.team,
        created_by=manager,
        file_name="bad.csv",
        content=csv_text([row(1)]),
        status=Status.CHECKED,
        total_rows=1,
        good_rows=1,
    )

    def add_problems(n: int) -> None:
        start = len(upload.problems)
        upload.problems += [
            {"line": start + i + 2, "reference": f"X{start + i}", "message": "urgency is empty"} for i in range(n)
        ]
        upload.save(update_fields=["problems"])

    # 13: the page's audit entry takes three, two-factor one (the chain's lock, the last entry's hash, the insert).
    assert_query_budget(as_manager, detail_url(upload), add_rows=add_problems, budget=13)


def test_the_problems_are_shown_a_hundred_to_a_page(as_manager, manager):
    problems = [{"line": n, "reference": f"R{n}", "message": f"problem {n}"} for n in range(2, 252)]
    upload = ReferralImport.objects.create(
        team=manager.team, created_by=manager, file_name="bad.csv", content="", status=Status.DONE, problems=problems
    )

    page = as_manager.get(detail_url(upload) + "?page=3").content.decode()

    assert "problem 202" in page and "problem 251" in page and "problem 201" not in page
    assert "Showing problems 201 to 250 of 250" in page


FORMULA_REFERENCE = '=HYPERLINK("http://evil.example/","<b>Open</b>")'


def problems_csv(client, upload: ReferralImport) -> list[list[str]]:
    response = client.get(reverse("referrals:import-problems-csv", args=[upload.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="referral-import-{upload.pk}-problems.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline="")))


def test_the_problems_download_as_a_csv_file_every_one_not_a_page_of_them(as_manager, manager):
    problems = [{"line": n, "reference": f"R{n}", "message": f"problem {n}"} for n in range(2, 252)]
    upload = ReferralImport.objects.create(
        team=manager.team, created_by=manager, file_name="bad.csv", content="", status=Status.DONE, problems=problems
    )

    rows = problems_csv(as_manager, upload)

    assert rows[0] == ["Line", "Council reference", "Problem"]
    assert rows[1] == ["2", "R2", "problem 2"] and rows[-1] == ["251", "R251", "problem 251"]
    assert len(rows) == 251


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_downloaded_as_text(send, as_manager):
    bad = row(2, council_reference=FORMULA_REFERENCE, urgency="")
    send(csv_text([row(1), bad, row(3, council_reference="@SUM(1+1)*cmd", urgency="")]))
    upload = ReferralImport.objects.get()
    assert upload.status == Status.CHECKED and len(upload.problems) == 2

    rows = problems_csv(as_manager, upload)

    assert rows[1][:2] == ["3", "'" + FORMULA_REFERENCE]
    assert rows[2][:2] == ["4", "'@SUM(1+1)*cmd"]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for line in rows for cell in line)


def test_the_import_page_shows_a_formula_looking_cell_as_plain_text_and_links_to_the_download(send, as_manager):
    send(csv_text([row(1), row(2, council_reference=FORMULA_REFERENCE, urgency="")]))
    upload = ReferralImport.objects.get()

    page = as_manager.get(detail_url(upload)).content.decode()

    assert len(FORMULA_REFERENCE) <= 50  # kept whole in the report
    assert escape(FORMULA_REFERENCE) in page
    assert "<b>Open</b>" not in page
    assert reverse("referrals:import-problems-csv", args=[upload.pk]) in page
    assert "Download the row with a problem as a CSV file" in page


def test_an_import_without_problems_offers_no_download(send, as_manager):
    send(csv_text([row(1)]))
    upload = ReferralImport.objects.get()

    page = as_manager.get(detail_url(upload)).content.decode()

    assert reverse("referrals:import-problems-csv", args=[upload.pk]) not in page
    assert problems_csv(as_manager, upload) == [["Line", "Council reference", "Problem"]]


# Running the tasks again


def test_running_the_import_task_twice_creates_nothing_twice(send, confirm):
    send(csv_text([row(n) for n in range(1, 8)]))
    upload = ReferralImport.objects.get()
    confirm(upload)
    assert Referral.objects.count() == 7

    tasks.run_import(upload.pk)
    # Even started again from the first row, as if its progress had been lost:
    mark_importing(upload, only_good_rows=True)
    tasks.run_import(upload.pk)

    assert Referral.objects.count() == 7
    upload.refresh_from_db()
    assert upload.status == Status.DONE
    assert all("already imported" in p["message"] for p in upload.problems)


def test_an_import_stopped_part_way_carries_on_where_it_stopped(send, as_manager, monkeypatch):
    monkeypatch.setattr(tasks, "CHUNK_SIZE", 3)
    send(csv_text([row(n) for n in range(1, 8)]))
    upload = ReferralImport.objects.get()
    real_create = tasks.services.referral_create
    made = []

    def failing_on_the_fifth(**kwargs):
        if len(made) == 4:
            raise ConnectionError("the database went away")
        made.append(kwargs["fields"]["external_reference"])
        return real_create(**kwargs)

    with mock.patch.object(tasks.services, "referral_create", failing_on_the_fifth):
        mark_importing(upload)
        tasks.run_import.apply(args=[upload.pk], retries=tasks.TASK_OPTIONS["max_retries"], throw=False)

    upload.refresh_from_db()
    assert upload.status == Status.FAILED
    assert upload.processed_rows == 3 and Referral.objects.count() == 3  # the second chunk was rolled back
    assert "3 referrals were imported before it stopped" in as_manager.get(detail_url(upload)).content.decode()

    ReferralImport.objects.filter(pk=upload.pk).update(status=Status.IMPORTING)  # "try again" from where it stopped
    tasks.run_import(upload.pk)

    upload.refresh_from_db()
    assert upload.status == Status.DONE and upload.imported_rows == 7
    assert Referral.objects.count() == 7 and upload.problems == []


def test_running_the_check_task_twice_records_each_problem_once(send):
    send(csv_text([row(1), row(2, urgency="asap")]))
    upload = ReferralImport.objects.get()

    tasks.check_import(upload.pk)
    ReferralImport.objects.filter(pk=upload.pk).update(status=Status.CHECKING)
    tasks.check_import(upload.pk)

    upload.refresh_from_db()
    assert upload.status == Status.CHECKED and len(upload.problems) == 1 and upload.good_rows == 1


def test_a_task_that_fails_marks_the_import_failed_and_imports_nothing(send, as_manager):
    send(csv_text([row(1), row(2)]))
    upload = ReferralImport.objects.get()
    mark_importing(upload)

    with mock.patch.object(tasks.services, "referral_create", side_effect=RuntimeError("bug")):
        result = tasks.run_import.apply(args=[upload.pk], throw=False)

    assert result.failed()
    upload.refresh_from_db()
    assert upload.status == Status.FAILED and "Something went wrong" in upload.failure
    assert not Referral.objects.exists()
    page = as_manager.get(detail_url(upload)).content.decode()
    assert "The import did not finish" in page and "Nothing was imported." in page


def test_confirming_twice_imports_once(send, confirm):
    send(csv_text([row(1)]))
    upload = ReferralImport.objects.get()

    confirm(upload)
    second = confirm(upload)

    assert second.status_code == 302
    assert Referral.objects.count() == 1


# Cancelling


def test_cancelling_discards_the_file_and_imports_nothing(send, as_manager):
    send(csv_text([row(1)]))
    upload = ReferralImport.objects.get()

    response = as_manager.post(reverse("referrals:import-cancel", args=[upload.pk]))

    assert response["Location"] == reverse("referrals:import")
    upload.refresh_from_db()
    assert upload.status == Status.CANCELLED and upload.content == "" and upload.problems == []
    assert tasks.run_import(upload.pk) == {"imported": 0}
    assert not Referral.objects.exists()
    assert "Nothing was imported from this file" in as_manager.get(detail_url(upload)).content.decode()


def test_a_finished_import_cannot_be_cancelled(send, confirm, as_manager):
    send(csv_text([row(1)]))
    upload = ReferralImport.objects.get()
    confirm(upload)

    as_manager.post(reverse("referrals:import-cancel", args=[upload.pk]))

    upload.refresh_from_db()
    assert upload.status == Status.DONE and Referral.objects.count() == 1


# Who may import


@pytest.fixture
def rochdale_import(manager):
    return ReferralImport.objects.create(
        team=manager.team,
        created_by=manager,
        file_name="rochdale.csv",
        content=csv_text([row(1)]),
        status=Status.CHECKED,
        total_rows=1,
        good_rows=1,
    )


@pytest.fixture
def wigan_manager(other_team):
    return UserFactory(username="wigan-manager", role=User.Role.MANAGER, team=other_team)


# Each page, whether it takes the import's id, and the methods it answers (any other method is a 405,
# which says nothing about the import).
PAGES = [
    ("referrals:import", False, ("get", "post")),
    ("referrals:import-detail", True, ("get",)),
    ("referrals:import-progress", True, ("get",)),
    ("referrals:import-problems-csv", True, ("get",)),
    ("referrals:import-confirm", True, ("post",)),
    ("referrals:import-cancel", True, ("post",)),
]


def assert_404_everywhere(client, url: str, methods: tuple[str, ...]) -> None:
    for method in ("get", "post"):
        upload = SimpleUploadedFile("r.csv", csv_text([row(9)]).encode(), "text/csv")
        response = getattr(client, method)(url, {"file": upload, "only_good_rows": "on"} if method == "post" else {})
        assert response.status_code == (404 if method in methods else 405), f"{method.upper()} {url}"
        assert "rochdale.csv" not in response.content.decode()


@pytest.mark.parametrize("who", ["key_worker", "outsider", "partner_without_grant", "administrator"])
@pytest.mark.parametrize("name,has_pk,methods", PAGES)
def test_only_managers_may_open_the_import_pages(request, client_for, rochdale_import, who, name, has_pk, methods):
    client = client_for(request.getfixturevalue(who))

    assert_404_everywhere(client, reverse(name, args=[rochdale_import.pk] if has_pk else []), methods)

    rochdale_import.refresh_from_db()
    assert rochdale_import.status == Status.CHECKED
    assert ReferralImport.objects.count() == 1 and not Referral.objects.exists()


@pytest.mark.parametrize("name,methods", [(name, methods) for name, has_pk, methods in PAGES if has_pk])
def test_another_teams_manager_gets_404_on_every_page_of_the_import(
    client_for, wigan_manager, rochdale_import, name, methods
):
    assert_404_everywhere(client_for(wigan_manager), reverse(name, args=[rochdale_import.pk]), methods)

    rochdale_import.refresh_from_db()
    assert rochdale_import.status == Status.CHECKED and not Referral.objects.exists()


def test_another_teams_manager_imports_into_their_own_team(client_for, wigan_manager, other_team, send):
    send(csv_text([row(1)]), client=client_for(wigan_manager))

    upload = ReferralImport.objects.get()
    assert upload.team == other_team


def test_the_upload_page_lists_the_teams_recent_imports_only(as_manager, rochdale_import, wigan_manager):
    ReferralImport.objects.create(team=wigan_manager.team, created_by=wigan_manager, file_name="wigan.csv", content="")

    page = as_manager.get(reverse("referrals:import")).content.decode()

    assert "rochdale.csv" in page and "wigan.csv" not in page
    assert 'type="file"' in page and 'enctype="multipart/form-data"' in page


def test_the_upload_page_makes_a_fixed_number_of_queries(as_manager, manager):
    def add_imports(n: int) -> None:
        for i in range(n):
            ReferralImport.objects.create(team=manager.team, created_by=manager, file_name=f"{i}.csv", content="x")

    assert_query_budget(as_manager, reverse("referrals:import"), add_rows=add_imports, budget=9, small=2, large=12)


def test_the_progress_json_makes_a_fixed_number_of_queries(as_manager, manager):
    upload = ReferralImport.objects.create(team=manager.team, created_by=manager, file_name="a.csv", content="")

    assert count_queries(as_manager, reverse("referrals:import-progress", args=[upload.pk])) <= 7


def test_posting_without_the_csrf_token_is_refused(manager):
    client = sign_in_fully(Client(enforce_csrf_checks=True), manager)
    upload = SimpleUploadedFile("r.csv", csv_text([row(1)]).encode(), "text/csv")

    response = client.post(reverse("referrals:import"), {"file": upload})

    assert response.status_code == 403
    assert not ReferralImport.objects.exists()
