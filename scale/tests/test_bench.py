"""`make bench`'s code, run on the demo's small dataset in the test's database (no gunicorn: the pages are
opened with the test client), so that the benchmark cannot quietly stop working."""

import pytest
from django.utils import timezone

from accounts import demo as accounts_demo
from assessments import demo as assessments_demo
from cases import demo as cases_demo
from cases.models import Case, Referral, ReferralImport
from cases.referral_import import check_file, read_upload
from dashboards import demo as dashboards_demo
from feedback import demo as feedback_demo
from plans import demo as plans_demo
from plans.models import FamilyPlan, Meeting
from scale.bench import importing, queries, scans, timing
from scale.bench.pages import FLOOR, YOUNG_PERSON, all_pages, space_home
from scale.bench.report import Results, render
from scale.bench.transfer import Transfer


@pytest.fixture
def manifest(db, settings):
    """The demo's people and cases, and a manifest of them as seed_scale writes one. Only the parts of the demo
    the pages need are made (the whole demo takes many seconds more)."""
    settings.DEMO = True
    settings.TWO_FACTOR_REQUIRED = False
    settings.ROOT_URLCONF = "scale.bench_urls"
    people = accounts_demo.seed()
    cases = cases_demo.seed(people)
    assessments_demo.seed(people, cases)
    plans_demo.seed(people, cases)
    feedback_demo.seed(people, cases)
    space_token = dashboards_demo.seed(people, cases)
    case = Case.objects.get(young_person__given_name="Destiny")
    return {
        "password": accounts_demo.DEMO_PASSWORD,
        "manager": "manager",
        "worker": "worker",
        "busy_case": case.pk,
        "plan": FamilyPlan.objects.get(case=case).pk,
        "meeting": Meeting.objects.filter(case=case).first().pk,
        "space_token": space_token,
        "space_passcode": dashboards_demo.DEMO_PASSCODE,
    }


def test_the_report_has_every_page_with_its_time_and_queries(manifest):
    clients = queries.clients_for(manifest, {"worker", "manager", YOUNG_PERSON})
    home = clients[YOUNG_PERSON].get(space_home(manifest)).content.decode()
    pages = all_pages(manifest, home)
    results = Results(
        started=timezone.now(), requests=2, sizes={"demo": 11}, pages=pages, timed_on="the demo", scanned_on="the demo"
    )
    results.timings = {page.name: timing.time_page(clients[page.who], page.path, count=2) for page in pages}
    results.counts["demo"] = queries.count_pages(manifest, pages)
    results.scans = scans.scans(manifest)
    results.rows["demo"] = scans.dataset_rows()
    results.referral_import = importing.time_import(manifest, rows=20)
    cases = Case.objects.count()
    results.transfers = {
        pages[-1].name: Transfer(page_bytes=2048, page_encoding="", asset_bytes=1024, assets=3, status=200)
    }

    table = render(results)

    assert {page.who for page in pages} == {"worker", "manager", YOUNG_PERSON}
    assert any("/section/" in page.path for page in pages), "the home page's waiting part of the assessment"
    for page in pages:
        row = next(line for line in table.splitlines() if line.startswith(f"| {page.name} |"))
        median, p95, ratio, counted = row.split(" | ")[2:6]
        assert float(median) > 0 and float(p95) >= float(median) and float(ratio) > 0, row
        assert int(counted) > 0, row
        assert results.timings[page.name].status == 200, row
    assert results.counts["demo"][FLOOR][0] <= 6, "the floor is a session, a user and one query"
    assert "Reminder source assessments.reminders.review_reminders" in table
    assert f"Rows at demo: cases {Case.objects.count()}," in table
    assert "| 20 |" in table and "| 3 | 1.0 | 3.0 |" in table
    assert manifest["space_token"] not in table
    # The import made 20 referrals and took them back; the scans wrote nothing either.
    assert (results.referral_import.good_rows, results.referral_import.imported_rows) == (20, 20)
    assert Case.objects.count() == cases
    assert not Referral.objects.filter(external_reference__startswith="BENCH-").exists()
    assert not ReferralImport.objects.exists()


def test_the_referral_file_is_one_the_import_takes_whole():
    rows = list(check_file(read_upload(importing.referral_file(200), "bench.csv"), today=timezone.localdate()))
    assert len(rows) == 200 and all(row.ok for row in rows)
