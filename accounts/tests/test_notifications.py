"""Notifications emailed to staff."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Notification, User
from accounts.notifications import EMAIL_TEXT, Message, deliver_emails, notify
from accounts.tests.factories import UserFactory


def test_a_message_with_a_line_break_in_a_name_is_emailed_with_one_line_headers_and_no_name(key_worker):
    # The message carries a young person's name as it was typed: a hostile client can put a line break in it.
    text = "Destiny\nBcc: everyone@example.com Walker's assessment review is due on 3 March 2027."
    notify([Message(key_worker, "review-due:1", text, "/assessments/case/1/reviews/")])

    assert deliver_emails() == 1

    (email,) = mail.outbox
    headers = email.message().as_string().split("\n\n")[0]
    assert email.subject == "ACT: An assessment review is coming due"
    assert email.to == [key_worker.email] and not any(line.startswith("Bcc") for line in headers.splitlines())
    assert "Destiny" not in email.body and "Bcc" not in email.body
    assert Notification.objects.get().emailed_at is not None


def test_notify_says_how_many_are_new_without_counting_the_table(key_worker, manager):
    notify([Message(key_worker, f"review-due:{pk}", "Review due") for pk in range(3)])
    again = [Message(key_worker, f"review-due:{pk}", "Review due") for pk in range(5)]
    again += [Message(manager, "review-due:1", "Review due"), Message(manager, "review-due:1", "Review due")]
    with CaptureQueriesContext(connection) as captured:
        assert notify(again) == 3
    assert not [query["sql"] for query in captured if "COUNT(" in query["sql"].upper()]
    assert len(captured) <= 3  # what exists already (one indexed query), then one insert (in its transaction)
    assert Notification.objects.count() == 6
    assert notify(again) == 0


def unemailed_backlog(team, name: str, *, people: int, kinds: int, each: int) -> list:
    """`each` notifications of each of `kinds` kinds for each of `people` people, made in bulk."""
    for number in range(people):
        UserFactory(team=team, username=f"{name}-{number}")
    recipients = list(User.objects.filter(username__startswith=f"{name}-").order_by("pk"))
    kind_names = list(EMAIL_TEXT)[:kinds]
    Notification.objects.bulk_create(
        [
            Notification(recipient=person, key=f"{kind}:{number}", kind=kind, message="Due")
            for person in recipients
            for kind in kind_names
            for number in range(each)
        ],
        batch_size=2000,
    )
    return recipients


def delivered_with_queries() -> tuple[int, int]:
    with CaptureQueriesContext(connection) as captured:
        sent = deliver_emails()
    return sent, len(captured)


def test_a_backlog_of_ten_thousand_is_emailed_in_one_run_with_one_query_per_email(team):
    def not_wanted_by_email(people):
        people[0].emails_off = list(EMAIL_TEXT)[:5]
        people[0].save(update_fields=["emails_off"])
        people[1].email = ""
        people[1].save(update_fields=["email"])

    not_wanted_by_email(unemailed_backlog(team, "few", people=4, kinds=2, each=3))
    few_sent, few_queries = delivered_with_queries()
    assert few_sent == 4
    mail.outbox.clear()

    not_wanted_by_email(unemailed_backlog(team, "many", people=40, kinds=5, each=50))  # 10,000
    sent, queries = delivered_with_queries()

    assert sent == 38 * 5 == len(mail.outbox)
    # The same few queries, and two for each email: taking it, and marking it sent.
    assert queries - 2 * sent == few_queries - 2 * few_sent
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    subjects = {f"ACT: {EMAIL_TEXT[kind]} (50)" for kind in list(EMAIL_TEXT)[:5]}
    assert {message.subject for message in mail.outbox} == subjects
    assert deliver_emails() == 0


def test_a_group_another_run_claimed_first_is_not_sent_again(key_worker, manager, monkeypatch):
    from accounts import notifications

    notify([Message(key_worker, f"review-due:{pk}", "Review due") for pk in range(3)])
    notify([Message(manager, "review-due:1", "Review due")])
    read_pending = notifications._pending_groups

    def another_run_claims_in_between(*args, **kwargs):
        groups = read_pending(*args, **kwargs)
        Notification.objects.filter(recipient=key_worker).update(emailed_at=timezone.now())
        return groups

    monkeypatch.setattr(notifications, "_pending_groups", another_run_claims_in_between)
    assert deliver_emails() == 1
    assert [message.to for message in mail.outbox] == [[manager.email]]


def _review_due(person, number=1):
    notify([Message(person, f"review-due:{number}", "A review is due.", f"/assessments/case/{number}/reviews/")])


def test_each_email_is_sent_once_however_many_runs(key_worker):
    _review_due(key_worker, 1)
    _review_due(key_worker, 2)
    assert deliver_emails() == 1 and deliver_emails() == 0
    (email,) = mail.outbox
    assert email.subject == "ACT: An assessment review is coming due (2)"
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_an_email_taken_by_a_run_that_was_killed_is_sent_by_a_later_run_once_the_taking_lapsed(key_worker, settings):
    _review_due(key_worker)
    # A run took it and was killed before sending: still taken, so another run now leaves it alone.
    Notification.objects.update(email_taken_at=timezone.now())
    assert deliver_emails() == 0 and mail.outbox == []
    lapsed = timezone.now() - timedelta(seconds=settings.EMAIL_TAKEN_LAPSE_SECONDS + 1)
    Notification.objects.update(email_taken_at=lapsed)
    assert deliver_emails() == 1 and len(mail.outbox) == 1
    assert deliver_emails() == 0 and len(mail.outbox) == 1
    assert Notification.objects.get().emailed_at is not None


def test_an_email_the_mail_server_refused_is_given_back_for_the_next_run(key_worker, monkeypatch):
    _review_due(key_worker)

    def refused(**kwargs):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("accounts.notifications.send_mail", refused)
    with pytest.raises(smtplib.SMTPServerDisconnected):
        deliver_emails()
    waiting = Notification.objects.get()
    assert waiting.emailed_at is None and waiting.email_taken_at is None
    monkeypatch.undo()
    assert deliver_emails() == 1 and len(mail.outbox) == 1
