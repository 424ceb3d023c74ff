"""Notifications emailed to staff."""

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
