"""Telling staff about things: in the app (exactly once per key) and by email (at most once).

Email is not a safe place for a child's details. The message in the app may name the young person (it is
behind sign-in); an email says only what kind of thing needs attention, and links to it behind sign-in.
No name, date of birth, address or case detail leaves the service by email. The kind is the part of the
notification's key before the colon ("review-overdue:12").

Two ways in: reminders (what has come due, found by the periodic task from the sources registered below) and
events (`tell`, called by the service that made the change, inside its transaction: the notification is
recorded with the change or not at all, and its email is sent once the change is committed).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection, send_mail
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Notification, User

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    recipient: User
    key: str
    message: str
    url: str = ""
    urgent: bool = False


# What an email says for each kind of notification: never more than this. It is also how the account page
# names each kind when a person chooses which come by email, in this order.
EMAIL_TEXT = {
    "allocated": gettext_lazy("A case has been allocated to you"),
    "referral-added": gettext_lazy("A new referral was added to a case you hold"),
    "referral-overdue": gettext_lazy("A referral is waiting past its decision target"),
    "missing-recorded": gettext_lazy("A missing episode has been recorded on a case you hold"),
    "rhi-recorded": gettext_lazy("A return home interview needs arranging"),
    "rhi-due": gettext_lazy("A return home interview is coming due"),
    "rhi-overdue": gettext_lazy("A return home interview is overdue"),
    "missing-strategy": gettext_lazy("A young person has gone missing three or more times in 90 days"),
    "restricted-entry": gettext_lazy("A restricted entry has been added to a case you hold"),
    "risk-raised": gettext_lazy("The level of concern about a young person in your team was raised"),
    "words-sent": gettext_lazy("A young person or family member has sent their words"),
    "timescale-decided": gettext_lazy("An assessment timescale you proposed has been decided"),
    "review-due": gettext_lazy("An assessment review is coming due"),
    "review-overdue": gettext_lazy("An assessment review is overdue"),
    "meeting-invited": gettext_lazy("You are invited to a meeting"),
    "meeting-moved": gettext_lazy("A meeting you are invited to has moved"),
    "meeting-reminder": gettext_lazy("A meeting you are invited to is coming up"),
    "meeting-choices": gettext_lazy("A young person has said what they want for a meeting you organise"),
    "ambitions-due": gettext_lazy("An Ambitions meeting is coming due"),
    "ambitions-overdue": gettext_lazy("An Ambitions meeting is overdue"),
    "action-overdue": gettext_lazy("An action of yours in a family plan is past its date"),
    "people-changed": gettext_lazy("A young person changed how they see the people around them"),
    "people-unsafe": gettext_lazy("A young person said someone makes them feel unsafe"),
    "check-in-low": gettext_lazy("A low wellbeing check-in needs your attention"),
    "check-in-due": gettext_lazy("A wellbeing check-in with a young person is due"),
    "feedback-due": gettext_lazy("Feedback on the service from a young person or family is due"),
    "close-asked": gettext_lazy("A key worker asks you to agree to close a case"),
    "close-answered": gettext_lazy("Your request to close a case has been answered"),
}


def kind_of(key: str) -> str:
    return key.split(":", 1)[0]


def email_text(key: str) -> str:
    """The email's words for a notification key: its kind only, or a plain fallback."""
    return str(EMAIL_TEXT.get(kind_of(key), gettext_lazy("Something in ACT case management needs your attention")))


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
    runs race (the unique constraint decides). Returns how many are new: found by asking which of this
    batch's (person, key) pairs exist already, through the unique constraint's index, not by counting the
    whole table before and after. (Two runs racing may both count the same one as new; it is recorded once.)"""
    new = _not_recorded_yet(messages)
    if new:
        _record(new)
    return len(new)


def _not_recorded_yet(messages: list[Message]) -> list[Message]:
    """The messages whose (person, key) has no notification yet, each pair once (the first message for it):
    one query for the batch on PostgreSQL; on SQLite, one per few hundred (its limit on a query's values)."""
    by_pair: dict[tuple[int, str], Message] = {}
    for message in messages:
        by_pair.setdefault((message.recipient.pk, message.key), message)
    pairs = list(by_pair)
    limit = connection.features.max_query_params
    per_query = max(1, limit // 2) if limit else max(1, len(pairs))
    existing: set[tuple[int, str]] = set()
    for start in range(0, len(pairs), per_query):
        chunk = pairs[start : start + per_query]
        # Both columns of the unique index; it may also find pairs crossed from two messages, which are
        # only looked up in `existing` and never used.
        found = Notification.objects.filter(
            recipient_id__in={recipient for recipient, _key in chunk}, key__in={key for _recipient, key in chunk}
        ).values_list("recipient_id", "key")
        existing.update(found)
    return [message for pair, message in by_pair.items() if pair not in existing]


MESSAGE_LENGTH = Notification._meta.get_field("message").max_length or 300


def _record(messages: list[Message]) -> None:
    # A message names people in their own words (a very long name, say): it is shortened to fit, never refused.
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=m.recipient,
                key=m.key,
                kind=kind_of(m.key),
                message=Truncator(m.message).chars(MESSAGE_LENGTH),
                url=m.url,
                urgent=m.urgent,
            )
            for m in messages
        ],
        ignore_conflicts=True,
    )


