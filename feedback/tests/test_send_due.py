"""Sending check-ins and feedback requests on the rhythm chosen: each due time makes exactly one request,
sent once, never outside the chosen day and hours, whatever runs at the same moment or after an outage; a
message that failed is tried again later (inside the hours, a few times); and no message says who it is for."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Notification
from act.testing import run_together
from cases import messaging
from cases.models import Person, SharedLink, Stage
from cases.tests.factories import CaseFactory
from feedback.links import CHECK_IN_LINK, FEEDBACK_LINK
from feedback.models import Kind, Request, Rhythm
from feedback.services import MAX_FAILURES, send_due
from feedback.tasks import send_due_requests

from .helpers import DUE, a_rhythm, london


@pytest.fixture(autouse=True)
def _locmem_email(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def every_quarter_hour(start, end):
    moment = start
    while moment <= end:
        yield moment
        moment += timedelta(minutes=15)


def test_a_due_check_in_is_made_and_sent_exactly_once_however_many_runs(case, key_worker):
    rhythm = a_rhythm(case, key_worker)
    for moment in every_quarter_hour(DUE - timedelta(hours=2), DUE + timedelta(hours=6)):
        send_due(moment)
    request = Request.objects.get()
    assert (request.rhythm, request.kind, request.due_at) == (rhythm, Kind.CHECK_IN, DUE)
    assert request.sent_at == DUE and request.failures == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["them@example.org"]
    rhythm.refresh_from_db()
    assert rhythm.next_due_at == london(2026, 3, 16, 16, 0)


def test_the_message_has_a_one_thing_link_that_lasts_seven_days(case, key_worker):
    a_rhythm(case, key_worker)
    send_due(DUE)
    request = Request.objects.get()
    link = SharedLink.objects.get()
    assert request.link == link
    assert (link.purpose, link.target_id, link.person, link.case) == (
        CHECK_IN_LINK,
        request.pk,
        Person.YOUNG_PERSON,
        case,
    )
    assert link.created_by == key_worker
    assert timedelta(days=6, hours=23) < link.expires_at - timezone.now() <= timedelta(days=7)
    assert "/s/" in mail.outbox[0].body


@pytest.mark.parametrize("hour", [6, 15, 21, 23])
def test_nothing_is_sent_outside_their_hours_on_their_day(case, key_worker, hour):
    a_rhythm(case, key_worker, due=london(2026, 3, 9, 9, 0))  # due since 09:00 (say, set by hand)
    result = send_due(london(2026, 3, 9, hour, 0))
    assert result.made == 0 and Request.objects.count() == 0 and mail.outbox == []


def test_nothing_is_sent_on_another_day_then_it_goes_at_the_right_hour(case, key_worker):
    a_rhythm(case, key_worker, due=london(2026, 3, 8, 16, 0))  # a Sunday: not their day
    for moment in (london(2026, 3, 8, 17, 0), london(2026, 3, 9, 6, 0), london(2026, 3, 9, 23, 0)):
        send_due(moment)
    assert Request.objects.count() == 0 and mail.outbox == []
    send_due(london(2026, 3, 9, 16, 15))
    assert Request.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_make_one_request_and_one_message(case, key_worker):
    a_rhythm(case, key_worker)
    assert run_together(lambda: send_due(DUE + timedelta(minutes=1))) == []
    assert Request.objects.count() == 1
    assert len(mail.outbox) == 1
    assert SharedLink.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_runs_of_the_task_at_the_same_moment_send_once(case, key_worker):
    a_rhythm(case, key_worker, due=london(2020, 1, 6, 16, 0))  # long ago: due whenever the tests run
    with mock.patch("feedback.services.sending.timing.inside_hours", return_value=True):
        assert run_together(send_due_requests.apply) == []
    assert Request.objects.count() == 1 and len(mail.outbox) == 1


def test_after_an_outage_of_three_weeks_one_request_not_three(case, key_worker):
    rhythm = a_rhythm(case, key_worker, due=london(2026, 3, 2, 16, 0))
    send_due(london(2026, 3, 23, 16, 15))
    assert Request.objects.count() == 1 and len(mail.outbox) == 1
    rhythm.refresh_from_db()
    assert rhythm.next_due_at == london(2026, 3, 30, 16, 0)
    for moment in every_quarter_hour(london(2026, 3, 23, 16, 30), london(2026, 3, 23, 20, 0)):
        send_due(moment)
    assert Request.objects.count() == 1


def test_an_outage_that_ends_mid_week_waits_for_their_day(case, key_worker):
    a_rhythm(case, key_worker, due=london(2026, 3, 2, 16, 0))
    send_due(london(2026, 3, 18, 17, 0))  # a Wednesday
    assert Request.objects.count() == 0
    send_due(london(2026, 3, 23, 16, 0))
    assert Request.objects.count() == 1 and len(mail.outbox) == 1


class FailingThenWorking:
    """A messaging backend that refuses the first `failures` messages, then sends."""

    def __init__(self, failures: int):
        self.failures, self.attempts = failures, 0
        self.sent: list[messaging.Message] = []

    def send(self, message):
        self.attempts += 1
        if self.attempts <= self.failures:
            raise messaging.MessageError("the service is down")
        self.sent.append(message)


def test_a_failed_message_is_tried_again_later_and_only_inside_their_hours(case, key_worker):
    a_rhythm(case, key_worker)
    backend = FailingThenWorking(failures=1)
    with mock.patch("cases.messaging.backend", return_value=backend):
        send_due(DUE)
        request = Request.objects.get()
        assert (request.sent_at, request.failures, request.link) == (None, 1, None)
        assert SharedLink.objects.count() == 0  # the link of the failed message is undone with it
        send_due(london(2026, 3, 9, 23, 0))
        send_due(london(2026, 3, 10, 16, 15))  # the right hours, the wrong day
        assert backend.attempts == 1
        send_due(DUE + timedelta(minutes=15))
    request.refresh_from_db()
    assert backend.attempts == 2 and len(backend.sent) == 1
    assert request.sent_at == DUE + timedelta(minutes=15) and request.failures == 1
    assert request.link is not None and SharedLink.objects.count() == 1


def test_a_message_that_keeps_failing_is_given_up_after_a_few_tries(case, key_worker):
    a_rhythm(case, key_worker)
    backend = FailingThenWorking(failures=99)
    with mock.patch("cases.messaging.backend", return_value=backend):
        for moment in every_quarter_hour(DUE, DUE + timedelta(hours=4)):
            send_due(moment)
    assert backend.attempts == MAX_FAILURES
    assert Request.objects.get().failures == MAX_FAILURES


def test_a_closed_case_is_sent_nothing(case, key_worker):
    a_rhythm(case, key_worker)
    case.__class__.objects.filter(pk=case.pk).update(stage=Stage.CLOSED)
    assert send_due(DUE).made == 0
    assert Request.objects.count() == 0 and mail.outbox == []


def test_a_stopped_rhythm_is_sent_nothing(case, key_worker):
    rhythm = a_rhythm(case, key_worker)
    Rhythm.objects.filter(pk=rhythm.pk).update(stopped_at=DUE - timedelta(days=1))
    send_due(DUE)
    assert Request.objects.count() == 0 and mail.outbox == []


def _young_persons_details(case) -> list[str]:
    young_person = case.young_person
    born = young_person.date_of_birth
    return [
        young_person.given_name,
        young_person.family_name,
        young_person.display_name,
        f"{born:%d/%m/%Y}",
        f"{born:%Y-%m-%d}",
        f"{born.day} {born:%B}",
        f"/cases/{case.pk}/",
    ]


def test_an_email_carries_no_name_no_date_of_birth_and_nothing_of_the_case(case, key_worker):
    a_rhythm(case, key_worker)
    send_due(DUE)
    email = mail.outbox[0]
    words = f"{email.subject}\n{email.body}".casefold()
    for detail in _young_persons_details(case):
        assert detail.casefold() not in words, detail
    assert "how are you doing?" in words


def test_a_parents_feedback_request_does_not_name_the_parent_or_the_young_person(case, key_worker):
    a_rhythm(case, key_worker, kind=Kind.FEEDBACK, person=Person.PARENT_CARER, name="Lorraine Okafor")
    send_due(DUE)
    words = f"{mail.outbox[0].subject}\n{mail.outbox[0].body}".casefold()
    for detail in [*_young_persons_details(case), "Lorraine", "Okafor"]:
        assert detail.casefold() not in words, detail
    link = SharedLink.objects.get()
    assert (link.purpose, link.person, link.person_name) == (FEEDBACK_LINK, Person.PARENT_CARER, "Lorraine Okafor")


@pytest.fixture
def notify(settings):
    settings.MESSAGES_BACKEND = "notify"
    settings.NOTIFY_API_KEY = "key-" + "0" * 73
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "email-template"
    settings.NOTIFY_TEXT_TEMPLATE_ID = "text-template"
    with mock.patch("notifications_python_client.notifications.NotificationsAPIClient") as client_class:
        yield client_class.return_value


def test_a_text_goes_through_notify_once_with_no_name(case, key_worker, notify):
    rhythm = a_rhythm(case, key_worker, channel="text", address="+44 7700 900982")
    assert rhythm.address == "07700900982"
    send_due(DUE)
    send_due(DUE + timedelta(minutes=15))
    notify.send_sms_notification.assert_called_once()
    sent = notify.send_sms_notification.call_args.kwargs
    assert sent["phone_number"] == "07700900982"
    assert sent["reference"] == f"request-{Request.objects.get().pk}"
    words = f"{sent['personalisation']['subject']}\n{sent['personalisation']['body']}".casefold()
    for detail in _young_persons_details(case):
        assert detail.casefold() not in words, detail


def test_notify_refusing_a_text_counts_as_a_failure(case, key_worker, notify):
    from notifications_python_client.errors import HTTPError

    a_rhythm(case, key_worker, channel="text")
    response = mock.Mock(status_code=500, json=mock.Mock(return_value={"errors": []}))
    notify.send_sms_notification.side_effect = HTTPError(response)
    result = send_due(DUE)
    assert (result.made, result.sent, result.failed) == (1, 0, 1)
    assert Request.objects.get().failures == 1


def test_with_no_message_chosen_the_key_worker_is_told_in_the_app_and_emailed_only_the_kind(
    case, key_worker, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    a_rhythm(case, key_worker, channel="")
    with django_capture_on_commit_callbacks(execute=True):
        send_due(DUE)
        send_due(DUE + timedelta(minutes=15))
    request = Request.objects.get()
    told = Notification.objects.get(recipient=key_worker)
    assert told.key == f"check-in-due:{request.pk}"
    assert case.young_person.given_name in told.message  # behind sign-in
    assert [m.to for m in mail.outbox] == [[key_worker.email]]
    email = mail.outbox[0]
    assert "A wellbeing check-in with a young person is due" in email.subject
    # (It links to the case's page, behind sign-in, as every staff email does.)
    for detail in _young_persons_details(case)[:-1]:
        assert detail.casefold() not in f"{email.subject}\n{email.body}".casefold(), detail
    assert SharedLink.objects.count() == 0


def test_answering_settles_the_key_workers_reminder(case, key_worker):
    from feedback.services import check_in_record

    a_rhythm(case, key_worker, channel="")
    send_due(DUE)
    request = Request.objects.get()
    scores = dict.fromkeys(("mood", "outlook", "healthy_relationships", "self_feeling", "relationships"), 4)
    check_in_record(
        case=case, person=Person.YOUNG_PERSON, scores=scores, anything_else="", request=request, entered_by=key_worker
    )
    assert Notification.objects.get(key=f"check-in-due:{request.pk}").done_at is not None


def _queries_for_a_run(moment) -> int:
    with CaptureQueriesContext(connection) as captured:
        send_due(moment)
    return len(captured.captured_queries)


def test_the_queries_of_a_run_grow_only_by_a_constant_for_each_request_sent(key_worker):
    def due_at(n, at, **changes):
        for _ in range(n):
            a_rhythm(CaseFactory.create(team=key_worker.team, key_worker=key_worker), key_worker, due=at, **changes)

    # Rhythms due but waiting for their day (Tuesdays), and rhythms not due yet, cost nothing on a Monday.
    due_at(10, DUE - timedelta(days=6), weekday=1)
    due_at(10, DUE + timedelta(days=100))
    nothing = _queries_for_a_run(DUE)
    due_at(1, DUE)
    one = _queries_for_a_run(DUE + timedelta(minutes=1))
    due_at(3, DUE + timedelta(days=7))
    four = _queries_for_a_run(DUE + timedelta(days=7, minutes=1))
    assert Request.objects.count() == 5 and len(mail.outbox) == 5
    # A few queries for making the requests at all, then the same number for each request sent.
    per_request, rest = divmod(four - one, 3)
    assert rest == 0 and per_request <= 12, (nothing, one, four)
    assert nothing <= 4 and one - nothing - per_request <= 3, (nothing, one, four)


def test_beat_runs_the_sending_every_fifteen_minutes(settings):
    from act.celery import app

    entry = settings.CELERY_BEAT_SCHEDULE["send-check-ins-and-feedback"]
    assert entry["task"] == send_due_requests.name == "feedback.tasks.send_due_requests"
    assert entry["schedule"] == 15 * 60
    app.loader.import_default_modules()
    assert send_due_requests.name in app.tasks


def test_the_task_says_what_it_did(case, key_worker):
    a_rhythm(case, key_worker, due=london(2020, 1, 6, 16, 0))
    with mock.patch("feedback.services.sending.timing.inside_hours", return_value=True):
        assert send_due_requests() == {"made": 1, "sent": 1, "failed": 0}
        assert send_due_requests() == {"made": 0, "sent": 0, "failed": 0}


def test_the_week_the_clocks_go_forward_it_still_comes_at_four_oclock_their_time(case, key_worker):
    from datetime import UTC, datetime

    a_rhythm(case, key_worker, due=london(2026, 3, 23, 16, 0))
    send_due(datetime(2026, 3, 23, 16, 0, tzinfo=UTC))  # 16:00 GMT
    send_due(datetime(2026, 3, 30, 14, 45, tzinfo=UTC))  # 15:45 BST: not yet
    assert Request.objects.count() == 1
    send_due(datetime(2026, 3, 30, 15, 0, tzinfo=UTC))  # 16:00 BST
    assert Request.objects.count() == 2 and len(mail.outbox) == 2
    assert sorted(r.due_at for r in Request.objects.all())[-1] == datetime(2026, 3, 30, 15, 0, tzinfo=UTC)
