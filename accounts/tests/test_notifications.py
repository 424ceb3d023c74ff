"""Notifications emailed to staff."""

from django.core import mail

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
