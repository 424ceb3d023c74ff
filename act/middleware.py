"""The project's own middleware: the headers every page carries, and a limit on the size of a request.

Static files are served by whitenoise before these run, so they keep their cache lifetimes.
"""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.defaults import bad_request

# Browser features no page of the service uses, denied to every page and to anything a page might
# embed. Only names Chromium knows are listed: it warns of an unknown one ("bluetooth", "battery") in the
# console, which the browser tests treat as a failure. Left allowed on purpose: publickey-credentials-*
# (security keys, should two-factor sign-in use them), clipboard-write (copying a link) and fullscreen.
DENIED_FEATURES = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "clipboard-read",
    "display-capture",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy and `Cache-Control: no-store` to every response.

    Every page either shows case data or belongs to a young person's link, so none may be kept by the
    browser or a proxy (a shared or lost device, the back button after signing out). Saying it for every
    response is simpler, and safer, than deciding page by page; the health check says it too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        patch_cache_control(response, no_store=True)
        return response


def declared_length(request) -> int | None:
    """The body's length as the request declares it; None when the header is not a length at all.
    Without a Content-Length (a chunked body, for example) Django reads no body, so it counts as 0."""
    value = request.META.get("CONTENT_LENGTH") or "0"
    return int(value) if value.isascii() and value.isdigit() else None


def _megabytes(size: int) -> str:
    return _("%(size)s MB") % {"size": f"{size / (1024 * 1024):.3g}"}


class RequestSizeLimitMiddleware:
    """Answers 413 to a request whose Content-Length is over settings.MAX_REQUEST_BYTES, before anything
    reads the body: no upload is streamed to memory or to disk, and no view runs. A Content-Length that
    is not a number gets 400.

    The web server in front should refuse such a request first (nginx: `client_max_body_size`); this is
    the application's own limit, for when it is not, or is set too high."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BYTES
        length = declared_length(request)
        if length is None:
            # Django would fail on it later, as a server error; gunicorn and nginx refuse it themselves.
            return self.refuse(bad_request(request, BadRequest("a Content-Length that is not a number")))
        if length > limit:
            # A plain page, rendered without the request: no session or user has been looked at yet.
            page = render_to_string("413.html", {"limit": _megabytes(limit)})
            return self.refuse(HttpResponse(page, status=413))
        return self.get_response(request)

    @staticmethod
    def refuse(response: HttpResponse) -> HttpResponse:
        # These answers come before XFrameOptionsMiddleware, which would otherwise add this.
        response["X-Frame-Options"] = settings.X_FRAME_OPTIONS
        return response
