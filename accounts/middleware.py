"""The limits on a signed-in session: at most SESSION_ABSOLUTE_AGE after signing in."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import ngettext

from . import sessions


def _is_public(view_func) -> bool:
    # The views marked @login_not_required, as Django's LoginRequiredMiddleware reads them.
    return not getattr(view_func, "login_required", True)


class SessionLimitMiddleware:
    """Signs out a session started more than SESSION_ABSOLUTE_AGE ago, however busy it has been. On a page
    that needs signing in, the person lands on the sign-in page with a message saying why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or not sessions.is_too_old(request.session):
            return None
        logout(request)
        if _is_public(view_func):
            return None
        hours = settings.SESSION_ABSOLUTE_AGE // 3600
        message = ngettext(
            "You have been signed out because you signed in more than %(hours)d hour ago. Sign in again to carry on.",
            "You have been signed out because you signed in more than %(hours)d hours ago. Sign in again to carry on.",
            hours,
        )
        messages.info(request, message % {"hours": hours})
        return redirect_to_login(request.get_full_path())
