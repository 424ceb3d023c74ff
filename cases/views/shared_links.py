"""The only door for people without an account: /s/<token>/, the same for every kind of link.

Unknown, expired and revoked links all get the same kind page with no data; guessing is slowed down
without locking out anyone else (see `cases.shared_links.throttle`); a passcode agreed with the young
person is asked for where the link has one; every use is recorded. Only then does the app that registered
the link's purpose draw its page (`cases.shared_links`): the door knows nothing of what a link opens.
"""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .. import services, shared_links
from ..forms.shared_links import PasscodeForm
from ..models import LinkUse, SharedLink
from ..shared_links import throttle

Event = LinkUse.Event


def not_working(request, status=404):
    """The page for any link that opens nothing, whatever the reason: it says nothing about the link."""
    return render(request, "cases/shared_links/not_working.html", status=status)


def _slow_down(request):
    response = render(request, "cases/shared_links/slow_down.html", status=429)
    response["Retry-After"] = str(throttle.WINDOW_SECONDS)
    return response


def _session_key(link: SharedLink) -> str:
    return f"shared-link-passcode-ok:{link.pk}"


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def door(request, token: str, page: str = ""):
    link = services.link_find(token)
    if link is None:
        # Only unknown tokens count against an address, and only they are refused for it.
        if throttle.unknown_tokens_blocked(request):
            return _slow_down(request)
        throttle.unknown_token(request)
        return not_working(request)
    address = throttle.address_hash(request)
    purpose = shared_links.purpose(link.purpose)
    # A link of a kind nothing draws (its app removed) is refused like one that has run out.
    # A page inside a link that has none is refused like a link that opens nothing.
    if link.state != SharedLink.State.WORKING or purpose is None or (page and not purpose.pages):
        services.link_used(link=link, event=Event.REFUSED, address_hash=address)
        return not_working(request)

    if link.passcode_hash and not request.session.get(_session_key(link)):
        return _passcode(request, link, address)

    if request.method == "GET":
        services.link_used(link=link, event=Event.OPENED, address_hash=address)
    if purpose.pages:
        return purpose.handler(request, link, address, page)  # type: ignore[call-arg]
    return purpose.handler(request, link, address)  # type: ignore[call-arg]


def _passcode(request, link, address):
    if throttle.passcodes_blocked(link.pk):
        return _slow_down(request)
    error = None
    if request.method == "POST" and request.POST.get("action") == "passcode":
        form = PasscodeForm(request.POST)
        if form.is_valid() and services.link_check_passcode(link, form.cleaned_data["passcode"].strip()):
            # A new session key once the passcode is known: a session fixed before cannot ride on it.
            request.session.cycle_key()
            request.session[_session_key(link)] = True
            services.link_used(link=link, event=Event.PASSCODE_OK, address_hash=address)
            return redirect(request.path)
        services.link_used(link=link, event=Event.WRONG_PASSCODE, address_hash=address)
        error = _("That is not the passcode. Check with your worker if you are not sure.")
    return render(request, "cases/shared_links/passcode.html", {"error": error}, status=400 if error else 200)
