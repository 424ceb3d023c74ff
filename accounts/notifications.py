"""Telling staff about things: in the app (exactly once per key) and by email (at most once)."""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification, User


@dataclass(frozen=True)
class Message:
    recipient: User
    key: str
    message: str
    url: str = ""


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
        link = f"\n\n{settings.SITE_URL}{notification.url}" if notification.url else ""
        send_mail(
            subject=f"ACT: {_one_line(notification.message)[:80]}",
            message=f"{notification.message}{link}",
            from_email=None,
            recipient_list=[notification.recipient.email],
        )
        sent += 1
    return sent


def _one_line(text: str) -> str:
    """The text with every run of white space (line breaks too) as one space. A message carries what
    people typed, a young person's name for instance, and a line break in an email header would end it
    (Django refuses to send it at all)."""
    return " ".join(text.split())


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
