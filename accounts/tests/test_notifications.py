"""Notifications emailed to staff."""

from django.core import mail

from accounts.models import Notification
from accounts.notifications import Message, deliver_emails, notify


def test_a_message_with_a_line_break_is_emailed_with_a_subject_on_one_line(key_worker):
    # The message carries a young person's name as it was typed: a hostile client can put a line break in it.
    text = "Destiny\nBcc: everyone@example.com Walker's assessment review is due on 3 March 2027."
    notify([Message(key_worker, "review-due:1", text, "/assessments/case/1/reviews/")])

    assert deliver_emails() == 1

    (email,) = mail.outbox
    assert email.subject == "ACT: Destiny Bcc: everyone@example.com Walker's assessment review is due on 3 March 2"
    headers = email.message().as_string().split("\n\n")[0]
    assert email.to == [key_worker.email] and not any(line.startswith("Bcc") for line in headers.splitlines())
    assert email.body.startswith(text)
    assert Notification.objects.get().emailed_at is not None
