"""The import's page: its progress (also as JSON), the rows with problems a hundred to a page, and
the rows with problems as a CSV file safe to open in a spreadsheet."""

import csv
import io

from django.urls import reverse
from django.utils.html import escape

from act.testing import assert_query_budget
from cases.models import ReferralImport

from .helpers import Status, csv_text, detail_url, row


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
