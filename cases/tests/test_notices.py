"""Who is told when something happens on a case: once each, the right person, by email as they prefer,
and no email names the young person."""

from datetime import timedelta
from functools import partial

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Notification, User
from accounts.notifications import due_messages, notify
from accounts.tasks import send_reminders
from accounts.tests.factories import UserFactory
from act.testing import emails_to, told
from cases import services
from cases.models import Referral
from cases.tests.factories import ReferralFactory


def missing(case, by, **fields):
    now = timezone.now()
    return services.timeline_add(
        case=case, by=by, kind="missing", summary="Missing overnight", occurred_at=now - timedelta(hours=100), **fields
    )


# A return home interview


def test_recording_the_return_tells_the_key_worker_when_the_interview_is_due(case, key_worker, manager, committed):
    entry = committed(lambda: missing(case, key_worker))
    assert told(key_worker) == {}
    returned = timezone.now() - timedelta(hours=1)
    committed(lambda: services.missing_episode_end(entry=entry, returned_at=returned, where_found="", by=key_worker))
    entry.refresh_from_db()
    notification = told(key_worker)[f"rhi-recorded:{entry.pk}"]
    due = timezone.localtime(entry.return_interview_due_at).strftime("%d %B %H:%M")
    name = case.young_person.display_name
    assert notification.message == f"{name} is back: the return home interview is due by {due}."
    assert notification.url == f"/cases/{case.pk}/timeline/{entry.pk}/"
    assert told(manager) == {}
    assert emails_to(key_worker) == ["ACT: A return home interview needs arranging"]
    assert "Destiny" not in mail.outbox[0].body and f"/cases/{case.pk}/timeline/{entry.pk}/" in mail.outbox[0].body


def test_the_return_recorded_again_does_not_tell_anyone_twice(case, key_worker, committed):
    entry = missing(case, key_worker)
    for hours in (3, 2):
        returned = timezone.now() - timedelta(hours=hours)
        committed(
            partial(services.missing_episode_end, entry=entry, returned_at=returned, where_found="", by=key_worker)
        )
    assert list(told(key_worker)) == [f"rhi-recorded:{entry.pk}"]
    assert len(emails_to(key_worker)) == 1


def test_the_interview_coming_due_and_overdue_is_told_once_each(case, key_worker, manager):
    entry = missing(case, key_worker, returned_at=timezone.now() - timedelta(hours=50))  # due in 22 hours
    send_reminders()
    send_reminders()
    assert set(told(key_worker)) == {f"rhi-recorded:{entry.pk}", f"rhi-due:{entry.pk}"}
    assert told(manager) == {}
    notify(due_messages(timezone.now() + timedelta(hours=23)))
    notify(due_messages(timezone.now() + timedelta(hours=30)))
    assert set(told(key_worker)) == {f"rhi-recorded:{entry.pk}", f"rhi-due:{entry.pk}", f"rhi-overdue:{entry.pk}"}
    assert told(key_worker)[f"rhi-overdue:{entry.pk}"].urgent
    assert set(told(manager)) == {f"rhi-overdue:{entry.pk}"}


def test_once_the_interview_is_held_what_was_said_about_it_is_done_for_everyone(case, key_worker, manager):
    entry = missing(case, key_worker, returned_at=timezone.now() - timedelta(hours=80))
    other = missing(case, key_worker, returned_at=timezone.now() - timedelta(hours=80))
    send_reminders()
    services.return_interview_done(entry=entry, done_at=timezone.now(), by=key_worker)
    for person in (key_worker, manager):
        for key, notification in told(person).items():
            assert (notification.done_at is not None) == key.endswith(f":{entry.pk}"), key
    assert f"rhi-overdue:{other.pk}" in told(manager)


def test_a_return_recorded_by_a_police_partner_tells_the_key_worker_who_recorded_it(
    case, key_worker, partner_with_grant, committed
):
    entry = committed(lambda: missing(case, partner_with_grant, returned_at=timezone.now() - timedelta(hours=2)))
    notification = told(key_worker)[f"rhi-recorded:{entry.pk}"]
    name = case.young_person.display_name
    assert notification.message.startswith(f"{partner_with_grant.get_full_name()} recorded that {name} is back")
    assert told(partner_with_grant) == {}
    assert emails_to(key_worker) == ["ACT: A return home interview needs arranging"]


# A missing episode recorded by someone else


