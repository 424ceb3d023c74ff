"""The fault test's counts, from the database and the mail server's record (Django is set up by then):
every due reminder in the app once, every email owed sent once, every saved word of a young person kept."""

import json
import re
from collections import Counter
from datetime import datetime
from pathlib import Path

from django.db.models import Count, Q

COUNT = re.compile(r" \((\d+)\)$")


def _kind_of_subject(subject: str) -> str:
    from accounts.notifications import EMAIL_TEXT

    words = COUNT.sub("", subject.removeprefix("ACT: ")).removeprefix("Urgent: ")
    return next((kind for kind, text in EMAIL_TEXT.items() if str(text) == words), f"? {words}")


def delivered(mail_record: Path) -> Counter:
    """How many notifications each email told about, by (address, kind): an email for several says how many."""
    found: Counter = Counter()
    for line in mail_record.read_text().splitlines():
        message = json.loads(line)
        many = COUNT.search(message["subject"])
        for address in message["to"]:
            found[(address.lower(), _kind_of_subject(message["subject"]))] += int(many.group(1)) if many else 1
    return found


def owed(since: datetime) -> Counter:
    """The notifications the test's runs had to email, by (address, kind): those not emailed before it started,
    to people who have an address and want that kind by email."""
    from accounts.models import Notification

    found: Counter = Counter()
    rows = Notification.objects.filter(Q(emailed_at__isnull=True) | Q(emailed_at__gte=since)).select_related(
        "recipient"
    )
    for notification in rows:
        person = notification.recipient
        if person.email and notification.kind not in (person.emails_off or []):
            found[(person.email.lower(), notification.kind)] += 1
    return found


def reminders() -> dict[str, int]:
    """Every reminder due now against the notifications in the app: each due item once, none missing."""
    from accounts.models import Notification
    from accounts.notifications import due_messages

    due = {(message.recipient.pk, message.key) for message in due_messages()}
    recorded = set(Notification.objects.values_list("recipient_id", "key"))
    twice = Notification.objects.values("recipient_id", "key").annotate(copies=Count("pk")).filter(copies__gt=1).count()
    return {
        "due": len(due),
        "in the app": len(due & recorded),
        "missing from the app": len(due - recorded),
        "recorded twice": twice,
        "not emailed yet": Notification.objects.filter(emailed_at__isnull=True).count(),
    }


def emails(mail_record: Path, since: datetime) -> dict[str, int]:
    expected, sent = owed(since), delivered(mail_record)
    keys = set(expected) | set(sent)
    return {
        "notifications owed an email": sum(expected.values()),
        "told by email exactly once": sum(min(expected[key], sent[key]) for key in keys),
        "missed": sum(max(0, expected[key] - sent[key]) for key in keys),
        "told twice (or more)": sum(max(0, sent[key] - expected[key]) for key in keys),
        "emails sent": len(mail_record.read_text().splitlines()),
    }


def autosaves(saves: dict[str, list[str]]) -> dict[str, int]:
    """Every marker the service answered "saved" for is in the words the database holds for that link."""
    from assessments.services import section_link_of
    from cases.services import link_find

    markers = lost = 0
    for token, saved in saves.items():
        link = link_find(token)
        section_link = section_link_of(link) if link else None
        text = section_link.contribution.text if section_link and section_link.contribution else ""
        markers += len(saved)
        lost += sum(1 for marker in saved if marker not in text)
    return {"links": len(saves), "saves answered saved (markers)": markers, "lost": lost}
