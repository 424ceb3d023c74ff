"""Hostile input to signing in, resetting a password (and the email that sends the link), choosing the
new password, and the notifications."""

import re

from django.core import mail
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import Notification

from .checks import assert_clean_emails, attempt
from .inputs import HOSTILE, MISSING, form, pick, text

SIGN_IN = "accounts:sign-in"
PASSWORD = "correct-horse-battery"  # the factories' password


@given(data=form(username=text("worker", exact=True), password=text(PASSWORD, exact=True)), times=st.integers(1, 3))
@HOSTILE
def test_signing_in(key_worker, data, times):
    with attempt(SIGN_IN) as visitor:
        response = visitor.submit(reverse(SIGN_IN), data, times=times)
        if response.status_code == 302:
            visitor.get(reverse("cases:list"))


RESET = "accounts:password-reset"


@given(data=form(email=text("worker@act.example", exact=True)), times=st.integers(1, 2))
@HOSTILE
def test_asking_for_a_password_reset(key_worker, data, times):
    with attempt(RESET) as visitor:
        visitor.submit(reverse(RESET), data, times=times)
        assert_clean_emails()
        assert len(mail.outbox) <= times


CONFIRM = "accounts:password-reset-confirm"


@given(
    data=form(new_password1=text("a-long-new-passphrase"), new_password2=text("a-long-new-passphrase")),
    times=st.integers(1, 2),
)
@HOSTILE
def test_choosing_a_new_password(key_worker, data, times):
    with attempt(CONFIRM) as visitor:
        visitor.post(reverse(RESET), {"email": key_worker.email})
        link = re.search(r"http://testserver(/account/password-reset/\S+/)", mail.outbox[-1].body).group(1)
        form_page = visitor.client.get(link)  # redirects to the same page without the token in it
        assert form_page.status_code == 302
        visitor.submit(form_page["Location"], data, times=times)


@given(data=form(pk=pick("mine", "theirs"), junk=text("")), times=st.integers(1, 2))
@HOSTILE
def test_opening_notifications(key_worker, manager, data, times):
    with attempt("accounts:notification-open", key_worker) as visitor:
        mine = Notification.objects.create(recipient=key_worker, key="k1", message="<b>Review due</b>", url="/cases/")
        theirs = Notification.objects.create(recipient=manager, key="k2", message="Theirs", url="/cases/")
        number = {"mine": mine.pk, "theirs": theirs.pk}.get(data["pk"]) if isinstance(data["pk"], str) else None
        visitor.get(reverse("accounts:notifications"))
        if number is not None:
            response = visitor.post(reverse("accounts:notification-open", args=[number]), data)
            assert response.status_code == (302 if number == mine.pk else 404)
        visitor.submit(reverse("accounts:notifications-read"), data, times=times)
        visitor.get(reverse("accounts:notifications"), {"page": data["junk"]} if data["junk"] is not MISSING else {})
        visitor.submit(reverse("accounts:sign-out"), data)
