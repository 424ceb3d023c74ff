"""Two-factor sign-in: the password, then a code from an authenticator app or a backup code."""

import re
import time
from base64 import b32decode
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor

SIGN_IN = reverse("accounts:sign-in")
VERIFY = reverse("accounts:two-factor-verify")
SET_UP = reverse("accounts:two-factor-set-up")
BACKUP_CODES = reverse("accounts:two-factor-backup-codes")
PASSWORD = "correct-horse-battery"


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the person's app shows now (or `steps_ahead` periods of 30 seconds later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    totp.time = time.time()
    return f"{totp.token():06d}"


def wrong_code_for(device: TOTPDevice) -> str:
    right = {code_for(device, step) for step in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in right)


def password_only(client, user):
    """Signed in with the password through the sign-in page; no code given yet."""
    response = client.post(SIGN_IN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.fixture
def app(key_worker):
    return TOTPDevice.objects.create(user=key_worker, name="Authenticator app", confirmed=True)


@pytest.fixture
def codes(key_worker, app):
    return two_factor.new_backup_codes(user=key_worker)


def is_verified(client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session


# Redirected until the second step is done


def test_after_the_password_every_page_sends_to_the_code_page_keeping_next(client, key_worker, app, case):
    password_only(client, key_worker)
    case_page = reverse("cases:detail", args=[case.pk])
    response = client.get(case_page)
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fcases%2F{case.pk}%2F"
    assert "Destiny" not in response.content.decode()


def test_the_admin_is_behind_the_second_step_too(client, administrator):
    TOTPDevice.objects.create(user=administrator, name="app", confirmed=True)
    password_only(client, administrator)
    response = client.get(reverse("admin:index"))
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    response = client.get(reverse("admin:accounts_user_changelist"))
    assert response["Location"].startswith(VERIFY)


def test_someone_with_no_device_is_sent_to_set_up(client, key_worker):
    password_only(client, key_worker)
    response = client.get(reverse("cases:list"))
    assert response["Location"] == f"{SET_UP}?next=%2Fcases%2F"


def test_sign_in_goes_on_to_the_code_page_then_to_the_page_asked_for(client, key_worker, app, case):
    wanted = reverse("cases:detail", args=[case.pk])
    response = client.post(f"{SIGN_IN}?next={wanted}", {"username": "worker", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == f"{VERIFY}?next=%2Fcases%2F{case.pk}%2F"
    assert "Enter your code" in response.content.decode()
    response = client.post(response.redirect_chain[-1][0], {"code": code_for(app)})
    assert response["Location"] == wanted
    assert client.get(wanted).status_code == 200


def test_public_pages_and_sign_out_work_before_the_second_step(client, key_worker, app):
    password_only(client, key_worker)
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get(reverse("shared-link", args=["no-such-token"])).status_code in (200, 404)
    assert client.get(reverse("accounts:password-reset")).status_code == 200
    assert client.post(reverse("accounts:sign-out"))["Location"] == SIGN_IN
    assert "_auth_user_id" not in client.session


def test_the_code_page_offers_only_signing_out(client, key_worker, app):
    content = password_only(client, key_worker).get(VERIFY).content.decode()
    assert "Sign out" in content
    assert reverse("cases:list") not in content
    assert reverse("accounts:notifications") not in content


# The code page


def test_a_right_code_from_the_app_lets_them_in_and_lasts_for_the_session(client, key_worker, app):
    password_only(client, key_worker)
    key_before = client.session.session_key
    response = client.post(VERIFY, {"code": code_for(app)})
    assert response["Location"] == reverse("home")
    assert client.session[DEVICE_ID_SESSION_KEY] == app.persistent_id
    assert client.session.session_key != key_before, "a new session key once the second step is done"
    for _ in range(3):
        assert client.get(reverse("cases:list")).status_code == 200
    assert client.get(VERIFY)["Location"] == reverse("home")


@pytest.mark.parametrize(
    "typed,message",
    [
        ("", "Enter the 6-digit code from your authenticator app, or a backup code"),
        ("12345", "Enter the 6 digits your authenticator app shows, or a backup code of 8 letters and numbers"),
        ("12 34 56 7", "Enter the 6 digits your authenticator app shows, or a backup code"),
        ("not a code!", "Enter the 6 digits your authenticator app shows, or a backup code"),
        ("x" * 500, "Ensure this value has at most 40 characters"),
    ],
)
def test_a_badly_typed_code_is_refused_with_a_clear_message(client, key_worker, app, typed, message):
    password_only(client, key_worker)
    response = client.post(VERIFY, {"code": typed})
    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content and message in content
    assert not is_verified(client)
    app.refresh_from_db()
    assert app.throttling_failure_count == 0, "a code that cannot be right is not checked, so not counted"


def test_a_wrong_code_is_refused_and_counted(client, key_worker, app):
    password_only(client, key_worker)
    response = client.post(VERIFY, {"code": wrong_code_for(app)})
    assert "That code is not right" in response.content.decode()
    assert not is_verified(client)
    assert client.get(reverse("cases:list"))["Location"].startswith(VERIFY)
    app.refresh_from_db()
    assert app.throttling_failure_count == 1


def test_after_wrong_codes_even_the_right_one_waits(client, key_worker, app):
    app.throttling_failure_count = 5
    app.throttling_failure_timestamp = timezone.now()
    app.save()
    password_only(client, key_worker)
    response = client.post(VERIFY, {"code": code_for(app)})
    assert "You have entered too many wrong codes. Wait 16 seconds, then try again." in response.content.decode()
    assert not is_verified(client)


def test_signing_in_again_with_the_password_does_not_clear_the_count(client, key_worker, app):
    password_only(client, key_worker)
    client.post(VERIFY, {"code": wrong_code_for(app)})
    client.post(reverse("accounts:sign-out"))
    password_only(client, key_worker)
    app.refresh_from_db()
    assert app.throttling_failure_count == 1


def test_the_wait_is_over_once_the_time_has_passed(client, key_worker, app):
    app.throttling_failure_count = 3
    app.throttling_failure_timestamp = timezone.now() - timedelta(seconds=5)
    app.save()
    password_only(client, key_worker)
    client.post(VERIFY, {"code": code_for(app)})
    assert is_verified(client)
    app.refresh_from_db()
    assert app.throttling_failure_count == 0


def test_a_code_from_the_app_works_once(client, key_worker, app):
    code = code_for(app)
    password_only(client, key_worker)
    client.post(VERIFY, {"code": code})
    assert is_verified(client)
    other = client.__class__()
    password_only(other, key_worker)
    response = other.post(VERIFY, {"code": code})
    assert "That code is not right" in response.content.decode()
    assert not is_verified(other)


def test_a_backup_code_works_once_only(client, key_worker, codes):
    password_only(client, key_worker)
    response = client.post(VERIFY, {"code": codes[0].upper()[:4] + " " + codes[0][4:]}, follow=True)
    assert is_verified(client)
    assert "You used a backup code. You have 9 left." in response.content.decode()
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    client.post(reverse("accounts:sign-out"))
    password_only(client, key_worker)
    response = client.post(VERIFY, {"code": codes[0]})
    assert "That code is not right" in response.content.decode()
    assert not is_verified(client)
    # The wrong code made the backup codes wait a second (the throttle); after that the next one works.
    a_moment_ago = timezone.now() - timedelta(seconds=2)
    StaticDevice.objects.filter(user=key_worker).update(throttling_failure_timestamp=a_moment_ago)
    client.post(VERIFY, {"code": codes[1]})
    assert is_verified(client)


def test_someone_elses_backup_code_does_not_work(client, key_worker, app, manager):
    TOTPDevice.objects.create(user=manager, name="app", confirmed=True)
    theirs = two_factor.new_backup_codes(user=manager)
    two_factor.new_backup_codes(user=key_worker)
    password_only(client, key_worker)
    client.post(VERIFY, {"code": theirs[0]})
    assert not is_verified(client)
    assert StaticToken.objects.filter(token=theirs[0]).exists()


def test_the_code_page_never_redirects_to_another_site(client, key_worker, app):
    password_only(client, key_worker)
    response = client.post(f"{VERIFY}?next=https://evil.example/", {"code": code_for(app)})
    assert response["Location"] == reverse("home")


def test_a_removed_device_ends_the_second_step(client_for, key_worker):
    client = client_for(key_worker)
    TOTPDevice.objects.filter(user=key_worker).delete()
    assert client.get(reverse("cases:list"))["Location"] == f"{SET_UP}?next=%2Fcases%2F"


# Setting up an app


def key_on_page(content: str) -> bytes:
    key = re.search(r'id="manual-key">([A-Z2-7 ]+)<', content)
    assert key, "the page shows no key to type in"
    return b32decode(key.group(1).replace(" ", ""))


def test_setting_up_with_a_real_code_then_backup_codes_shown_once(client, key_worker, case):
    password_only(client, key_worker)
    wanted = reverse("cases:detail", args=[case.pk])
    page = client.get(f"{SET_UP}?next={wanted}")
    content = page.content.decode()
    assert page.status_code == 200 and "Set up two-factor sign-in" in content
    assert "<svg" in content and 'role="img"' in content
    key = key_on_page(content)
    pending = TOTPDevice.objects.get(user=key_worker)
    assert pending.bin_key == key and not pending.confirmed
    assert client.get(SET_UP).content.decode().count(content[content.index('id="manual-key"') :][:60]) == 1, (
        "opening the page again shows the same key"
    )

    response = client.post(f"{SET_UP}?next={wanted}", {"code": code_for(pending)})
    assert response["Location"] == f"{BACKUP_CODES}?next=%2Fcases%2F{case.pk}%2F"
    pending.refresh_from_db()
    assert pending.confirmed
    assert is_verified(client)

    shown = client.get(response["Location"]).content.decode()
    stored = set(StaticToken.objects.filter(device__user=key_worker).values_list("token", flat=True))
    assert len(stored) == 10
    assert all(f"<code>{code}</code>" in shown for code in stored)
    assert f'href="{wanted}"' in shown
    again = client.get(BACKUP_CODES).content.decode()
    assert not any(code in again for code in stored), "the codes are shown once"
    assert client.get(wanted).status_code == 200


def test_set_up_refuses_a_wrong_or_backup_shaped_code(client, key_worker):
    password_only(client, key_worker)
    client.get(SET_UP)
    pending = TOTPDevice.objects.get(user=key_worker)
    for typed, message in [
        (wrong_code_for(pending), "That code is not right"),
        ("abcdefgh", "Enter the 6 digits your authenticator app shows"),
        ("", "Enter the 6-digit code your authenticator app shows"),
    ]:
        response = client.post(SET_UP, {"code": typed})
        assert "There is a problem" in response.content.decode() and message in response.content.decode()
    pending.refresh_from_db()
    assert not pending.confirmed
    assert not StaticDevice.objects.filter(user=key_worker).exists()
    assert not is_verified(client)


def test_the_password_alone_cannot_add_an_app_to_an_account_that_has_one(client, key_worker, app):
    password_only(client, key_worker)
    response = client.get(SET_UP)
    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=key_worker).count() == 1
    response = client.post(SET_UP, {"code": "123456"})
    assert response["Location"].startswith(VERIFY)


def test_a_new_app_replaces_the_old_one_and_the_old_codes(client_for, key_worker, codes, app):
    client = client_for(key_worker)
    content = client.get(SET_UP).content.decode()
    assert "Set up a different authenticator app" in content
    new = TOTPDevice.objects.get(user=key_worker, confirmed=False)
    client.post(SET_UP, {"code": code_for(new)})
    assert list(TOTPDevice.objects.filter(user=key_worker)) == [new]
    assert not StaticToken.objects.filter(token__in=codes).exists()
    assert client.session[DEVICE_ID_SESSION_KEY] == new.persistent_id


# New backup codes


def test_new_backup_codes_replace_the_old_ones_and_are_shown_once(client_for, key_worker, codes):
    client = client_for(key_worker)
    page = client.get(BACKUP_CODES).content.decode()
    assert "You have 10 backup codes left." in page and not any(code in page for code in codes)
    response = client.post(BACKUP_CODES)
    assert response["Location"].startswith(BACKUP_CODES)
    new = list(StaticToken.objects.filter(device__user=key_worker).values_list("token", flat=True))
    assert len(new) == 10 and not set(new) & set(codes)
    shown = client.get(response["Location"]).content.decode()
    assert all(code in shown for code in new)
    assert "Print these codes" in shown
    assert not any(code in client.get(BACKUP_CODES).content.decode() for code in new)


def test_new_backup_codes_need_a_post(client_for, key_worker, codes):
    client_for(key_worker).get(BACKUP_CODES)
    assert set(StaticToken.objects.filter(device__user=key_worker).values_list("token", flat=True)) == set(codes)


def test_the_account_page_says_whether_two_factor_is_set_up(client_for, key_worker, codes):
    client = client_for(key_worker)
    content = client.get(reverse("accounts:account")).content.decode()
    assert "Set up" in content and "10 left" in content
    assert BACKUP_CODES in content and reverse("accounts:sign-out-everywhere") in content
    TOTPDevice.objects.filter(user=key_worker).update(confirmed=False)
    StaticDevice.objects.filter(user=key_worker).delete()
    # Without a device the second step is undone: the person is sent to set up an app again.
    assert client.get(reverse("accounts:account"))["Location"].startswith(SET_UP)


def test_the_account_page_shows_not_set_up_where_two_factor_is_off(client_for, key_worker, settings):
    settings.TWO_FACTOR_REQUIRED = False
    client = client_for(key_worker)
    TOTPDevice.objects.filter(user=key_worker).delete()
    content = client.get(reverse("accounts:account")).content.decode()
    assert "Not set up" in content


def test_with_two_factor_off_the_password_is_enough(client, key_worker, settings):
    settings.TWO_FACTOR_REQUIRED = False
    password_only(client, key_worker)
    assert client.get(reverse("cases:list")).status_code == 200
