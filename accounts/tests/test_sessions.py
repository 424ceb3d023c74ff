"""Sessions: a new key at sign-in, 30 minutes without use, 12 hours at most."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import SIGNED_IN_AT

SIGN_IN = reverse("accounts:sign-in")
CASES = reverse("cases:list")
PASSWORD = "correct-horse-battery"


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_the_session_key_changes_at_sign_in(client, key_worker):
    before = client.session  # a session from before signing in, as a visitor would have
    before["seen"] = True
    before.save()
    key_before = before.session_key
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == key_before

    client.post(SIGN_IN, {"username": "worker", "password": PASSWORD})

    key_after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert key_after != key_before
    assert not Session.objects.filter(session_key=key_before).exists(), "the old key opens nothing"
    assert client.session["_auth_user_id"] == str(key_worker.pk)


def test_sign_in_records_when(client, key_worker):
    client.post(SIGN_IN, {"username": "worker", "password": PASSWORD})
    assert abs(client.session[SIGNED_IN_AT] - time.time()) < 5


def test_thirty_minutes_without_use_end_the_session():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_every_request_gives_the_session_thirty_more_minutes(client_for, key_worker):
    client = client_for(key_worker)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    assert client.get(CASES).status_code == 200
    expires = Session.objects.get(session_key=key).expire_date
    assert timedelta(minutes=29) < expires - timezone.now() <= timedelta(minutes=30)


def test_an_idle_session_ends(client_for, key_worker):
    client = client_for(key_worker)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(CASES)["Location"] == f"{SIGN_IN}?next={CASES}"


def signed_in_hours_ago(client, hours: float):
    session = client.session
    session[SIGNED_IN_AT] = int(time.time() - hours * 3600)
    session.save()


def test_twelve_hours_after_signing_in_the_session_ends_however_busy(client_for, key_worker):
    client = client_for(key_worker)
    signed_in_hours_ago(client, 11.9)
    assert client.get(CASES).status_code == 200
    signed_in_hours_ago(client, 12.01)
    response = client.get(CASES)
    assert response["Location"] == f"{SIGN_IN}?next={CASES}"
    assert not signed_in(client)
    page = client.get(response["Location"]).content.decode()
    assert "You have been signed out because you signed in more than 12 hours ago. Sign in again to carry on." in page


def test_a_session_with_no_sign_in_time_is_ended(client_for, key_worker):
    client = client_for(key_worker)
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    assert client.get(CASES)["Location"].startswith(SIGN_IN)
    assert not signed_in(client)


def test_an_old_session_on_a_public_page_goes_on_signed_out(client_for, key_worker):
    client = client_for(key_worker)
    signed_in_hours_ago(client, 13)
    assert client.get(reverse("healthz")).status_code == 200
    assert not signed_in(client)
