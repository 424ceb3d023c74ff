"""Messages to young people and families (a check-in, a feedback request, a meeting invitation): one small
module, two backends, chosen in settings by `MESSAGES_BACKEND`:

- "email" (the default): Django's email, through whatever `EMAIL_BACKEND` says. It cannot send texts.
- "notify": GOV.UK Notify, for emails and texts (`NOTIFY_API_KEY`, and one email and one text template in
  the council's Notify account whose whole content is the personalisation fields `((subject))` and
  `((body))`: the wording stays here, under review with the code, not in Notify's pages).

A message never carries a child's details: no name, date of birth, address or anything of the case. It says
what kind of thing is waiting for them and gives the link, whose page then asks for what it needs. Callers
build the words; `check_plain` is the last guard against a name slipping in.
"""

import logging
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

EMAIL = "email"
TEXT = "text"
CHANNELS = (EMAIL, TEXT)


class MessageError(Exception):
    """A message could not be sent (the channel is not available, or the service refused it)."""


@dataclass(frozen=True)
class Message:
    channel: str  # EMAIL or TEXT
    to: str  # an email address or a UK mobile number
    subject: str
    body: str
    # Our own reference for the service's records (a request's number): never anything about the child.
    reference: str = ""
    # Email only (Django's backend): calendar files and the like, as (name, content, mimetype).
    attachments: list[tuple[str, bytes | str, str]] = field(default_factory=list)


class Backend(Protocol):
    def send(self, message: Message) -> None: ...


class EmailBackend:
    """Django's email. Texts need GOV.UK Notify: a text asked of this backend is refused, never dropped."""

    def send(self, message: Message) -> None:
        if message.channel != EMAIL:
            raise MessageError(_("Texts can be sent only when GOV.UK Notify is switched on."))
        email = EmailMessage(subject=message.subject, body=message.body, to=[message.to])
        for name, content, mimetype in message.attachments:
            email.attach(name, content, mimetype)
        email.send()


class NotifyBackend:
    """GOV.UK Notify through its Python client. The client is made per message: it is cheap, and a key
    changed in the environment takes effect without a restart of the workers."""

    def _client(self):
        from notifications_python_client.notifications import NotificationsAPIClient

        if not settings.NOTIFY_API_KEY:
            raise MessageError("NOTIFY_API_KEY is not set")
        return NotificationsAPIClient(settings.NOTIFY_API_KEY)

    def send(self, message: Message) -> None:
        from notifications_python_client.errors import APIError

        client = self._client()
        personalisation = {"subject": message.subject, "body": message.body}
        try:
            if message.channel == TEXT:
                client.send_sms_notification(
                    phone_number=message.to,
                    template_id=settings.NOTIFY_TEXT_TEMPLATE_ID,
                    personalisation=personalisation,
                    reference=message.reference or None,
                )
            else:
                client.send_email_notification(
                    email_address=message.to,
                    template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
                    personalisation=personalisation,
                    reference=message.reference or None,
                )
        except APIError as error:
            # The status and Notify's own words; never the message, which is the person's.
            raise MessageError(f"GOV.UK Notify refused the message: {error.status_code}") from error


BACKENDS: dict[str, type[Backend]] = {"email": EmailBackend, "notify": NotifyBackend}


def backend() -> Backend:
    return BACKENDS[settings.MESSAGES_BACKEND]()


def can_text() -> bool:
    """Whether texts can be sent at all: the pages offer a text only when it is true."""
    return settings.MESSAGES_BACKEND == "notify"


def check_plain(message: Message, *, names: list[str]) -> None:
    """Refuse a message that names the young person (or anyone in `names`): it would leave the service."""
    words = f"{message.subject}\n{message.body}".casefold()
    for name in names:
        if name and len(name) > 1 and name.casefold() in words:
            raise MessageError("A message to a young person or family must not carry a name")


def send(message: Message, *, names: list[str] = ()) -> None:  # type: ignore[assignment]
    """Send one message, or raise MessageError. `names` are the words it must not contain."""
    if message.channel not in CHANNELS:
        raise MessageError(f"Unknown channel {message.channel!r}")
    check_plain(message, names=list(names))
    if message.attachments:
        # GOV.UK Notify carries no calendar file: a message with one always goes by Django's email.
        EmailBackend().send(message)
        return
    backend().send(message)
