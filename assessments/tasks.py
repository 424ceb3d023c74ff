from celery import shared_task
from django.db import DatabaseError

from accounts.notifications import deliver_emails, notify

from .reminders import due_messages


@shared_task(
    autoretry_for=(DatabaseError, ConnectionError), retry_backoff=True, retry_backoff_max=600, max_retries=None
)
def send_reminders() -> dict:
    """Hourly (beat): record what is due for each person, then email what has not been emailed."""
    created = notify(due_messages())
    emailed = deliver_emails()
    return {"new": created, "emailed": emailed}
