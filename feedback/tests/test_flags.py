"""A low check-in no one has yet said what they did about shows on the Cases page and in the case's header,
and goes once a worker has said."""

from django.urls import reverse

from feedback.models import CheckIn, CheckInAlert
from feedback.services import alert_handled, check_in_record


def low_check_in(case):
    scores = {**dict.fromkeys(CheckIn.MEASURES, 3), "mood": 1}
    check_in_record(case=case, person="young_person", scores=scores, anything_else="", request=None, entered_by=None)
    return CheckInAlert.objects.get()


def test_a_low_check_in_shows_on_the_cases_page_and_the_case_header_until_handled(client_for, case, key_worker):
    client = client_for(key_worker)
    alert = low_check_in(case)
    assert "Check-in low" in client.get(reverse("cases:list")).content.decode()
    header = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "A check-in is low" in header and reverse("feedback:case-alerts", args=[case.pk]) in header
    alert_handled(alert=alert, what_was_done="Talked with her", by=key_worker)
    assert "Check-in low" not in client.get(reverse("cases:list")).content.decode()
    assert "A check-in is low" not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