def tell(messages: list[Message]) -> None:
    """Something just happened: record the messages now (in the caller's transaction: with the change, or
    not at all), and email them once the change is committed. One insert: no count of the table in the
    request (an email run that finds nothing new costs one query)."""
    if messages:
        _record(messages)
        transaction.on_commit(_queue_emails)


def settle(keys: list[str]) -> int:
    """What the notifications with these keys were about has been dealt with (an interview held): they are
    marked done for everyone told, and move out of the way. Returns how many."""
    return Notification.objects.filter(key__in=keys, done_at__isnull=True).update(done_at=timezone.now())


def _queue_emails() -> None:
    from .tasks import send_emails  # the tasks module imports this one

    try:
        send_emails.delay()
    except Exception:  # the change is saved whatever the broker says; the next reminders run sends the email
        logger.exception("Could not queue the notification emails; the next reminders run will send them.")


@dataclass
class _Group:
    """The notifications of one email: one person, one kind, urgent or not. Only what the email needs is
    kept (the first, how many, the last's key), however long the backlog."""

    first: Notification
    count: int = 0
    last_pk: int = 0


@dataclass
class _Pending:
    groups: dict[tuple[int, str, bool], _Group]
    # Those not to be emailed: the people with no address, and each person's kinds they chose not to have.
    no_address: set[int]
    kinds_off: dict[int, set[str]]
    last_pk: int = 0


def deliver_emails() -> int:
    """Email notifications not emailed yet, to those who want that kind by email: one email per person and
    kind in a run (an email says only the kind, so twelve referrals past their target are one email that
    says twelve, not twelve emails). The whole backlog in one run (a run after an outage may find ten
    thousand), read once. Those not to be emailed are set aside together, with one update. The recipients'
    choices come with the notifications: no query per email but taking it and marking it sent, and one
    connection to the mail server for the run.

    Each email is sent exactly once, whatever stops a run: a group is taken by one update (atomic by itself)
    before it is sent, so two workers never both send it, and marked emailed after. A send that fails gives
    the group back for the next run; a worker killed between taking and sending leaves it taken, and a later
    run takes it again once the taking has lapsed (settings.EMAIL_TAKEN_LAPSE_SECONDS). Only a worker killed
    in the instant between the mail server's acceptance and the marking would send it again.
    Returns how many emails were sent."""
    pending = _pending_groups()
    if not pending.last_pk:
        return 0
    _set_aside_unwanted(pending)
    sent = 0
    now = timezone.now()  # the moment of this run's takings: what it took is what it marks
    with get_connection() as mail_server:
        for (recipient_id, kind, urgent), group in pending.groups.items():
            # Up to the group's last one read: one that came later is left for the next run, one that came
            # in between (committed late) goes in this email, and is counted in it.
            mine = Notification.objects.filter(
                recipient_id=recipient_id, kind=kind, urgent=urgent, pk__lte=group.last_pk, emailed_at__isnull=True
            )
            taken = mine.filter(_free()).update(email_taken_at=now)
            if taken:
                _send_taken(mine.filter(email_taken_at=now), group, taken, connection=mail_server)
                sent += 1
    return sent


