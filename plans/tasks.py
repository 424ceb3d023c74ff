from celery import shared_task
from django.db import DatabaseError

from . import invitations


@shared_task(autoretry_for=(DatabaseError, ConnectionError, OSError), retry_backoff=True, max_retries=5)
def send_invitations(meeting_pk: int, kind: str, attendee_pks: list[int] | None = None) -> int:
    """Queued once a meeting is planned, changed or cancelled. A retry after a mail server failed part way
    sends again to everyone in the list: a second copy of a calendar entry with the same UID and SEQUENCE
    replaces the first in the calendar, so that is harmless."""
    return invitations.send(meeting_pk, kind, attendee_pks)
