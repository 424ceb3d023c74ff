"""Reminders of meetings, of the Ambitions meeting and of actions past their date: found with one query per
kind, recorded once per person and thing however the runs fall (twice, at the same moment, after an outage),
and settled when what they were about is done."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Notification
from accounts.notifications import due_messages, notify
from accounts.tasks import send_reminders
from act.testing import RealWorker, run_together, wait_for
from cases import services as case_services
from cases.tests.factories import CaseFactory
from plans.models import Meeting
from plans.services import meetings as services
from plans.services import plan as plan_services
from plans.tasks import send_invitations

from .meeting_helpers import make_coordinator, plan_meeting, started


def keys(user):
    return set(Notification.objects.filter(recipient=user).values_list("key", flat=True))


def first_contact(case, by, days_ago):
    return case_services.timeline_add(
        case=case,
        by=by,
        kind="contact",
        method="visit",
        summary="First visit",
        occurred_at=timezone.now() - timedelta(days=days_ago),
    )


def soon(case, by, hours=30, **kwargs):
    meeting = plan_meeting(case, by, **kwargs)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + timedelta(hours=hours))
    meeting.refresh_from_db()
    return meeting


def stamp(meeting):
    return int(meeting.starts_at.timestamp())


@pytest.fixture
def manager_invited(case, key_worker, manager):
    """A meeting in 30 hours, the manager invited with their account, and Nan by email only."""
    people = [
        services.AttendeeData(name="Nan", email="nan@example.org"),
        services.AttendeeData(name="The manager", email=manager.email, user=manager),
    ]
    meeting = soon(case, key_worker, attendees=people)
    Notification.objects.all().delete()  # the invitation's notice: these tests are about the reminders
    return meeting


def test_staff_invited_to_a_meeting_within_two_days_are_reminded_once(manager_invited, manager):
    send_reminders()
    send_reminders()
    assert keys(manager) == {f"meeting-reminder:{manager_invited.pk}:{stamp(manager_invited)}"}
    assert Notification.objects.count() == 1
    assert [m.subject for m in mail.outbox] == ["ACT: A meeting you are invited to is coming up"]


def test_a_meeting_moved_to_another_time_reminds_again(manager_invited, manager, key_worker):
    send_reminders()
    keep = list(manager_invited.attendees.values_list("pk", flat=True))
    moved = manager_invited.starts_at + timedelta(hours=3)
    services.meeting_change(
        meeting=manager_invited,
        starts_at=moved,
        minutes=60,
        place="Library",
        keep=keep,
        add=[],
        reason="",
        by=key_worker,
    )
    send_reminders()
    reminders = {k for k in keys(manager) if k.startswith("meeting-reminder:")}
    assert len(reminders) == 2 and f"meeting-reminder:{manager_invited.pk}:{int(moved.timestamp())}" in reminders


def test_meetings_further_away_cancelled_or_past_remind_nobody(case, key_worker, manager):
    people = [services.AttendeeData(name="The manager", user=manager)]
    soon(case, key_worker, hours=60, attendees=people)
    cancelled = soon(case, key_worker, attendees=people)
    services.meeting_cancel(meeting=cancelled, reason="Ill", by=key_worker)
    started(plan_meeting(case, key_worker, attendees=people))
    Notification.objects.all().delete()
    assert [m for m in due_messages() if m.key.startswith("meeting-reminder")] == []


def test_the_ambitions_meeting_coming_due_tells_the_key_worker_and_the_coordinator(case, key_worker):
    coordinator = make_coordinator(case)
    first_contact(case, key_worker, days_ago=7 * 7)
    send_reminders()
    send_reminders()
    assert keys(key_worker) == keys(coordinator) == {f"ambitions-due:{case.pk}"}
    assert not Notification.objects.filter(urgent=True).exists()


def test_the_ambitions_meeting_overdue_tells_them_again_urgently(case, key_worker):
    coordinator = make_coordinator(case)
    contact = first_contact(case, key_worker, days_ago=7 * 7)
    send_reminders()
    contact.occurred_at = timezone.now() - timedelta(weeks=9)
    contact.save(update_fields=["occurred_at"])
    send_reminders()
    send_reminders()
    expected = {f"ambitions-due:{case.pk}", f"ambitions-overdue:{case.pk}"}
    assert keys(key_worker) == keys(coordinator) == expected
    assert set(Notification.objects.filter(urgent=True).values_list("kind", flat=True)) == {"ambitions-overdue"}


def test_no_ambitions_reminder_early_once_held_or_on_a_closed_case(case, key_worker, manager):
    first_contact(case, key_worker, days_ago=5 * 7)
    assert [m for m in due_messages() if m.key.startswith("ambitions")] == []
    other = CaseFactory(team=case.team, key_worker=key_worker)
    first_contact(other, key_worker, days_ago=10 * 7)
    ambitions = started(plan_meeting(other, key_worker))
    Meeting.objects.filter(pk=ambitions.pk).update(status=Meeting.Status.HELD)
    closed = CaseFactory(team=case.team, key_worker=key_worker)
    first_contact(closed, key_worker, days_ago=10 * 7)
    case_services.case_close(case=closed, reason="Moved away", outcome="moved", by=key_worker)
    assert [m for m in due_messages() if m.key.startswith("ambitions")] == []


@pytest.fixture
def late_action(case, key_worker, manager):
    plan = plan_services.plan_start(case=case, by=key_worker)
    goal = plan_services.goal_add(
        plan=plan, owner="young_person", owner_name="", words="College", why="", by=key_worker
    )
    action = plan_services.action_add(
        goal=goal,
        what="Call the college",
        who_name="The manager",
        who_user=manager,
        due_on=timezone.localdate(),
        by=key_worker,
    )
    Notification.objects.all().delete()
    return action


def test_an_action_past_its_date_tells_the_person_responsible_once_until_it_is_done(late_action, manager, key_worker):
    send_reminders()
    assert keys(manager) == set()  # due today: not yet late
    type(late_action).objects.filter(pk=late_action.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    send_reminders()
    send_reminders()
    assert keys(manager) == {f"action-overdue:{late_action.pk}"}
    assert keys(key_worker) == set()
    late_action.refresh_from_db()
    plan_services.action_done(action=late_action, by=key_worker)
    assert Notification.objects.get(recipient=manager).done_at is not None
    send_reminders()
    assert Notification.objects.count() == 1


def test_finding_what_is_due_is_a_fixed_number_of_queries(case, key_worker, manager, team):
    def count():
        with CaptureQueriesContext(connection) as captured:
            due_messages()
        return len(captured.captured_queries)

    def add(n):
        for _ in range(n):
            other = CaseFactory(team=team, key_worker=key_worker)
            first_contact(other, key_worker, days_ago=60)
            soon(other, key_worker, attendees=[services.AttendeeData(name="The manager", user=manager)])

    add(2)
    few = count()
    add(10)
    assert count() == few


def _due_now(case, key_worker, manager):
    make_coordinator(case)
    first_contact(case, key_worker, days_ago=10 * 7)
    people = [
        services.AttendeeData(name="The manager", user=manager),
        services.AttendeeData(name="Nan", email="nan@example.org"),
    ]
    soon(case, key_worker, attendees=people)
    Notification.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_send_each_reminder_once(case, key_worker, manager):
    _due_now(case, key_worker, manager)
    assert run_together(send_reminders) == []
    # The key worker and the coordinator: the Ambitions meeting overdue; the manager: the meeting soon.
    assert Notification.objects.count() == 3
    assert len(mail.outbox) == 3


def test_a_run_after_an_outage_catches_up_and_a_run_cut_off_is_completed_without_repeats(case, key_worker, manager):
    # Nothing ran while the meeting and the Ambitions meeting came due: one run finds both, overdue only.
    _due_now(case, key_worker, manager)
    messages = due_messages()
    assert {m.key.split(":")[0] for m in messages} == {"ambitions-overdue", "meeting-reminder"}
    # The worker was killed after recording one notification and before emailing any.
    notify(messages[:1])
    send_reminders()
    assert Notification.objects.count() == 3 and len(mail.outbox) == 3
    send_reminders()
    assert Notification.objects.count() == 3 and len(mail.outbox) == 3


@pytest.fixture
def email_dir(tmp_path):
    return tmp_path / "emails"


def _emails_in(folder) -> str:
    return "".join(path.read_text() for path in folder.glob("*.log")) if folder.exists() else ""


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_invitations_and_runs_reminders_concurrently_once(case, key_worker, manager, email_dir):
    queue = f"test-{uuid.uuid4().hex}"
    env = {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": str(email_dir)}
    # Planned while the worker was down: the invitation waits on the broker; the reminders came due meanwhile.
    _due_now(case, key_worker, manager)
    meeting = Meeting.objects.get()
    with RealWorker(queue, concurrency=2, env=env) as worker:
        send_invitations.apply_async((meeting.pk, "request", None), queue=queue)
        send_reminders.apply_async(queue=queue)
        send_reminders.apply_async(queue=queue)
        assert wait_for(lambda: worker.log().count("succeeded") >= 3, timeout=90), worker.log()[-3000:]
    assert Notification.objects.count() == 3
    sent = _emails_in(email_dir)
    assert sent.count("\nSubject: ") == 3 + 1, worker.output[-3000:]  # three reminders, one invitation (by email)
    assert "BEGIN:VCALENDAR" in sent and f"UID:{meeting.uid}" in sent
    assert case.young_person.given_name not in sent and case.young_person.family_name not in sent
