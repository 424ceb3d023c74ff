"""The two-factor pages: setting up an authenticator app, giving a code after the password, and new
backup codes. The first two may be opened before the second step is done (before_two_factor)."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice

from . import two_factor
from .forms import CodeForm, SetUpCodeForm
from .middleware import before_two_factor, redirect_to_step

# The backup codes just made, kept in the session only until the page that shows them is opened.
FRESH_CODES = "two_factor_fresh_codes"
FEW_CODES_LEFT = 3


def next_url(request: HttpRequest) -> str:
    """Where to go once the step is done: the `next` asked for, if it is on this site."""
    url = request.GET.get("next", "")
    allowed = {request.get_host()}
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts=allowed, require_https=request.is_secure()):
        return url
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def still_to_do(request: HttpRequest) -> bool:
    """The person must still give a code before anything else (the header then offers only signing out)."""
    return settings.TWO_FACTOR_REQUIRED and not two_factor.is_verified(request)


@before_two_factor
@never_cache
@require_http_methods(["GET", "POST"])
def set_up(request):
    user = request.user
    if two_factor.has_app(user) and not two_factor.is_verified(request):
        # Changing the app needs a code from the old one (or a backup code) first: the password alone
        # must never be enough to add a device.
        return redirect_to_step("accounts:two-factor-verify", request.get_full_path())
    replacing = two_factor.has_app(user)
    device = two_factor.pending_app(user)
    form = SetUpCodeForm(request.POST or None, user=user, device=device)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_app(user=user, device=device)
        two_factor.mark_verified(request, device)
        request.session[FRESH_CODES] = codes
        messages.success(request, _("Two-factor sign-in is set up. Next time you sign in, use a code from the app."))
        return redirect_to_step("accounts:two-factor-backup-codes", next_url(request))
    context = {
        "form": form,
        "qr": two_factor.qr_svg(device),
        "key": two_factor.manual_key(device),
        "replacing": replacing,
        "still_to_do": still_to_do(request),
    }
    return render(request, "accounts/two_factor_set_up.html", context)


@before_two_factor
@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if two_factor.is_verified(request):
        return redirect(next_url(request))
    if not two_factor.is_enrolled(user):
        return redirect_to_step("accounts:two-factor-set-up", next_url(request))
    form = CodeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        two_factor.mark_verified(request, form.device)
        if isinstance(form.device, StaticDevice):
            _say_codes_left(request, two_factor.backup_codes_left(user))
        if not two_factor.has_app(user):
            return redirect_to_step("accounts:two-factor-set-up", next_url(request))
        return redirect(next_url(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "still_to_do": still_to_do(request)})


def _say_codes_left(request, left: int) -> None:
    message = ngettext(
        "You used a backup code. You have %(left)d left.",
        "You used a backup code. You have %(left)d left.",
        left,
    ) % {"left": left}
    if left < FEW_CODES_LEFT:
        message += " " + _("Make new backup codes from your account page.")
    messages.info(request, message)


@never_cache
@require_http_methods(["GET", "POST"])
def backup_codes(request):
    """GET shows the codes just made, once; without them, it offers to make new ones (POST), which
    replaces every code the person had."""
    user = request.user
    if not two_factor.has_app(user):
        return redirect_to_step("accounts:two-factor-set-up", next_url(request))
    if request.method == "POST":
        request.session[FRESH_CODES] = two_factor.new_backup_codes(user=user)
        return redirect_to_step("accounts:two-factor-backup-codes", next_url(request))
    codes = request.session.pop(FRESH_CODES, None)
    context = {"codes": codes, "left": two_factor.backup_codes_left(user), "next": next_url(request)}
    return render(request, "accounts/two_factor_backup_codes.html", context)
