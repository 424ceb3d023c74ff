"""The assessment's flags on the Cases page and the case header (registered by assessments in
cases.flags)."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from assessments import services as assessment_services


def test_an_assessment_past_its_agreed_date_is_flagged(client_for, key_worker, manager, case):
    proposal = assessment_services.timescale_propose(
        assessment=case.assessment,
        weeks=2,
        strategy="Walks",
        target_date=timezone.localdate() + timedelta(days=7),
        by=key_worker,
    )
    agreed = assessment_services.timescale_decide(proposal=proposal, by=manager)
    client = client_for(key_worker)
    assert "Assessment past agreed date" not in client.get(reverse("cases:list")).content.decode()
    later = assessment_services.timescale_propose(
        assessment=case.assessment, weeks=2, strategy="Walks", target_date=agreed.target_date, by=key_worker
    )
    yesterday = timezone.localdate() - timedelta(days=1)
    assessment_services.timescale_decide(proposal=later, by=manager, target_date=yesterday, comment="Sooner")
    assert "Assessment past agreed date" in client.get(reverse("cases:list")).content.decode()
    assert (
        "past the date agreed with the manager" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
    assessment_services.first_picture_reached(assessment=case.assessment, by=key_worker)
    assert "Assessment past agreed date" not in client.get(reverse("cases:list")).content.decode()


def test_each_flag_is_computed_once_and_the_page_count_joins_nothing(key_worker, case):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.models import Case
    from cases.queries import with_flags

    cases = with_flags(Case.objects.all(), key_worker)
    sql = str(cases.query)
    # The agreed date is read from the assessment, found by its case (an index), never by sorting the
    # case's timescale decisions; and the first contact once, not once for each flag that reads it.
    assert "assessments_timescaleagreement" not in sql
    assert sql.count("assessments_assessment") == 2  # the date, and whether it has passed
    assert len(re.findall(r"\"kind\" = '?contact", sql)) == 2  # the first contact, and one before 8 weeks ago
    with CaptureQueriesContext(connection) as captured:
        cases.count()
    (count,) = captured.captured_queries
    assert "JOIN" not in count["sql"]
