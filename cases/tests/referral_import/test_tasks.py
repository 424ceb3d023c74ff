"""The background tasks: large files, progress chunk by chunk, and running again after stopping part
way without creating anything twice."""

import time
from unittest import mock

from cases import tasks
from cases.models import Referral, ReferralImport

from .helpers import Status, csv_text, detail_url, mark_importing, row


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
    # Each chunk of rows goes through services.referrals_create (one query finds the possible duplicates of
    # them all); the bound catches work that grows faster than the rows, not a slow machine.
    assert elapsed < 30, f"importing 5,000 rows took {elapsed:.1f} s"


def test_progress_is_recorded_chunk_by_chunk(send, monkeypatch):
    seen = []
    real_lock = tasks._lock

    def watching(import_pk, status, start):
        seen.append((status, start))
        return real_lock(import_pk, status, start)

    monkeypatch.setattr(tasks, "CHECK_CHUNK_SIZE", 2)
    monkeypatch.setattr(tasks, "_lock", watching)

    send(csv_text([row(n) for n in range(1, 6)]))

    assert seen == [(Status.CHECKING, 0), (Status.CHECKING, 2), (Status.CHECKING, 4)]


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
    real_create = tasks.services.referrals_create
    chunks = []

    def failing_on_the_second_chunk(**kwargs):
        if len(chunks) == 1:
            raise ConnectionError("the database went away")
        chunks.append(len(kwargs["rows"]))
        return real_create(**kwargs)

    with mock.patch.object(tasks.services, "referrals_create", failing_on_the_second_chunk):
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

    with mock.patch.object(tasks.services, "referrals_create", side_effect=RuntimeError("bug")):
        result = tasks.run_import.apply(args=[upload.pk], throw=False)

    assert result.failed()
    upload.refresh_from_db()
    assert upload.status == Status.FAILED and "Something went wrong" in upload.failure
    assert not Referral.objects.exists()
    page = as_manager.get(detail_url(upload)).content.decode()
    assert "The import did not finish" in page and "Nothing was imported." in page


def test_checking_makes_as_many_queries_for_a_thousand_rows_as_for_ten(send, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_to_check(rows: int, first: int) -> int:
        send(csv_text([row(n, urgency="asap" if n % 10 == 0 else "soon") for n in range(first, first + rows)]))
        upload = ReferralImport.objects.latest("pk")
        ReferralImport.objects.filter(pk=upload.pk).update(status=Status.CHECKING, processed_rows=0, problems=[])
        with CaptureQueriesContext(connection) as captured:
            tasks.check_import(upload.pk)
        upload.refresh_from_db()
        assert upload.status == Status.CHECKED and len(upload.problems) == rows // 10
        return len(captured)

    assert queries_to_check(1000, first=100) == queries_to_check(10, first=1)
