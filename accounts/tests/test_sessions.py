"""Sessions: a new key at sign-in, 30 minutes without use, 12 hours at most, and "Sign out everywhere"."""

import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.sessions import EXPIRY_REFRESHED_AT, SIGNED_IN_AT
from act.testing import sign_in_fully

SIGN_IN = reverse("accounts:sign-in")
CASES = reverse("cases:list")
EVERYWHERE = reverse("accounts:sign-out-everywhere")
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


def expiry_refreshed_minutes_ago(client, minutes: float) -> str:
    """The session as it is when its 30 minutes last started `minutes` ago; its key."""
    session = client.session
    session[EXPIRY_REFRESHED_AT] = int(time.time() - minutes * 60)
    session.save()
    key = session.session_key
    expires = timezone.now() + timedelta(minutes=30 - minutes)
    Session.objects.filter(session_key=key).update(expire_date=expires)
    return key


def test_every_request_gives_the_session_thirty_more_minutes(client_for, key_worker):
    client = client_for(key_worker)
    key = expiry_refreshed_minutes_ago(client, 29)
    assert client.get(CASES).status_code == 200
    expires = Session.objects.get(session_key=key).expire_date
    assert timedelta(minutes=29) < expires - timezone.now() <= timedelta(minutes=30)


def test_a_request_within_a_minute_of_the_last_refresh_writes_nothing(client_for, key_worker):
    client = client_for(key_worker)
    key = expiry_refreshed_minutes_ago(client, 0.5)
    expires = Session.objects.get(session_key=key).expire_date
    with CaptureQueriesContext(connection) as captured:
        assert client.get(CASES).status_code == 200
    writes = [query["sql"] for query in captured if "django_session" in query["sql"] and "SELECT" not in query["sql"]]
    assert writes == []
    assert Session.objects.get(session_key=key).expire_date == expires


def test_a_request_a_minute_after_the_last_refresh_refreshes_the_expiry(client_for, key_worker):
    client = client_for(key_worker)
    key = expiry_refreshed_minutes_ago(client, 1.1)
    assert client.get(CASES).status_code == 200
    assert Session.objects.get(session_key=key).expire_date - timezone.now() > timedelta(minutes=29, seconds=50)
    assert abs(client.session[EXPIRY_REFRESHED_AT] - time.time()) < 5


def test_an_anonymous_visit_makes_no_session(client, db):
    client.get(SIGN_IN)
    assert not Session.objects.exists()


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


# Sign out everywhere


def test_sign_out_everywhere_asks_first(client_for, key_worker):
    client = client_for(key_worker)
    content = client.get(EVERYWHERE).content.decode()
    assert "Sign out everywhere?" in content and "Yes, sign out everywhere" in content
    assert signed_in(client)
    key_worker.refresh_from_db()
    assert key_worker.session_generation == 0


def test_sign_out_everywhere_ends_the_other_sessions_and_this_one(client_for, key_worker):
    laptop = client_for(key_worker)
    phone = sign_in_fully(Client(), key_worker)
    assert phone.get(CASES).status_code == 200

    response = laptop.post(EVERYWHERE, follow=True)

    assert response.redirect_chain[-1][0] == SIGN_IN
    assert "You have been signed out on every device, this one too." in response.content.decode()
    assert not signed_in(laptop)
    assert phone.get(CASES)["Location"] == f"{SIGN_IN}?next={CASES}"
    assert not signed_in(phone)
    key_worker.refresh_from_db()
    assert key_worker.session_generation == 1


def test_after_signing_out_everywhere_a_new_sign_in_works(client_for, key_worker):
    client_for(key_worker).post(EVERYWHERE)
    again = sign_in_fully(Client(), User.objects.get(pk=key_worker.pk))
    assert again.get(CASES).status_code == 200


def test_sign_out_everywhere_leaves_other_people_signed_in(client_for, key_worker, manager):
    theirs = sign_in_fully(Client(), manager)
    client_for(key_worker).post(EVERYWHERE)
    assert theirs.get(CASES).status_code == 200


def test_adding_the_generation_signed_nobody_out(key_worker):
    # At generation 0 the session hash is Django's own, so sessions from before the field still work.
    assert key_worker.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(key_worker)
    key_worker.session_generation = 1
    assert key_worker.get_session_auth_hash() != AbstractBaseUser.get_session_auth_hash(key_worker)


def test_sessions_made_with_an_old_secret_key_survive_its_rotation(key_worker, settings):
    key_worker.session_generation = 3
    old = key_worker.get_session_auth_hash()
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-for-this-test-only-0123456789abcdefghijklmnop"
    assert key_worker.get_session_auth_hash() != old
    assert old in list(key_worker.get_session_auth_fallback_hash())


# Changing the password


def test_changing_the_password_keeps_this_session_and_ends_the_others(client_for, key_worker):
    laptop = client_for(key_worker)
    phone = sign_in_fully(Client(), key_worker)
    new = "kettle orchard lantern"
    response = laptop.post(
        reverse("accounts:password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("accounts:account")
    assert "Your password has been changed." in response.content.decode()
    key_worker.refresh_from_db()
    assert key_worker.check_password(new)
    assert laptop.get(CASES).status_code == 200
    assert phone.get(CASES)["Location"].startswith(SIGN_IN)
