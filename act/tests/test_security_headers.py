"""The security headers on every URL pattern, for a worker of the team and for an anonymous visitor,
whatever the answer (200, 302, 404, 405, ...); and on the answers no pattern gives: an unknown address,
a server error, a form refused by the CSRF check, a request too large.

See docs/decisions/0010-security-headers.md. The URLs are read from the URLconf (act/urlwalk.py), so a
new page is covered the moment it is mounted.
"""

import re
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from act.middleware import DENIED_FEATURES
from act.testing import sign_in_fully
from act.urlwalk import all_urls, concrete_path, make_rochdale

# The whole policy: a directive added or loosened in settings must be added here, knowingly.
EXPECTED_CSP = {
    "default-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
EXPECTED_HEADERS = {
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

# Markup the policy refuses: a <script> without src, a <style> element, a style attribute.
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def csp_directives(response) -> dict[str, list[str]]:
    directives = {}
    for part in response.headers.get("Content-Security-Policy", "").split(";"):
        name, *values = part.split() or [""]
        if name:
            directives[name] = values
    return directives


def permissions(response) -> dict[str, str]:
    header = response.headers.get("Permissions-Policy", "")
    return dict(item.strip().split("=", 1) for item in header.split(",") if "=" in item)


def header_problems(response) -> list[str]:
    """What is missing or wrong in one response's headers (and, for a page, inline script or style)."""
    problems = []
    if csp_directives(response) != EXPECTED_CSP:
        problems.append(f"Content-Security-Policy is {response.headers.get('Content-Security-Policy')!r}")
    for name, value in EXPECTED_HEADERS.items():
        if response.headers.get(name) != value:
            problems.append(f"{name} is {response.headers.get(name)!r}, not {value!r}")
    allowed = {feature for feature, value in permissions(response).items() if value != "()"}
    denied = set(permissions(response)) - allowed
    if set(DENIED_FEATURES) - denied:
        problems.append(f"Permissions-Policy does not deny {sorted(set(DENIED_FEATURES) - denied)}")
    cache_control = {part.strip().split("=")[0] for part in response.headers.get("Cache-Control", "").split(",")}
    if "no-store" not in cache_control:
        problems.append(f"Cache-Control is {response.headers.get('Cache-Control')!r}, without no-store")
    if response.headers.get("Content-Type", "").startswith("text/html"):
        content = response.content.decode(errors="replace")
        problems += [f"inline script {m.group()!r}" for m in INLINE_SCRIPT.finditer(content)]
        problems += [f"inline style {m.group()!r}" for m in INLINE_STYLE.finditer(content)]
    return problems


def assert_headers(response, what: str = "") -> None:
    problems = header_problems(response)
    assert not problems, f"{what} ({response.status_code}): " + "; ".join(problems)


@pytest.fixture
def rochdale(key_worker):
    return make_rochdale(key_worker)


def test_every_url_pattern_answers_with_the_security_headers(key_worker, rochdale):
    urls = all_urls()
    worker = sign_in_fully(Client(), key_worker)
    anonymous = Client()
    covered, statuses, problems = set(), Counter(), []
    pages_as_worker = 0
    for name, pattern in urls:
        path = concrete_path(name, pattern, rochdale)
        checked = 0
        for who, client in (("anonymous", anonymous), ("worker", worker)):
            for method in ("get", "post"):
                response = getattr(client, method)(path)
                statuses[response.status_code] += 1
                problems += [
                    f"{method.upper()} {path} ({name}) as {who}, {response.status_code}: {problem}"
                    for problem in header_problems(response)
                ]
                checked += 1
                if who == "worker":
                    pages_as_worker += response.status_code == 200
                    if settings.SESSION_COOKIE_NAME in response.cookies:
                        # The answer changed the session: some patterns sign out, one ends every session of
                        # the worker (their session hash changes). Signed in again, as they are now.
                        key_worker.refresh_from_db()
                        sign_in_fully(worker, key_worker)
        if checked == 4:
            covered.add((name, pattern))

    print(f"Security headers checked on {len(covered)} of {len(urls)} URL patterns; answers: {dict(statuses)}")
    assert not problems, "\n".join(problems)
    assert len(covered) == len(urls), f"covered {len(covered)} of {len(urls)} URL patterns"
    # The walk met more than pages that answer 200: the headers are there whatever the answer.
    assert {200, 302, 404, 405} <= set(statuses), statuses
    # The worker stayed signed in all along: their pages answered (over 80), not only the sign-in page (a walk
    # signed out after the first patterns met about 15).
    assert pages_as_worker >= 60, pages_as_worker


def test_an_address_that_matches_no_pattern_has_the_headers(client_for, key_worker):
    for client in (Client(), client_for(key_worker)):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert_headers(response, "/no-such-page/")


def test_the_server_error_page_has_the_headers_and_no_inline_style(client_for, key_worker):
    client = client_for(key_worker)
    client.raise_request_exception = False
    with mock.patch("act.views.render", side_effect=RuntimeError("broken")):
        response = client.get(reverse("healthz"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert_headers(response, "the 500 page")


def test_a_form_refused_by_the_csrf_check_gets_a_plain_page_with_the_headers(key_worker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(key_worker)
    response = client.post(reverse("accounts:notifications-read"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "Sorry, that form could not be sent" in content and "CSRF" not in content
    assert_headers(response, "the CSRF failure page")


def test_a_young_persons_page_says_the_same_referrer_policy_as_the_header(db, client):
    response = client.get(reverse("shared-link", args=["a-token-that-does-not-exist"]))
    assert_headers(response, "a young person's link")
    policy = settings.SECURE_REFERRER_POLICY
    assert response["Referrer-Policy"] == policy
    assert f'<meta name="referrer" content="{policy}">' in response.content.decode()


def test_no_template_has_inline_script_or_style():
    found = []
    for template in sorted(Path(settings.BASE_DIR, "templates").rglob("*.html")):
        text = template.read_text()
        found += [f"{template.name}: {m.group()}" for m in INLINE_SCRIPT.finditer(text)]
        found += [f"{template.name}: {m.group()}" for m in INLINE_STYLE.finditer(text)]
    assert not found, found


def test_static_files_are_served_by_whitenoise_before_no_store_is_added(settings):
    settings.WHITENOISE_USE_FINDERS = True  # the tests have no collected static files otherwise
    response = Client().get(settings.STATIC_URL + "js/frontend-supported.js")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert "Permissions-Policy" not in response.headers
    # SecurityMiddleware is above whitenoise: static files still get its headers.
    assert response["X-Content-Type-Options"] == "nosniff"
