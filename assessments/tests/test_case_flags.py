"""The assessment's flags on the Cases page and the case header (registered by assessments in
cases.flags)."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from assessments import services as assessment_services
from assessments.models import TimescaleAgreement


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
    TimescaleAgreement.objects.filter(pk=agreed.pk).update(target_date=timezone.localdate() - timedelta(days=1))
    assert "Assessment past agreed date" in client.get(reverse("cases:list")).content.decode()
    assert (
        "past the date agreed with the manager" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
    assessment_services.first_picture_reached(assessment=case.assessment, by=key_worker)
    assert "Assessment past agreed date" not in client.get(reverse("cases:list")).content.decode()
