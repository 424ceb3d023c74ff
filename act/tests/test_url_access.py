"""Every URL pattern of the project, walked as an anonymous visitor, as a worker of another team and as
a partner agency worker who was not added to the case.

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

# Pages a person who gave their password, but not yet a code, may open (besides PUBLIC), and why.
BEFORE_TWO_FACTOR = {
    "accounts:two-factor-verify": "where the code is given",
    "accounts:two-factor-set-up": "where an app is set up; it sends anyone who has one to the code page",
    "accounts:sign-out": "signing out is always possible",
}
VERIFY_PATH = "/account/two-factor/verify/"

# A value for every URL parameter name the project uses. A new parameter name makes the test fail
# until a sample is added here: nothing is skipped silently.
SAMPLES = {
    "pk": "{pk}",  # the Rochdale object of the URL's area: a case, a referral or a referral import
    "case_pk": "{case_pk}",
    "link_pk": "1",
    "member_pk": "1",
    "entry_pk": "1",
    "contribution_pk": "1",
    "proposal_pk": "1",
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
def rochdale(key_worker):
    """One object of each kind in ACT Rochdale, all carrying the SECRET name."""
    from cases.models import ReferralImport
    from cases.tests.factories import CaseFactory, ReferralFactory

    team = key_worker.team
    case = CaseFactory(given_name=SECRET, team=team, key_worker=key_worker)
    referral = ReferralFactory(team=team, given_name=SECRET, created_by=key_worker)
    upload = ReferralImport.objects.create(team=team, created_by=key_worker, file_name=f"{SECRET}.csv", content=SECRET)
    return {"case": case, "referral": referral, "import": upload}


def _concrete(name: str, path: str, objects) -> str:
    if name.startswith("referrals:import"):
        pk = objects["import"].pk
    elif name.startswith("referrals:"):
        pk = objects["referral"].pk
    else:
        pk = objects["case"].pk
    return "/" + path.format(pk=pk, case_pk=objects["case"].pk)


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PATHS)


def test_the_walk_finds_the_pages_we_know():
    names = {name for name, _ in all_urls()}
    assert {"cases:list", "cases:detail", "healthz", "shared-link", "accounts:sign-in", "admin:index"} <= names
    assert not (set(PUBLIC) - names - {"admin:password_reset"}), "PUBLIC lists a page that does not exist"


@pytest.mark.parametrize("name,path", all_urls())
def test_anonymous_visitors_are_sent_to_sign_in(client, rochdale, name, path):
    path = _concrete(name, path, rochdale)
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        if name in PUBLIC:
            assert SECRET not in response.content.decode(errors="replace")
            continue
        assert _is_login_redirect(response) or response.status_code in (404, 405), (
            f"{method.upper()} {path} ({name}) answered {response.status_code} to an anonymous visitor: "
            "require sign-in, or add it to PUBLIC with the reason"
        )


@pytest.mark.parametrize("who", ["outsider", "partner_without_grant"])
@pytest.mark.parametrize("name,path", all_urls())
def test_people_without_a_grant_get_nothing_of_rochdale(request, client_for, rochdale, outsider_case, who, name, path):
    client = client_for(request.getfixturevalue(who))
    concrete = _concrete(name, path, rochdale)
    response = client.get(concrete)
    if response.status_code == 405:  # a POST-only view: the POST must not find the object either
        response = client.post(concrete, {})
    assert SECRET not in response.content.decode(errors="replace"), f"{concrete} ({name}) showed Rochdale data"
    # The admin first: its own pages with a {pk} (django-otp's device pages) send a worker to the
    # admin's sign-in before looking anything up.
    if name.startswith("admin:") and name not in PUBLIC:
        assert _is_login_redirect(response), f"the admin let a worker in at {concrete}"
    elif "{pk}" in path or "{case_pk}" in path:
        assert response.status_code == 404, f"{concrete} ({name}) answered {response.status_code}, not 404"


@pytest.mark.parametrize("name,path", all_urls())
def test_a_person_who_gave_only_their_password_is_sent_to_the_code_page(client, rochdale, name, path):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=rochdale["case"].key_worker, name="app", confirmed=True)
    client.force_login(rochdale["case"].key_worker)
    concrete = _concrete(name, path, rochdale)
    for method in ("get", "post"):
        response = getattr(client, method)(concrete)
        assert SECRET not in response.content.decode(errors="replace"), f"{concrete} ({name}) showed Rochdale data"
        if name in PUBLIC or name in BEFORE_TWO_FACTOR:
            continue
        assert response.status_code == 302 and response["Location"].startswith(VERIFY_PATH), (
            f"{method.upper()} {concrete} ({name}) answered {response.status_code} before the second step"
        )
