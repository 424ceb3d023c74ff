"""Telling staff about things: in the app (exactly once per key) and by email (at most once).

Email is not a safe place for a child's details. The message in the app may name the young person (it is
behind sign-in); an email says only what kind of thing needs attention, and links to it behind sign-in.
No name, date of birth, address or case detail leaves the service by email. The kind is the part of the
notification's key before the colon ("review-overdue:12").
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Notification, User


@dataclass(frozen=True)
class Message:
    recipient: User
    key: str
    message: str
    url: str = ""


# What an email says for each kind of notification: never more than this.
EMAIL_TEXT = {
    "review-due": gettext_lazy("An assessment review is coming due"),
    "review-overdue": gettext_lazy("An assessment review is overdue"),
    "rhi-due": gettext_lazy("A return home interview is coming due"),
    "rhi-overdue": gettext_lazy("A return home interview is overdue"),
}


def email_text(key: str) -> str:
    """The email's words for a notification key: its kind only, or a plain fallback."""
    kind = key.split(":", 1)[0]
    return str(EMAIL_TEXT.get(kind, gettext_lazy("Something in ACT case management needs your attention")))


# What is due comes from the apps that know about it (a return home interview from the case record, a review
# from the assessment), which sit above this one: each registers a source here when it starts (its
# `AppConfig.ready`). A source finds what is due at `now` with a fixed number of queries.
ReminderSource = Callable[[datetime], list[Message]]
_reminder_sources: list[ReminderSource] = []


def register_reminders(source: ReminderSource) -> ReminderSource:
    """Add `source(now) -> messages` to every reminders run (once, however often called)."""
    if source not in _reminder_sources:
        _reminder_sources.append(source)
    return source


def due_messages(now: datetime | None = None) -> list[Message]:
    """Everything due at `now`, from every registered source."""
    now = now or timezone.now()
    return [message for source in _reminder_sources for message in source(now)]


def notify(messages: list[Message]) -> int:
    """Record the messages; one already recorded for the same person and key is left alone, even when two
    runs race (the unique constraint decides). Returns how many are new."""
    if not messages:
        return 0
    before = Notification.objects.count()
    Notification.objects.bulk_create(
        [Notification(recipient=m.recipient, key=m.key, message=m.message, url=m.url) for m in messages],
        ignore_conflicts=True,
    )
    return Notification.objects.count() - before


def deliver_emails(limit: int = 200) -> int:
    """Email notifications not emailed yet. Each is claimed by one atomic update before it is sent, so
    two workers never both send it. (A worker killed between the claim and the send loses that email; the
    notification itself is still in the app.)"""
    sent = 0
    pending = Notification.objects.filter(emailed_at__isnull=True).select_related("recipient").order_by("created_at")
    for notification in pending[:limit]:
        with transaction.atomic():
            claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
                emailed_at=timezone.now()
            )
        if not claimed or not notification.recipient.email:
            continue
        send_mail(
            subject=f"ACT: {email_text(notification.key)}",
            message=_email_body(notification),
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
        sent += 1
    return sent


def _email_body(notification: Notification) -> str:
    link = f"{settings.SITE_URL}{notification.url or '/account/notifications/'}"
    return _(
        "%(what)s.\n\nSign in to see it: %(link)s\n\n"
        "For the young person's safety, this email does not say who or what it is about."
    ) % {"what": email_text(notification.key), "link": link}


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
