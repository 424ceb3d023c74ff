from celery import shared_task
from django.db import DatabaseError

from .services import send_due


@shared_task(
    autoretry_for=(DatabaseError, ConnectionError), retry_backoff=True, retry_backoff_max=600, max_retries=None
)
def send_due_requests() -> dict:
    """Every 15 minutes (beat): make and send the check-ins and feedback requests that are due, each once,
    and only inside the hours each person chose. Safe to run twice at once, and after an outage."""
    result = send_due()
    return {"made": result.made, "sent": result.sent, "failed": result.failed}
