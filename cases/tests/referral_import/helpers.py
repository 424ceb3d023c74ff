"""Files of referrals as the council system exports them, and what the tests of the import share."""

import csv
import io
from datetime import timedelta
from pathlib import Path

from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from cases import referral_import
from cases.models import ReferralImport

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
