from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts.notifications import unread_count


def service(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "exit_page_url": settings.EXIT_PAGE_URL,
        # Counted only if a page shows it (the staff header does).
        "unread_notifications": SimpleLazyObject(lambda: unread_count(user)) if user else 0,
    }
