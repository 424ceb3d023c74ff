"""Feedback after each meeting held: plans says a meeting was held (the `cases.signals.meeting_held`
signal: feedback does not import plans), and each live feedback rhythm that asks after meetings gets one
request for it, sent at the next moment inside their day and hours."""

from datetime import time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cases.signals import meeting_held
from feedback.models import Kind, Request
from feedback.rhythm import first_due
from feedback.services import send_due
from plans.tests.meeting_helpers import held

from .helpers import a_rhythm, london

LATER = london(2030, 1, 7, 16, 0)  # the rhythm's own next time: far off, out of the way


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def next_monday_in_hours():
    return first_due(weekday=0, earliest=time(16, 0), now=timezone.now()) + timedelta(minutes=15)


def test_a_meeting_held_makes_one_feedback_request_for_each_who_asked(case, key_worker):
    asked = a_rhythm(case, key_worker, kind=Kind.FEEDBACK, after_meetings=True, due=LATER)
    a_rhythm(case, key_worker, kind=Kind.FEEDBACK, person="parent_carer", name="Lorraine", due=LATER)
    a_rhythm(case, key_worker, kind=Kind.CHECK_IN, after_meetings=True, due=LATER)
    meeting = held(case, key_worker)
    request = Request.objects.get()
    assert (request.rhythm, request.kind, request.meeting_id, request.sent_at) == (
        asked,
        Kind.FEEDBACK,
        meeting.pk,
        None,
    )


def test_the_same_meeting_told_twice_makes_one_request(case, key_worker):
    a_rhythm(case, key_worker, kind=Kind.FEEDBACK, after_meetings=True, due=LATER)
    meeting = held(case, key_worker)
    meeting_held.send(sender=None, case=case, meeting_id=meeting.pk)
    assert Request.objects.count() == 1


def test_a_stopped_rhythm_is_not_asked_after_a_meeting(case, key_worker):
    from feedback.services import rhythm_stop

    rhythm_stop(rhythm=a_rhythm(case, key_worker, kind=Kind.FEEDBACK, after_meetings=True, due=LATER), by=key_worker)
    held(case, key_worker)
    assert not Request.objects.exists()


def test_the_request_after_a_meeting_is_sent_once_and_only_inside_their_hours(case, key_worker):
    a_rhythm(case, key_worker, kind=Kind.FEEDBACK, after_meetings=True, due=LATER)
    held(case, key_worker)
    monday = next_monday_in_hours()
    send_due(monday - timedelta(hours=10))  # 06:15 on their day
    send_due(monday + timedelta(days=1))  # the right hours, the wrong day
    assert mail.outbox == [] and Request.objects.get().sent_at is None
    send_due(monday)
    send_due(monday + timedelta(minutes=15))
    assert len(mail.outbox) == 1 and Request.objects.get().sent_at == monday
    assert "What do you think of the help" in mail.outbox[0].body
