"""Hostile input to signing in (the password, then the two-factor code), setting up an authenticator app,
resetting a password (and the email that sends the link), choosing a new password, changing it, signing
out everywhere, new backup codes, and the notifications."""

import re
import time

from django.core import mail
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import given
from hypothesis import strategies as st

from accounts import two_factor
from accounts.models import Notification
from accounts.notifications import EMAIL_TEXT

from .checks import assert_clean_emails, attempt
from .inputs import HOSTILE, MISSING, Field, bad, chosen, form, hostile_text, pick, text

SIGN_IN = "accounts:sign-in"
PASSWORD = "correct-horse-battery"  # the factories' password
NEW_PASSWORD = "lantern orbit pebble"


def code_for(device: TOTPDevice) -> str:
    """The code the person's app shows now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():06d}"


@given(data=form(username=text("worker", exact=True), password=text(PASSWORD, exact=True)), times=st.integers(1, 3))
@HOSTILE
def test_signing_in(key_worker, data, times):
    with attempt(SIGN_IN) as visitor:
        response = visitor.submit(reverse(SIGN_IN), data, times=times)
        if response.status_code == 302:
            visitor.get(response["Location"], ok=False)  # the second step


VERIFY = "accounts:two-factor-verify"
code = form(code=pick("app", "backup"))


@given(data=code, times=st.integers(1, 2))
@HOSTILE
def test_giving_the_code_after_the_password(key_worker, data, times):
    with attempt(VERIFY) as visitor:
        app = TOTPDevice.objects.create(user=key_worker, name="Authenticator app", confirmed=True)
        backup = two_factor.new_backup_codes(user=key_worker)[0]
        visitor.post(reverse(SIGN_IN), {"username": "worker", "password": PASSWORD})
        data = {"code": chosen(data["code"], {"app": code_for(app), "backup": backup})}
        response = visitor.submit(reverse(VERIFY), data, times=times)
        if response.status_code == 302:
            visitor.get(reverse("cases:list"))


SET_UP = "accounts:two-factor-set-up"


@given(data=form(code=pick("app")), times=st.integers(1, 2))
@HOSTILE
def test_setting_up_the_authenticator_app(key_worker, data, times):
    with attempt(SET_UP) as visitor:
        visitor.post(reverse(SIGN_IN), {"username": "worker", "password": PASSWORD})
        visitor.get(reverse(SET_UP))
        pending = TOTPDevice.objects.get(user=key_worker, confirmed=False)
        response = visitor.submit(
            reverse(SET_UP), {"code": chosen(data["code"], {"app": code_for(pending)})}, times=times
        )
        if response.status_code == 302:
            visitor.get(response["Location"])  # the backup codes, shown once


RESET = "accounts:password-reset"


@given(data=form(email=text("worker@act.example", exact=True)), times=st.integers(1, 2))
@HOSTILE
def test_asking_for_a_password_reset(key_worker, data, times):
    with attempt(RESET) as visitor:
        visitor.submit(reverse(RESET), data, times=times)
        assert_clean_emails()
        assert len(mail.outbox) <= times


CONFIRM = "accounts:password-reset-confirm"
new_passwords = {"new_password1": text(NEW_PASSWORD), "new_password2": text(NEW_PASSWORD)}


@given(data=form(**new_passwords), times=st.integers(1, 2))
@HOSTILE
def test_choosing_a_new_password(key_worker, data, times):
    with attempt(CONFIRM) as visitor:
        visitor.post(reverse(RESET), {"email": key_worker.email})
        link = re.search(r"http://testserver(/account/password-reset/\S+/)", mail.outbox[-1].body).group(1)
        form_page = visitor.client.get(link)  # redirects to the same page without the token in it
        assert form_page.status_code == 302
        visitor.submit(form_page["Location"], data, times=times)


CHANGE = "accounts:password-change"


@given(data=form(old_password=text(PASSWORD, exact=True), **new_passwords), times=st.integers(1, 2))
@HOSTILE
def test_changing_the_password(key_worker, data, times):
    with attempt(CHANGE, key_worker) as visitor:
        response = visitor.submit(reverse(CHANGE), data, times=times)
        if response.status_code == 302:
            visitor.get(reverse("accounts:account"), ok=False)


def notifications_of(key_worker, manager, choice):
    """A notification of the key worker's and one of the manager's, and the number the visitor sends: the key
    worker's, the manager's, or none (the field was left out or mangled)."""
    mine = Notification.objects.create(recipient=key_worker, key="k1", message="<b>Review due</b>", url="/cases/")
    theirs = Notification.objects.create(recipient=manager, key="k2", message="Theirs", url="/cases/")
    number = {"mine": mine.pk, "theirs": theirs.pk}.get(choice) if isinstance(choice, str) else None
    return mine, theirs, number


@given(data=form(pk=pick("mine", "theirs"), junk=text("")), times=st.integers(1, 2))
@HOSTILE
def test_notifications_backup_codes_and_signing_out(key_worker, manager, data, times):
    with attempt("accounts:notification-open", key_worker) as visitor:
        mine, _theirs, number = notifications_of(key_worker, manager, data["pk"])
        visitor.get(reverse("accounts:notifications"))
        if number is not None:
            response = visitor.post(reverse("accounts:notification-open", args=[number]), data)
            assert response.status_code == (302 if number == mine.pk else 404)
        visitor.submit(reverse("accounts:notifications-read"), data, times=times)
        visitor.get(reverse("accounts:notifications"), {"page": data["junk"]} if data["junk"] is not MISSING else {})
        visitor.get(reverse("accounts:account"))
        visitor.submit(reverse("accounts:two-factor-backup-codes"), data, times=times)
        visitor.get(reverse("accounts:two-factor-backup-codes"))
        visitor.submit(reverse("accounts:sign-out-everywhere"), data, times=times)


@given(data=form(pk=pick("mine", "theirs")), times=st.integers(1, 2))
@HOSTILE
def test_marking_a_notification_done(key_worker, manager, data, times):
    with attempt("accounts:notification-done", key_worker) as visitor:
        mine, theirs, number = notifications_of(key_worker, manager, data["pk"])
        if number is not None:
            for _ in range(times):
                response = visitor.post(reverse("accounts:notification-done", args=[number]), data)
                assert response.status_code == (302 if number == mine.pk else 404)
        theirs.refresh_from_db()
        assert theirs.done_at is None
        visitor.get(reverse("accounts:notifications"))
        visitor.get(reverse("accounts:notifications"), {"done": "1"})


kinds = Field(
    st.lists(st.sampled_from(list(EMAIL_TEXT)), max_size=len(EMAIL_TEXT), unique=True),
    bad(st.lists(st.one_of(st.sampled_from(list(EMAIL_TEXT)), hostile_text), min_size=1, max_size=4)),
)


@given(data=form(emailed=kinds), times=st.integers(1, 2))
@HOSTILE
def test_choosing_which_notifications_come_by_email(key_worker, data, times):
    with attempt("accounts:email-choices", key_worker) as visitor:
        response = visitor.submit(reverse("accounts:email-choices"), data, times=times)
        key_worker.refresh_from_db()
        assert set(key_worker.emails_off) <= set(EMAIL_TEXT)
        if response.status_code == 302:
            ticked = data["emailed"] if isinstance(data["emailed"], list) else []
            assert set(key_worker.emails_off) == set(EMAIL_TEXT) - set(ticked)
        visitor.get(reverse("accounts:account"))
