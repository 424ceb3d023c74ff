"""When a session was signed in, kept in the session itself, so that SessionLimitMiddleware can end it
SESSION_ABSOLUTE_AGE later however busy it has been (the 30 idle minutes are Django's own expiry)."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.dispatch import receiver

from .models import User

SIGNED_IN_AT = "signed_in_at"


@receiver(user_logged_in, dispatch_uid="accounts.sessions.stamp_sign_in")
def stamp_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = int(time.time())


def is_too_old(session) -> bool:
    """A session with no stamp began before the stamp existed, or some other way than signing in: it is
    treated as too old, so that nobody keeps a session the limit does not apply to."""
    signed_in_at = session.get(SIGNED_IN_AT)
    if not isinstance(signed_in_at, int):
        return True
    return time.time() - signed_in_at > settings.SESSION_ABSOLUTE_AGE


def end_every_session(user: User) -> None:
    """Every session of this person ends: raising the generation changes their session hash, which
    Django checks on every request (the caller signs this request's session out itself)."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