def test_a_missing_episode_recorded_by_a_partner_tells_the_key_worker_at_once(
    case, key_worker, manager, partner_with_grant, committed
):
    entry = committed(lambda: missing(case, partner_with_grant))
    notification = told(key_worker)[f"missing-recorded:{entry.pk}"]
    assert notification.urgent
    name = case.young_person.display_name
    assert notification.message == f"{partner_with_grant.get_full_name()} recorded that {name} is missing."
    assert notification.url == f"/cases/{case.pk}/timeline/{entry.pk}/"
    assert told(manager) == {} and told(partner_with_grant) == {}
    assert emails_to(key_worker) == ["ACT: Urgent: A missing episode has been recorded on a case you hold"]


def test_a_missing_episode_the_key_worker_records_tells_nobody(case, key_worker, manager, committed):
    committed(lambda: missing(case, key_worker))
    assert not Notification.objects.exists() and mail.outbox == []


# A restricted entry added by someone else


def restricted(case, by):
    return services.timeline_add(
        case=case,
        by=by,
        kind="event",
        occurred_at=timezone.now() - timedelta(hours=1),
        summary="Intelligence: a car seen outside school",
        restricted=True,
    )


def test_a_restricted_entry_added_by_someone_else_tells_the_key_worker(case, key_worker, partner_with_grant, committed):
    entry = committed(lambda: restricted(case, partner_with_grant))
    notification = told(key_worker)[f"restricted-entry:{entry.pk}"]
    name = case.young_person.display_name
    who = partner_with_grant.get_full_name()
    assert notification.message == f"{who} added a restricted entry to {name}'s timeline."
    assert emails_to(key_worker) == ["ACT: A restricted entry has been added to a case you hold"]
    assert "Intelligence" not in mail.outbox[0].body


def test_a_restricted_entry_the_key_worker_adds_tells_nobody(case, key_worker, committed):
    committed(lambda: restricted(case, key_worker))
    assert not Notification.objects.exists()


def test_an_entry_that_is_not_restricted_tells_nobody(case, key_worker, partner_with_grant, committed):
    committed(
        lambda: services.timeline_add(
            case=case, by=partner_with_grant, kind="event", occurred_at=timezone.now(), summary="School meeting"
        )
    )
    assert not Notification.objects.exists()


def test_the_key_worker_who_wants_no_email_of_a_kind_is_told_in_the_app_only(
    case, key_worker, partner_with_grant, committed
):
    key_worker.emails_off = ["restricted-entry"]
    key_worker.save(update_fields=["emails_off"])
    entry = committed(lambda: restricted(case, partner_with_grant))
    assert f"restricted-entry:{entry.pk}" in told(key_worker)
    assert mail.outbox == []


# A case allocated or reallocated


@pytest.fixture
def second_worker(team):
    return UserFactory(username="worker2", team=team)


def test_a_reallocated_case_tells_the_new_worker(case, key_worker, manager, second_worker, committed):
    committed(lambda: services.case_allocate(case=case, worker=second_worker, by=manager))
    (notification,) = told(second_worker).values()
    assert notification.kind == "allocated" and not notification.urgent
    assert notification.message == f"{case.young_person.display_name}'s case has been allocated to you."
    assert notification.url == f"/cases/{case.pk}/"
    assert told(key_worker) == {} and told(manager) == {}
    assert emails_to(second_worker) == ["ACT: A case has been allocated to you"]


def test_allocating_to_the_same_worker_again_tells_nobody_twice(case, manager, second_worker, committed):
    for _ in range(2):
        committed(lambda: services.case_allocate(case=case, worker=second_worker, by=manager))
    assert len(told(second_worker)) == 1 and len(mail.outbox) == 1


def test_a_worker_given_the_case_back_later_is_told_again(case, key_worker, manager, second_worker):
    services.case_allocate(case=case, worker=second_worker, by=manager)
    services.case_allocate(case=case, worker=key_worker, by=manager)
    services.case_allocate(case=case, worker=second_worker, by=manager)
    assert len(told(second_worker)) == 2 and len(told(key_worker)) == 1


def test_taking_a_case_yourself_tells_nobody(case, manager):
    services.case_allocate(case=case, worker=manager, by=manager)
    assert not Notification.objects.exists()


def accept(team, manager, worker, urgency):
    referral = ReferralFactory(team=team, given_name="Mia", urgency=urgency)
    return services.referral_accept(referral=referral, key_worker=worker, by=manager)


def test_an_urgent_referral_accepted_tells_the_worker_urgently(team, manager, second_worker, committed):
    new_case = committed(lambda: accept(team, manager, second_worker, "urgent"))
    (notification,) = told(second_worker).values()
    name = new_case.young_person.display_name
    assert notification.urgent
    assert notification.message == f"{name}'s case has been allocated to you. The referral was urgent."
    assert notification.url == f"/cases/{new_case.pk}/"
    assert emails_to(second_worker) == ["ACT: Urgent: A case has been allocated to you"]
    assert "Mia" not in mail.outbox[0].body


