"""`make bench`'s code, run on the demo's small dataset in the test's database (no gunicorn: the pages are
opened with the test client), so that the benchmark cannot quietly stop working."""

import io
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from cases.models import Case, Person
from cases.referral_import import check_file, read_upload
from dashboards.services import space_link_create
from plans.models import FamilyPlan, Meeting
from scale.bench import importing, queries, scans, timing
from scale.bench.pages import FLOOR, YOUNG_PERSON, all_pages, redact, space_home
from scale.bench.report import Results, render
from scale.bench.transfer import Transfer


@pytest.fixture
def manifest(db, settings, tmp_path):
    """The demo, and a manifest of it as seed_scale writes one."""
    settings.DEMO = True
    settings.ROOT_URLCONF = "scale.bench_urls"
    call_command("seed_demo", f"--backup-codes-file={tmp_path / 'codes.txt'}", stdout=io.StringIO())
    case = Case.objects.get(young_person__given_name="Destiny")
    worker = User.objects.get(username="worker")
    _link, token = space_link_create(
        case=case, person=Person.YOUNG_PERSON, name="", by=worker, days=30, passcode="otter"
    )
    return {
        "password": "act-demo-2026",
        "manager": "manager",
        "worker": "worker",
        "busy_case": case.pk,
        "plan": FamilyPlan.objects.get(case=case).pk,
        "meeting": Meeting.objects.filter(case=case).first().pk,
        "space_token": token,
        "space_passcode": "otter",
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
    results.referral_import = importing.time_import(manifest, rows=20)
    results.transfers = {pages[-1].name: Transfer(page_bytes=2048, page_encoding="", asset_bytes=1024, assets=3, status=200)}

    table = render(results)

    assert {page.who for page in pages} == {"worker", "manager", YOUNG_PERSON}
    assert any(page.path.endswith("/section/" + page.path.rsplit("/", 2)[-2]) for page in pages)
    for page in pages:
        row = next(line for line in table.splitlines() if line.startswith(f"| {page.name} |"))
        median, p95, ratio, counted = row.split(" | ")[2:6]
        assert float(median) > 0 and float(p95) >= float(median) and float(ratio) > 0, row
        assert int(counted) > 0, row
        assert results.timings[page.name].status == 200, row
    assert results.counts["demo"][FLOOR][0] <= 6, "the floor is a session, a user and one query"
    assert "Reminder source assessments.reminders.review_reminders" in table
    assert "| 20 |" in table and "| 3 | 1.0 | 3.0 |" in table
    assert manifest["space_token"] not in table


def test_the_import_rolls_back_everything_it_made(manifest):
    before = Case.objects.count(), manifest and timezone.now()
    timed = importing.time_import(manifest, rows=10)
    assert (timed.good_rows, timed.imported_rows) == (10, 10)
    assert Case.objects.count() == before[0]
    from cases.models import Referral, ReferralImport

    assert not Referral.objects.filter(external_reference__startswith="BENCH-").exists()
    assert not ReferralImport.objects.exists()


def test_the_referral_file_is_one_the_import_takes_whole():
    rows = list(check_file(read_upload(importing.referral_file(200), "bench.csv"), today=timezone.localdate()))
    assert len(rows) == 200 and all(row.ok for row in rows)


def test_a_space_token_is_never_shown():
    assert redact("/s/abcDEF123_-/people/") == "/s/<token>/people/"
    assert re.fullmatch(r"/s/<token>/", redact("/s/abc/"))
