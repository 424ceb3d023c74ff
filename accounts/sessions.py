"""When a session was signed in, kept in the session itself, so that SessionLimitMiddleware can end it
SESSION_ABSOLUTE_AGE later however busy it has been (the 30 idle minutes are Django's own expiry); and
when its expiry last started again, so that a request writes the session only when there is a reason."""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.dispatch import receiver

from .models import User

SIGNED_IN_AT = "signed_in_at"
EXPIRY_REFRESHED_AT = "expiry_refreshed_at"
# Writing the session on every request cost three queries a page; once a minute at most keeps the
# 30 idle minutes true to within a minute (a session ends between 29 and 30 minutes without use).
EXPIRY_REFRESH_INTERVAL = 60


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


def refresh_expiry_when_due(session) -> None:
    """Start the session's 30 minutes again if they were last started more than a minute ago, or if the
    session is being written anyway: changing it is what makes Django's middleware save it, with a new
    expiry. A session that is empty, or was ended in this request, is left alone (nothing to keep)."""
    if session.session_key is None or session.is_empty():
        return
    now = int(time.time())
    refreshed_at = session.get(EXPIRY_REFRESHED_AT)
    stale = not isinstance(refreshed_at, int) or now - refreshed_at >= EXPIRY_REFRESH_INTERVAL
    if stale or session.modified:
        session[EXPIRY_REFRESHED_AT] = now


def end_every_session(user: User) -> None:
    """Every session of this person ends: raising the generation changes their session hash, which
    Django checks on every request (the caller signs this request's session out itself)."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
