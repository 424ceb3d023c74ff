"""Notifications emailed to staff."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Notification
from accounts.notifications import Message, deliver_emails, notify


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
