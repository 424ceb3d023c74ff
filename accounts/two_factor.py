"""Two-factor sign-in with django-otp: one authenticator app (a TOTP device) and one set of backup codes
(a static device) per person. The pages are in two_factor_views.py; the rule that a signed-in person
must pass this step is accounts.middleware.TwoFactorMiddleware. See docs/decisions/0009.
"""

import math
import re
from base64 import b32encode
from dataclasses import dataclass
from typing import Protocol, cast

import segno
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp import verify_token as otp_verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User

APP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
APP_CODE = re.compile(r"\d{6}")
BACKUP_CODE = re.compile(r"[a-z2-7]{8}")  # StaticToken.random_token(): 5 random bytes in base32


def has_app(user: User) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def is_enrolled(user: User) -> bool:
    """Has a confirmed device of any kind (an app, or backup codes alone)."""
    return next(devices_for_user(user, confirmed=True), None) is not None


def pending_app(user: User) -> TOTPDevice:
    """The app being set up: an unconfirmed device, kept until confirmed so that the QR code stays the
    same when the page is opened again."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def manual_key(device: TOTPDevice) -> str:
    """The key as an authenticator app asks for it when typed in: base32, in groups of four."""
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4, dark="#0b0c0c", omitsize=True)


def normalise(code: str) -> str:
    """What people type: spaces and dashes left out, any case."""
    return re.sub(r"[\s-]+", "", code or "").casefold()


@dataclass
class Check:
    device: TOTPDevice | StaticDevice | None = None
    wait_seconds: int = 0  # more than 0: too many wrong codes, nothing was checked

    @property
    def ok(self) -> bool:
        return self.device is not None


def _throttled_for(device) -> int:
    allowed, data = device.verify_is_allowed()
    if allowed or not data or "locked_until" not in data:
        return 0
    return max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))


def check_code(*, user: User, code: str, device: TOTPDevice | StaticDevice) -> Check:
    """Check a code against one device. django-otp's own throttle applies: after each wrong code the
    device refuses every code for twice as long as before (1, 2, 4, 8 ... seconds); a right code clears
    it. Signing in again with the password does not."""
    wait = _throttled_for(device)
    if wait:
        return Check(wait_seconds=wait)
    return Check(device=otp_verify_token(user, device.persistent_id, code))


def device_for_code(user: User, code: str) -> TOTPDevice | StaticDevice | None:
    """Six digits are for the app, eight letters and digits for the backup codes."""
    if APP_CODE.fullmatch(code):
        return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("-pk").first()
    if BACKUP_CODE.fullmatch(code):
        return StaticDevice.objects.devices_for_user(user, confirmed=True).first()
    return None


class _VerifiableUser(Protocol):
    def is_verified(self) -> bool: ...


def is_verified(request: HttpRequest) -> bool:
    """The person gave their second step in this session (or, anonymous, cannot have)."""
    # django-otp's OTPMiddleware gives request.user its is_verified(), which Django's types cannot know.
    return cast(_VerifiableUser, request.user).is_verified()


def mark_verified(request, device) -> None:
    """The second step is done for this session. A new session key, as at sign-in: a key seen before
    the step is no use after it."""
    request.session.cycle_key()
    otp_login(request, device)


@transaction.atomic
def confirm_app(*, user: User, device: TOTPDevice) -> list[str]:
    """The pending app gave a right code: it becomes the person's only app, and they get new backup
    codes (shown once)."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return new_backup_codes(user=user)


@transaction.atomic
def new_backup_codes(*, user: User) -> list[str]:
    """Replace every backup code of this person with BACKUP_CODE_COUNT new ones."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return codes


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def wait_message(seconds: int) -> str:
    if seconds < 120:
        return ngettext(
            "You have entered too many wrong codes. Wait %(n)d second, then try again.",
            "You have entered too many wrong codes. Wait %(n)d seconds, then try again.",
            seconds,
        ) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    if minutes < 120:
        return ngettext(
            "You have entered too many wrong codes. Wait %(n)d minute, then try again.",
            "You have entered too many wrong codes. Wait %(n)d minutes, then try again.",
            minutes,
        ) % {"n": minutes}
    return _("You have entered too many wrong codes. Ask your administrator to reset your two-factor sign-in.")