def _free() -> Q:
    """Not taken by a run, or taken by one that stopped before sending (its taking has lapsed)."""
    lapsed = timezone.now() - timedelta(seconds=settings.EMAIL_TAKEN_LAPSE_SECONDS)
    return Q(email_taken_at__isnull=True) | Q(email_taken_at__lt=lapsed)


def _send_taken(taken, group: "_Group", count: int, *, connection) -> None:
    try:
        _send(group.first, count, specific=group.count == count == 1, connection=connection)
    except Exception:
        taken.update(email_taken_at=None)  # given back: the next run sends it
        raise
    taken.update(emailed_at=timezone.now())


def _pending_groups() -> _Pending:
    """Every notification not emailed yet, in one query, sorted into the emails they make."""
    pending = _Pending(groups={}, no_address=set(), kinds_off={})
    unemailed = Notification.objects.filter(_free(), emailed_at__isnull=True).select_related("recipient")
    for notification in unemailed.order_by("created_at", "pk").iterator(chunk_size=2000):
        recipient = notification.recipient
        pending.last_pk = max(pending.last_pk, notification.pk)
        if not recipient.email:
            pending.no_address.add(recipient.pk)
        elif notification.kind in (recipient.emails_off or []):
            pending.kinds_off.setdefault(recipient.pk, set()).add(notification.kind)
        else:
            key = (recipient.pk, notification.kind, notification.urgent)
            group = pending.groups.setdefault(key, _Group(first=notification))
            group.count += 1
            group.last_pk = max(group.last_pk, notification.pk)
    return pending


def _set_aside_unwanted(pending: _Pending) -> None:
    """One update: by person and kind (a handful of values), never by notification (thousands of them)."""
    unwanted = Q(recipient_id__in=pending.no_address) if pending.no_address else Q(pk__in=[])
    for recipient_id, kinds in pending.kinds_off.items():
        unwanted |= Q(recipient_id=recipient_id, kind__in=kinds)
    if pending.no_address or pending.kinds_off:
        Notification.objects.filter(unwanted, pk__lte=pending.last_pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )


def _send(first: Notification, count: int, *, specific: bool, connection) -> None:
    urgent = _("Urgent") + ": " if first.urgent else ""
    how_many = f" ({count})" if count > 1 else ""
    send_mail(
        subject=f"ACT: {urgent}{email_text(first.key)}{how_many}",
        message=_email_body(first, count, specific=specific),
        from_email=None,
        recipient_list=[first.recipient.email],
        connection=connection,
    )


def _email_body(notification: Notification, count: int = 1, *, specific: bool = True) -> str:
    """The kind (and how many, when more than one), and a link: to the thing itself for one notification,
    else to the notifications page."""
    what = email_text(notification.key)
    if count > 1:
        what = _("%(what)s: %(count)d of them") % {"what": what, "count": count}
    path = notification.url if specific and notification.url else "/account/notifications/"
    return _(
        "%(what)s.\n\nSign in to see it: %(link)s\n\n"
        "For the young person's safety, this email does not say who or what it is about."
    ) % {"what": what, "link": f"{settings.SITE_URL}{path}"}


def unread(user):
    """The notifications the header counts: not read and not done (a queryset, so that a page that asks the
    database about other things anyway can count these in the same query)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True, done_at__isnull=True)


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return unread(user).count()
