"""The referral import of a file of 5,000 rows, timed: the check (reading the upload and checking every row,
as the upload form and the checking task do) and the import (the task that makes the referrals, through the
same service as the referral form). Both run here, in one transaction that is rolled back: nothing of the
5,000 referrals stays in the measured database."""

import csv
import io
import time
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from cases import tasks
from cases.models import ReferralImport
from cases.referral_import import COLUMN_NAMES, read_upload
from cases.services.referral_import import referral_import_confirm, referral_import_create

ROWS = 5000
GIVEN = ["Aisha", "Bailey", "Callum", "Demi", "Ellis", "Faith", "Grace", "Harvey", "Isla", "Jayden", "Kacey", "Leon"]
FAMILY = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones", "Khan"]
LIVING = ["family", "kinship", "foster_care", "childrens_home", "supported"]
WORRIES = ["online;older_peers", "missing;substances", "exploitation;mental_health", "missing", "older_peers"]
KNOWS = ["yes", "no", "not_sure"]
URGENCY = ["routine", "soon", "urgent"]


@dataclass(frozen=True)
class ImportTiming:
    rows: int
    check_s: float
    import_s: float
    good_rows: int
    imported_rows: int


def referral_file(rows: int = ROWS, *, today: date | None = None) -> bytes:
    """A council export of `rows` referrals, every one of them good, in the columns the import reads."""
    today = today or timezone.localdate()
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMN_NAMES)
    for n in range(rows):
        received = today - timedelta(days=n % 60 + 1)
        born = today - timedelta(days=365 * 12 + (n * 37) % (365 * 5))
        values = {
            "council_reference": f"BENCH-{n:06d}",
            "received_date": received.strftime("%d/%m/%Y"),
            "first_name": GIVEN[n % len(GIVEN)],
            "last_name": f"{FAMILY[n % len(FAMILY)]}-{n}",
            "date_of_birth": born.strftime("%d/%m/%Y"),
            "living_situation": LIVING[n % len(LIVING)],
            "education_setting": "Heywood Community High School",
            "referrer_name": "Dee Shaw",
            "referrer_agency": "Early Help",
            "referrer_contact": "01706 000 002",
            "worries": WORRIES[n % len(WORRIES)],
            "worries_details": "Staying out overnight; seen with older men near the station.",
            "going_well": "Boxing club twice a week.",
            "young_person_knows": KNOWS[n % len(KNOWS)],
            "parent_knows": KNOWS[(n + 1) % len(KNOWS)],
            "urgency": URGENCY[n % len(URGENCY)],
            "consent": "",
            "anything_else": "",
        }
        writer.writerow([values[name] for name in COLUMN_NAMES])
    return out.getvalue().encode()


class _Rollback(Exception):
    pass


def time_import(manifest: dict, *, rows: int = ROWS) -> ImportTiming:
    """Check and import a file of `rows` referrals as the manifest's manager, then undo it all."""
    manager = User.objects.get(username=manifest["manager"])
    raw = referral_file(rows)
    result: ImportTiming | None = None
    try:
        with transaction.atomic():
            started = time.perf_counter()
            upload = referral_import_create(csv_file=read_upload(raw, "bench.csv"), file_name="bench.csv", by=manager)
            # The tasks are run here, not queued: queued, they would wait for a commit that never comes.
            tasks.check_import(upload.pk)
            checked = time.perf_counter()
            upload.refresh_from_db()
            good = upload.good_rows
            referral_import_confirm(upload=upload, only_good_rows=True, by=manager)
            tasks.run_import(upload.pk)
            done = time.perf_counter()
            upload.refresh_from_db()
            if upload.status != ReferralImport.Status.DONE:
                raise RuntimeError(f"The import ended {upload.status}: {upload.failure}")
            result = ImportTiming(rows, checked - started, done - checked, good, upload.imported_rows)
            raise _Rollback
    except _Rollback:
        pass
    assert result is not None
    return result
