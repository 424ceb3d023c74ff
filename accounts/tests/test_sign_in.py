import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User

SIGN_IN = reverse("accounts:sign-in")
PASSWORD = "correct-horse-battery"


def sign_in(client, username, password, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password}, **extra)


def test_sign_in_page_shows_the_form(client):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_a_worker_signs_in_and_lands_on_their_cases(client, key_worker):
    response = sign_in(client, "worker", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(key_worker.pk)


def test_sign_in_goes_back_to_the_page_asked_for(client, key_worker, case):
    wanted = reverse("cases:detail", args=[case.pk])
    response = client.post(f"{SIGN_IN}?next={wanted}", {"username": "worker", "password": PASSWORD})
    assert response["Location"] == wanted


def test_sign_in_never_redirects_to_another_site(client, key_worker):
    response = client.post(f"{SIGN_IN}?next=https://evil.example/", {"username": "worker", "password": PASSWORD})
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize(
    "username,password",
    [("worker", "wrong-password"), ("nobody", PASSWORD), ("", ""), ("worker", ""), ("", PASSWORD), ("x" * 500, "y")],
)
def test_bad_sign_in_is_refused_with_a_clear_message(client, key_worker, username, password):
    response = sign_in(client, username, password)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_deactivated_account_cannot_sign_in(client, key_worker):
    key_worker.is_active = False
    key_worker.save()
    sign_in(client, "worker", PASSWORD)
    assert "_auth_user_id" not in client.session


def test_five_wrong_passwords_lock_the_account_from_that_address(client, key_worker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "worker", "wrong-password")
    response = sign_in(client, "worker", PASSWORD)
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_for_that_username_and_address_only(client, key_worker, manager, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "worker", "wrong-password")
    assert sign_in(client, "manager", PASSWORD).status_code == 302
    client.logout()
    assert sign_in(client, "worker", PASSWORD, REMOTE_ADDR="10.9.8.7").status_code == 302


def test_sign_out_needs_a_post_and_ends_the_session(client_for, key_worker):
    client = client_for(key_worker)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    response = client.post(reverse("accounts:sign-out"))
    assert response["Location"] == SIGN_IN
    assert client.get(reverse("cases:list")).status_code == 302


def test_signed_in_pages_show_who_is_signed_in(client_for, key_worker):
    content = client_for(key_worker).get(reverse("cases:list")).content.decode()
    assert "Jo Bennett, ACT Rochdale" in content
    assert "Sign out" in content


def test_password_reset_by_email(client, key_worker):
    response = client.post(reverse("accounts:password-reset"), {"email": key_worker.email})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    new = "a-much-longer-new-password-2026"
    response = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("accounts:password-reset-complete")
    key_worker.refresh_from_db()
    assert key_worker.check_password(new)
    assert "This link has expired or has been used" in client.get(link, follow=True).content.decode()


def test_the_password_reset_email_is_plain_text_with_the_name_as_it_is(client, key_worker):
    # A plain-text email is not HTML: escaping it would show "O&#x27;Neil" to the reader.
    key_worker.first_name, key_worker.last_name = "Jo", "O'Neil <Bennett>"
    key_worker.save(update_fields=["first_name", "last_name"])

    client.post(reverse("accounts:password-reset"), {"email": key_worker.email})

    (email,) = mail.outbox
    assert email.content_subtype == "plain" and not getattr(email, "alternatives", None)
    assert "Hello Jo O'Neil <Bennett>," in email.body and "&#x27;" not in email.body and "&lt;" not in email.body


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, key_worker):
    response = client.post(reverse("accounts:password-reset"), {"email": "nobody@act.example"})
    assert response["Location"] == reverse("accounts:password-reset-sent")
    assert mail.outbox == []


@pytest.mark.parametrize("email", ["", "not-an-email", "a@" + "b" * 300 + ".com"])
def test_password_reset_rejects_a_bad_email(client, email):
    response = client.post(reverse("accounts:password-reset"), {"email": email})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize(
    "first,second",
    [
        ("short", "short"),
        ("a-much-longer-new-password", "a-different-long-password"),
        ("12345678901234", "12345678901234"),
        ("", ""),
    ],
)
def test_a_weak_or_mismatched_new_password_is_refused(client, key_worker, first, second):
    client.post(reverse("accounts:password-reset"), {"email": key_worker.email})
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": first, "new_password2": second})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    key_worker.refresh_from_db()
    assert key_worker.check_password(PASSWORD)


def test_admin_is_for_administrators_only(client_for, key_worker, administrator):
    key_worker.is_staff = True  # even marked as staff, a worker is not let in
    key_worker.save()
    response = client_for(key_worker).get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login"))
    assert client_for(administrator).get(reverse("admin:index")).status_code == 200


def test_partners_must_belong_to_an_agency(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create(username="p", role=User.Role.PARTNER)
