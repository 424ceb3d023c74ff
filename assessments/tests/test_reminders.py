"""Reminders: found with one query per kind, recorded once per person and thing, emailed once,
whatever the timing of the runs."""

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Notification
from accounts.notifications import due_messages
from accounts.tasks import send_reminders
from act.testing import RealWorker, run_together, wait_for
from assessments.models import ReviewPoint
from cases import services
from cases.tests.timeline_helpers import came_back


def _review_due_in(case, days):
    ReviewPoint.objects.filter(assessment=case.assessment).update(due_on=timezone.localdate() + timedelta(days=days))


def _missing(case, by, returned_hours_ago):
    entry = came_back(case, by, away=timedelta(hours=10), returned=timedelta(hours=returned_hours_ago))
    # The key worker was told when the return was recorded (cases/tests/test_notices.py): these tests are
    # about what the reminders add.
    Notification.objects.filter(key=f"rhi-recorded:{entry.pk}").delete()
    return entry


def keys(user):
    return set(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def test_a_review_due_within_three_days_reminds_the_key_worker(case, key_worker, manager):
    _review_due_in(case, 2)
    send_reminders()
    review = case.assessment.reviews.get()
    assert keys(key_worker) == {f"review-due:{review.pk}"}
    assert keys(manager) == set()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [key_worker.email]


def test_a_reminder_email_says_only_what_kind_of_thing_needs_attention(case, key_worker, manager):
    _review_due_in(case, -1)
    entry = _missing(case, key_worker, returned_hours_ago=80)
    send_reminders()
    in_app = Notification.objects.filter(recipient=key_worker, key=f"rhi-overdue:{entry.pk}").get()
    assert "Destiny" in in_app.message  # behind sign-in, the app may say who
    emails = [m for m in mail.outbox if m.to == [key_worker.email]]
    assert {m.subject for m in emails} == {
        "ACT: Urgent: An assessment review is overdue",
        "ACT: Urgent: A return home interview is overdue",
    }
    young_person = case.young_person
    for message in emails:
        text = message.subject + message.body
        for detail in (young_person.given_name, young_person.family_name, str(young_person.date_of_birth.year)):
            assert detail not in text
        assert "Missing overnight" not in text
        assert f"/{case.pk}/" in message.body and "Sign in to see it: http://127.0.0.1:8000/" in message.body


def test_a_review_further_away_reminds_nobody(case, key_worker):
    _review_due_in(case, 10)
    send_reminders()
    assert not Notification.objects.exists()


def test_an_overdue_review_tells_the_worker_and_the_manager(case, key_worker, manager):
    _review_due_in(case, -1)
    send_reminders()
    review = case.assessment.reviews.get()
    assert keys(key_worker) == {f"review-overdue:{review.pk}"}
    assert keys(manager) == {f"review-overdue:{review.pk}"}


def test_a_return_home_interview_coming_due_and_overdue(case, key_worker, manager):
    _review_due_in(case, 30)
    coming = _missing(case, key_worker, returned_hours_ago=60)  # due in 12 hours
    overdue = _missing(case, key_worker, returned_hours_ago=80)  # 8 hours late
    send_reminders()
    assert keys(key_worker) == {f"rhi-due:{coming.pk}", f"rhi-overdue:{overdue.pk}"}
    assert keys(manager) == {f"rhi-overdue:{overdue.pk}"}


def test_done_interviews_held_reviews_and_closed_cases_remind_nobody(case, key_worker, manager):
    entry = _missing(case, key_worker, returned_hours_ago=80)
    services.return_interview_done(entry=entry, done_at=timezone.now(), by=key_worker)
    review = case.assessment.reviews.get()
    ReviewPoint.objects.filter(pk=review.pk).update(
        held_at=timezone.now(), due_on=timezone.localdate() - timedelta(days=1)
    )
    assert due_messages() == []
    _review_due_in(case, -3)
    ReviewPoint.objects.filter(pk=review.pk).update(held_at=None)
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    assert due_messages() == []


def test_running_again_sends_nothing_twice(case, key_worker, manager):
    _review_due_in(case, -1)
    _missing(case, key_worker, returned_hours_ago=80)
    send_reminders()
    first = (Notification.objects.count(), len(mail.outbox))
    send_reminders()
    send_reminders()
    assert (Notification.objects.count(), len(mail.outbox)) == first == (4, 4)


def test_finding_what_is_due_is_a_fixed_number_of_queries(team, key_worker, manager):
    from cases.tests.factories import CaseFactory

    def count():
        with CaptureQueriesContext(connection) as captured:
            due_messages()
        return len(captured.captured_queries)

    cases = [CaseFactory(team=team, key_worker=key_worker) for _ in range(3)]
    for c in cases:
        _review_due_in(c, -1)
        _missing(c, key_worker, returned_hours_ago=80)
    few = count()
    for _ in range(20):
        c = CaseFactory(team=team, key_worker=key_worker)
        _review_due_in(c, 1)
        _missing(c, key_worker, returned_hours_ago=60)
    # Six for the case record's and the assessment's sources; one for each of the plan's three (plans/reminders.py).
    assert count() == few <= 9


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_each_reminder_once(case, key_worker, manager):
    _review_due_in(case, -1)
    _missing(case, key_worker, returned_hours_ago=80)
    assert run_together(send_reminders) == []
    assert Notification.objects.count() == 4
    assert len(mail.outbox) == 4


@pytest.fixture
def email_dir(tmp_path):
    return tmp_path / "emails"


def _count_emails_in(folder: Path) -> int:
    # The file backend writes one file per connection, with the messages separated by a line of dashes.
    return sum(path.read_text().count("\nSubject: ") for path in folder.glob("*.log")) if folder.exists() else 0


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_reminders_concurrently_and_catches_up_after_an_outage(case, key_worker, manager, email_dir):
    queue = f"test-{uuid.uuid4().hex}"
    env = {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(email_dir)}
    # The broker was down (or no worker ran) for a day: a review and an interview came due meanwhile.
    ReviewPoint.objects.filter(assessment=case.assessment).update(due_on=timezone.localdate() - timedelta(days=1))
    _missing(case, key_worker, returned_hours_ago=96)
    with RealWorker(queue, concurrency=2, env=env) as worker:
        # Two runs at the same moment on two worker processes, then another one later.
        send_reminders.apply_async(queue=queue)
        send_reminders.apply_async(queue=queue)
        assert wait_for(lambda: worker.log().count("succeeded") >= 2, timeout=90), worker.log()[-3000:]
        send_reminders.apply_async(queue=queue)
        assert wait_for(lambda: worker.log().count("succeeded") >= 3, timeout=90), worker.log()[-3000:]
    assert Notification.objects.count() == 4
    assert _count_emails_in(email_dir) == 4, worker.output[-3000:]
    sent = "".join(path.read_text() for path in email_dir.glob("*.log"))
    assert case.young_person.given_name not in sent and case.young_person.family_name not in sent


def test_a_run_cut_off_half_way_is_completed_by_the_next_without_repeats(case, key_worker, manager):
    from accounts.notifications import notify

    _review_due_in(case, -1)
    _missing(case, key_worker, returned_hours_ago=80)
    messages = due_messages()
    # The worker was killed after recording half the notifications and before emailing any.
    notify(messages[: len(messages) // 2])
    assert Notification.objects.count() == 2 and len(mail.outbox) == 0
    send_reminders()
    assert Notification.objects.count() == 4 and len(mail.outbox) == 4
    send_reminders()
    assert Notification.objects.count() == 4 and len(mail.outbox) == 4


def test_the_managers_of_every_team_are_found_with_one_query(key_worker, other_team):
    from accounts.models import User
    from accounts.tests.factories import TeamFactory, UserFactory
    from cases.tests.factories import CaseFactory

    def count():
        with CaptureQueriesContext(connection) as captured:
            due_messages()
        return len(captured.captured_queries)

    def overdue_in_a_team_of_its_own(number):
        team = TeamFactory(name=f"Team {number}")
        UserFactory(username=f"manager-{number}", role=User.Role.MANAGER, team=team)
        worker = UserFactory(username=f"worker-{number}", team=team)
        case = CaseFactory(team=team, key_worker=worker)
        _review_due_in(case, -1)
        _missing(case, worker, returned_hours_ago=80)

    overdue_in_a_team_of_its_own(1)
    one_team = count()
    for number in range(2, 6):
        overdue_in_a_team_of_its_own(number)
    assert count() == one_team
    managers = {m.recipient.username for m in due_messages() if m.key.startswith("review-overdue")}
    assert managers >= {f"manager-{number}" for number in range(1, 6)}
