"""The limits on a signed-in session: at most SESSION_ABSOLUTE_AGE after signing in, and, when two-factor
sign-in is required, nothing but the second step until it is done."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import urlencode
from django.utils.translation import ngettext

from . import sessions, two_factor


def before_two_factor(view):
    """Mark a view that a signed-in person may open before the second step: the two-factor pages
    themselves and signing out."""
    view.before_two_factor = True
    return view


def _is_public(view_func) -> bool:
    # The views marked @login_not_required, as Django's LoginRequiredMiddleware reads them.
    return not getattr(view_func, "login_required", True)


class SessionLimitMiddleware:
    """Signs out a session started more than SESSION_ABSOLUTE_AGE ago, however busy it has been. On a page
    that needs signing in, the person lands on the sign-in page with a message saying why. On the way out,
    starts the session's 30 idle minutes again when they are due (see accounts.sessions): Django's session
    middleware, which runs after this one on the way out, then saves it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        sessions.refresh_expiry_when_due(request.session)
        return response

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


class TwoFactorMiddleware:
    """With TWO_FACTOR_REQUIRED, a person who signed in with their password but has not yet given a code
    reaches only the two-factor pages, signing out and the public views. Anything else (the admin too)
    sends them to the code page, or to setting up an app if they have no device yet, and back after."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.TWO_FACTOR_REQUIRED:
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if _is_public(view_func) or getattr(view_func, "before_two_factor", False):
            return None
        step = "accounts:two-factor-verify" if two_factor.is_enrolled(user) else "accounts:two-factor-set-up"
        return redirect_to_step(step, request.get_full_path())


def redirect_to_step(step: str, next_url: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{resolve_url(step)}?{urlencode({'next': next_url})}")
