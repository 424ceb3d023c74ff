"""The project's own middleware: the headers every page carries.

Static files are served by whitenoise before this runs, so they keep their cache lifetimes.
"""

from django.utils.cache import patch_cache_control

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
