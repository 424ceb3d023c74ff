"""Every URL pattern of the project, walked as an anonymous visitor and as a worker of another team.

The URLs are read from the URLconf, not listed by hand, so a new page is covered the moment it is
mounted. A URL that answers with data must be on PUBLIC below, with the reason it is public.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# Pages anyone may open without signing in, and why.
PUBLIC = {
    "accounts:sign-in": "the way in",
    "accounts:password-reset": "asking for a reset link must work when you cannot sign in",
    "accounts:password-reset-sent": "says only 'check your email'",
    "accounts:password-reset-confirm": "protected by the one-time token in the link",
    "accounts:password-reset-complete": "says only 'password changed'",
    "healthz": "for the load balancer: says only whether the parts answer",
    "shared-link": "young people and carers have no account: the token is the key (see assessments)",
    "admin:login": "the admin's own sign-in page (the admin is for administrators only)",
    "admin:logout": "signing out reveals nothing",
    "admin:password_reset": "not mounted, listed in case the admin adds it",
    "admin:view_on_site": "redirects only; the object's own page then checks access",
}

# A value for every URL parameter name the project uses. A new parameter name makes the test fail
# until a sample is added here: nothing is skipped silently.
SAMPLES = {
    "pk": "{case_pk}",
    "case_pk": "{case_pk}",
    "link_pk": "1",
    "member_pk": "1",
    "entry_pk": "1",
    "kind": "contact",
    "token": "a-token-that-does-not-exist",
    "uidb64": "MQ",
    "app_label": "accounts",
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "url": "no-such-admin-page/",
}

SECRET = "Rochdale-Only-Name"
LOGIN_PATHS = ("/account/sign-in/", "/admin/login/")


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}{ns}:" if ns else namespace
            yield from _walk(entry, prefix + _fill(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed:{entry.pattern}>"
            yield name, prefix + _fill(entry.pattern)


def _fill(pattern) -> str:
    """Turn one pattern into a concrete path, with a sample for each parameter."""
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: _sample(m.group(1)), str(pattern))
    if isinstance(pattern, RegexPattern):
        text = str(pattern).lstrip("^").rstrip("$").replace("\\Z", "")
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: _sample(m.group(1)), text)
        assert not re.search(r"[\\()\[\]*+?|^$]", text), f"cannot build a URL from the pattern {pattern}"
        return text
    raise AssertionError(f"unknown pattern type {pattern!r}")


def _sample(name: str) -> str:
    assert name in SAMPLES, f"add a sample value for the URL parameter '{name}' to SAMPLES"
    return SAMPLES[name]


def all_urls():
    return sorted(set(_walk(get_resolver())))


@pytest.fixture
def rochdale_case(key_worker):
    from cases.tests.factories import CaseFactory

    return CaseFactory(given_name=SECRET, team=key_worker.team, key_worker=key_worker)


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PATHS)


def test_the_walk_finds_the_pages_we_know():
    names = {name for name, _ in all_urls()}
    assert {"cases:list", "cases:detail", "healthz", "shared-link", "accounts:sign-in", "admin:index"} <= names
    assert not (set(PUBLIC) - names - {"admin:password_reset"}), "PUBLIC lists a page that does not exist"


@pytest.mark.parametrize("name,path", all_urls())
def test_anonymous_visitors_are_sent_to_sign_in(client, rochdale_case, name, path):
    path = "/" + path.format(case_pk=rochdale_case.pk)
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        if name in PUBLIC:
            assert SECRET not in response.content.decode(errors="replace")
            continue
        assert _is_login_redirect(response) or response.status_code in (404, 405), (
            f"{method.upper()} {path} ({name}) answered {response.status_code} to an anonymous visitor: "
            "require sign-in, or add it to PUBLIC with the reason"
        )


@pytest.mark.parametrize("name,path", all_urls())
def test_a_worker_of_another_team_gets_nothing_of_rochdale(client_for, rochdale_case, outsider_case, name, path):
    client = client_for(outsider_case.key_worker)
    concrete = "/" + path.format(case_pk=rochdale_case.pk)
    response = client.get(concrete)
    assert SECRET not in response.content.decode(errors="replace"), f"GET {concrete} ({name}) showed a Rochdale case"
    if "{case_pk}" in path:
        assert response.status_code == 404, f"GET {concrete} ({name}) answered {response.status_code}, not 404"
    elif name.startswith("admin:") and name not in PUBLIC:
        assert _is_login_redirect(response), f"the admin let a worker in at {concrete}"
