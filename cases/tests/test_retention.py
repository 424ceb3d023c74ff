"""Retention: the text of a referral file is deleted REFERRAL_IMPORT_RETENTION_DAYS after its upload."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from act.tests.test_settings import PRODUCTION, run_django
from cases import tasks
from cases.models import ReferralImport

Status = ReferralImport.Status
TEXT = "council_reference,given_name\nR1,Mia\n"


@pytest.fixture
def make_import(team, manager):
    def make(status: str, *, days_old: int, content: str = TEXT) -> ReferralImport:
        upload = ReferralImport.objects.create(
            team=team,
            created_by=manager,
            file_name=f"{status}-{days_old}.csv",
            content=content,
            status=status,
            total_rows=1,
            processed_rows=1,
            good_rows=1,
            imported_rows=1 if status == Status.DONE else 0,
        )
        ReferralImport.objects.filter(pk=upload.pk).update(created_at=timezone.now() - timedelta(days=days_old))
        return upload

    return make


def text_of(upload: ReferralImport) -> str:
    return ReferralImport.objects.values_list("content", flat=True).get(pk=upload.pk)


def test_the_limit_is_30_days_unless_set(settings):
    assert django_settings.REFERRAL_IMPORT_RETENTION_DAYS == 30
    result = run_django(
        "from django.conf import settings; print(settings.REFERRAL_IMPORT_RETENTION_DAYS)",
        {**PRODUCTION, "REFERRAL_IMPORT_RETENTION_DAYS": "14"},
    )
    assert result.stdout.strip() == "14", result.stderr


def test_beat_runs_the_task_every_day():
    entry = next(e for e in django_settings.CELERY_BEAT_SCHEDULE.values() if e["task"].endswith("import_files"))
    assert entry["task"] == tasks.remove_old_import_files.name
    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {15}


def test_old_finished_files_are_deleted_and_nothing_else(make_import, django_assert_num_queries):
    old_done = make_import(Status.DONE, days_old=31)
    old_failed = make_import(Status.FAILED, days_old=45)
    recent_done = make_import(Status.DONE, days_old=29)
    in_progress = [make_import(status, days_old=60) for status in (Status.CHECKING, Status.CHECKED, Status.IMPORTING)]
    cancelled = make_import(Status.CANCELLED, days_old=60, content="")

    with django_assert_num_queries(1):
        assert tasks.remove_old_import_files() == {"removed": 2}

    for upload in (old_done, old_failed):
        upload.refresh_from_db()
        assert upload.content == "" and upload.content_deleted_at is not None
        assert upload.imported_rows == (1 if upload.status == Status.DONE else 0)  # the summary stays
    for upload in (recent_done, *in_progress):
        assert text_of(upload) == TEXT
    cancelled.refresh_from_db()
    assert cancelled.content_deleted_at is None


def test_running_it_again_changes_nothing(make_import):
    upload = make_import(Status.DONE, days_old=31)
    tasks.remove_old_import_files()
    deleted_at = ReferralImport.objects.get(pk=upload.pk).content_deleted_at

    assert tasks.remove_old_import_files() == {"removed": 0}
    assert ReferralImport.objects.get(pk=upload.pk).content_deleted_at == deleted_at


def test_the_limit_comes_from_the_setting(settings, make_import):
    settings.REFERRAL_IMPORT_RETENTION_DAYS = 7
    week_old, newer = make_import(Status.DONE, days_old=8), make_import(Status.DONE, days_old=6)
    tasks.remove_old_import_files()
    assert text_of(week_old) == "" and text_of(newer) == TEXT


@pytest.mark.parametrize("status,heading", [(Status.DONE, "Import complete"), (Status.FAILED, "did not finish")])
def test_the_import_page_says_the_file_was_deleted(client_for, manager, make_import, status, heading):
    upload = make_import(status, days_old=40)
    tasks.remove_old_import_files()

    response = client_for(manager).get(reverse("referrals:import-detail", args=[upload.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert heading in page
    deleted_on = timezone.localdate().strftime("%-d %B %Y")
    said = f"The file itself was deleted on {deleted_on}: the retention rule keeps an uploaded file for 30 days only."
    assert said in page
    assert upload.file_name in page


def test_the_import_page_says_nothing_of_it_while_the_file_is_kept(client_for, manager, make_import):
    upload = make_import(Status.DONE, days_old=2)
    page = client_for(manager).get(reverse("referrals:import-detail", args=[upload.pk])).content.decode()
    assert "The file itself was deleted" not in page