def test_a_routine_referral_accepted_is_not_urgent(team, manager, second_worker):
    accept(team, manager, second_worker, "routine")
    (notification,) = told(second_worker).values()
    assert not notification.urgent


def test_reallocating_a_case_from_an_urgent_referral_is_urgent(team, manager, key_worker, second_worker):
    new_case = accept(team, manager, key_worker, "urgent")
    services.case_allocate(case=new_case, worker=second_worker, by=manager)
    (notification,) = told(second_worker).values()
    assert notification.urgent


# A referral waiting past its decision target


@pytest.fixture
def second_manager(team):
    return UserFactory(username="manager2", team=team, role=User.Role.MANAGER)


def test_a_referral_past_its_target_tells_the_teams_managers_once(team, manager, second_manager, key_worker, outsider):
    late = ReferralFactory(team=team, given_name="Mia", received_at=timezone.now() - timedelta(days=5))
    ReferralFactory(team=team, received_at=timezone.now() - timedelta(hours=1))  # within its target
    ReferralFactory(
        team=team, received_at=timezone.now() - timedelta(days=5), status=Referral.Status.ACCEPTED
    )  # decided
    send_reminders()
    send_reminders()
    for person in (manager, second_manager):
        assert list(told(person)) == [f"referral-overdue:{late.pk}"]
        assert emails_to(person) == ["ACT: A referral is waiting past its decision target"]
    assert told(key_worker) == {} and told(outsider) == {}
    notification = told(manager)[f"referral-overdue:{late.pk}"]
    assert "Mia" in notification.message and notification.url == f"/referrals/{late.pk}/"
    assert not notification.urgent


def test_an_urgent_referral_past_its_target_is_urgent(team, manager):
    ReferralFactory(team=team, received_at=timezone.now() - timedelta(days=5), urgency="urgent")
    send_reminders()
    (notification,) = told(manager).values()
    assert notification.urgent
    assert mail.outbox[0].subject == "ACT: Urgent: A referral is waiting past its decision target"


def test_the_target_is_the_referrals_own(team, manager, monkeypatch):
    """However the target is counted (weekends, bank holidays), the reminder follows `decision_due_at`."""
    referral = ReferralFactory(team=team, received_at=timezone.now() - timedelta(days=5))
    monkeypatch.setattr(Referral, "decision_due_at", property(lambda r: r.received_at + timedelta(days=6)))
    send_reminders()
    assert told(manager) == {}
    monkeypatch.setattr(Referral, "decision_due_at", property(lambda r: r.received_at + timedelta(days=4)))
    send_reminders()
    assert list(told(manager)) == [f"referral-overdue:{referral.pk}"]


def test_finding_late_referrals_is_a_fixed_number_of_queries(team, other_team, manager):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cases.reminders import referral_reminders

    def count():
        with CaptureQueriesContext(connection) as captured:
            referral_reminders(timezone.now())
        return len(captured.captured_queries)

    ReferralFactory(team=team, received_at=timezone.now() - timedelta(days=5))
    few = count()
    for _ in range(10):
        ReferralFactory(team=team, received_at=timezone.now() - timedelta(days=5))
        ReferralFactory(team=other_team, received_at=timezone.now() - timedelta(days=5))
    assert count() <= few + 1  # one more team's managers


def test_a_referral_added_to_an_open_case_tells_its_key_worker_and_allocates_nobody_else(
    case, key_worker, manager, second_worker, committed
):
    yp = case.young_person
    referral = ReferralFactory(
        team=case.team,
        given_name=yp.given_name,
        family_name=yp.family_name,
        date_of_birth=yp.date_of_birth,
        possible_duplicate=yp,
        duplicate_choice=Referral.DuplicateChoice.LINKED,
        urgency="urgent",
        referrer_agency="Rochdale High School",
    )
    same = committed(lambda: services.referral_accept(referral=referral, key_worker=second_worker, by=manager))
    assert same == case and not told(second_worker)
    (notification,) = told(key_worker).values()
    assert notification.urgent and notification.url == f"/referrals/{referral.pk}/"
    assert notification.message == (
        f"A new referral for {yp.display_name}, from Rochdale High School, was added to their case."
    )
    assert emails_to(key_worker) == ["ACT: Urgent: A new referral was added to a case you hold"]
