"""What the timescale and review tests share: who looks, the pages' addresses, dates as the forms take them,
and the timescale's versions."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import TimescaleAgreement
from cases import services as case_services

LOOKERS = ["key_worker", "manager", "partner_with_grant"]
STRANGERS = ["outsider", "partner_without_grant", "administrator"]
NOT_CHANGERS = ["partner_with_grant", *STRANGERS]

# What every number-of-weeks field refuses, and what it says.
BAD_WEEKS = [
    ("0", "Enter a number of weeks from 1 to 26"),
    ("27", "Enter a number of weeks from 1 to 26"),
    ("six", "Enter the number of weeks as a whole number, like 6"),
    ("", "Enter the number of weeks"),
]


def url(name, case, *args):
    return reverse(f"assessments:{name}", args=[case.pk, *args])


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def date_fields(name, value):
    return {f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)}


def close(case, by):
    case_services.case_close(case=case, reason="Goals met", outcome="goals_met", by=by)


def propose(case, by, weeks=8, strategy="Skate park on Tuesdays", days=70):
    return services.timescale_propose(
        assessment=case.assessment, weeks=weeks, strategy=strategy, target_date=in_days(days), by=by
    )


def versions(case):
    """The timescale's versions, oldest first."""
    return list(TimescaleAgreement.objects.filter(assessment__case=case).order_by("created_at", "pk"))
