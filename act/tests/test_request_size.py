"""A request larger than MAX_REQUEST_BYTES is refused with 413 before its body is read
(act/middleware.py). The largest request the service needs, a 5 MB referral import, is tested in
cases/tests/referral_import/test_reading.py."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIRequest
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from act.middleware import declared_length
from act.tests.test_security_headers import assert_headers
from act.tests.test_settings import PRODUCTION, run_django
from cases import referral_import
from cases.models import ReferralImport

MB = 1024 * 1024


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body of a request too large was read")

    readline = readinto = read


@pytest.fixture
def manager_client(client_for, team):
    return client_for(UserFactory(username="import-manager", role=User.Role.MANAGER, team=team))


def test_the_default_limit_leaves_room_for_a_5_mb_import_and_its_form():
    assert settings.MAX_REQUEST_BYTES == 6 * MB
    assert settings.MAX_REQUEST_BYTES - referral_import.MAX_FILE_BYTES >= 512 * 1024
    # The non-file part of a form stays well under the limit; uploads stay in memory within it.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < settings.MAX_REQUEST_BYTES
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE == settings.MAX_REQUEST_BYTES


def test_the_limit_is_read_from_the_environment():
    code = "from django.conf import settings; print(settings.MAX_REQUEST_BYTES, settings.FILE_UPLOAD_MAX_MEMORY_SIZE)"
    result = run_django(code, {**PRODUCTION, "MAX_REQUEST_BYTES": "8388608"})
    assert result.stdout.split() == ["8388608", "8388608"], result.stderr


def test_an_import_over_the_limit_gets_413_and_nothing_is_stored(manager_client):
    too_big = b"council_reference\r\n" + b"x" * settings.MAX_REQUEST_BYTES

    response = manager_client.post(
        reverse("referrals:import"), {"file": SimpleUploadedFile("referrals.csv", too_big, "text/csv")}
    )

    assert response.status_code == 413
    content = response.content.decode()
    assert "Sorry, that was too large to send" in content and "at most 6 MB" in content
    assert_headers(response, "the 413 page")
    assert not ReferralImport.objects.exists()


def test_the_body_is_never_read(manager_client):
    response = manager_client.generic(
        "POST",
        reverse("referrals:import"),
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1),
        **{"wsgi.input": UnreadableBody()},
    )
    assert response.status_code == 413
    assert not ReferralImport.objects.exists()


def test_an_anonymous_visitor_gets_413_before_sign_in_is_asked_for(db):
    response = Client().generic(
        "POST", reverse("cases:list"), CONTENT_LENGTH=str(10 * MB), **{"wsgi.input": UnreadableBody()}
    )
    assert response.status_code == 413


def test_a_request_at_the_limit_is_let_through_and_one_byte_over_is_not(settings, db):
    settings.MAX_REQUEST_BYTES = 2000
    client = Client()
    sign_in = reverse("accounts:sign-in")
    form = "username=someone&password=wrong&padding="

    at_the_limit = client.post(
        sign_in, form + "x" * (2000 - len(form)), content_type="application/x-www-form-urlencoded"
    )
    over = client.post(sign_in, form + "x" * (2001 - len(form)), content_type="application/x-www-form-urlencoded")

    assert at_the_limit.status_code == 200  # the sign-in page again, with its error
    assert over.status_code == 413


@pytest.mark.parametrize("value", [None, ""])
def test_without_a_content_length_django_reads_no_body_so_there_is_nothing_to_limit(value):
    """A chunked body has no Content-Length: Django, under WSGI, then reads none of it (request.body is
    empty), so no form is filled and nothing is stored. The web server's limit applies to it too."""
    body = b"username=someone&" + b"x" * (2 * settings.MAX_REQUEST_BYTES)
    environ = RequestFactory()._base_environ(
        REQUEST_METHOD="POST", CONTENT_TYPE="application/x-www-form-urlencoded", **{"wsgi.input": io.BytesIO(body)}
    )
    environ.pop("CONTENT_LENGTH", None)
    if value is not None:
        environ["CONTENT_LENGTH"] = value
    request = WSGIRequest(environ)
    assert declared_length(request) == 0
    assert request.body == b""
    assert not request.POST


@pytest.mark.parametrize("value", ["not-a-number", "-1", "12 "])
def test_a_content_length_that_is_not_a_length_gets_400_and_the_body_is_not_read(db, value):
    response = Client().generic(
        "POST", reverse("accounts:sign-in"), CONTENT_LENGTH=value, **{"wsgi.input": UnreadableBody()}
    )
    assert response.status_code == 400
    assert_headers(response, "the 400 page")


def test_the_limit_comes_before_anything_that_reads_the_body():
    middleware = settings.MIDDLEWARE
    limit = middleware.index("act.middleware.RequestSizeLimitMiddleware")
    assert limit < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    assert limit < middleware.index("django.middleware.csrf.CsrfViewMiddleware")
    # ... and after the middleware that add the headers, so that the 413 page has them too.
    assert limit > middleware.index("act.middleware.SecurityHeadersMiddleware")
    assert limit > middleware.index("csp.middleware.CSPMiddleware")
