"""Every URL pattern of the project, walked as an anonymous visitor, as a worker of another team, as a
partner agency worker who was not added to the case, as a former manager of the team whose role was
changed, and as a manager who was moved to another team.

The URLs are read from the URLconf, not listed by hand, so a new page is covered the moment it is
mounted. A URL that answers with data must be on PUBLIC below, with the reason it is public.
"""

from dataclasses import dataclass
from types import MappingProxyType

import pytest
from django.conf import settings
from django.db import transaction

from act.urlwalk import SECRET, all_urls, concrete_path, make_rochdale

# Pages anyone may open without signing in, and why.
PUBLIC = {
    "accounts:sign-in": "the way in",
    "accounts:password-reset": "asking for a reset link must work when you cannot sign in",
    "accounts:password-reset-sent": "says only 'check your email'",
    "accounts:password-reset-confirm": "protected by the one-time token in the link",
    "accounts:password-reset-complete": "says only 'password changed'",
    "healthz": "for the load balancer: says only whether the parts answer",
    "shared-link": "young people and carers have no account: the token is the key (see cases.shared_links)",
    "shared-link-page": "a page inside a space link: the same door, the token is the key",
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

LOGIN_PATHS = ("/account/sign-in/", "/admin/login/")


@dataclass(frozen=True)
class Pk:
    pk: int


def _make_world() -> dict:
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.models import User
    from accounts.tests.factories import PartnerFactory, TeamFactory, UserFactory
    from act.testing import sign_in_fully
    from cases.tests.factories import CaseFactory

    team = TeamFactory.create(name="ACT Rochdale")
    key_worker = UserFactory.create(username="worker", first_name="Jo", last_name="Bennett", team=team)
    rochdale = make_rochdale(key_worker)
    other_team = TeamFactory.create(name="ACT Wigan", local_authority="Wigan Council")
    outsider = UserFactory.create(username="outsider", team=other_team)
    CaseFactory.create(given_name="Jordan", team=other_team, key_worker=outsider)  # the outsider's own case
    # Managed ACT Rochdale until their role was changed to ACT worker (with no case of their own).
    demoted_manager = UserFactory.create(username="once-a-manager", role=User.Role.MANAGER, team=team)
    demoted_manager.role = User.Role.ACT_WORKER
    demoted_manager.save()
    # Managed ACT Rochdale until they were moved to manage ACT Wigan.
    moved_manager = UserFactory.create(username="moved-manager", role=User.Role.MANAGER, team=team)
    moved_manager.team = other_team
    moved_manager.save()
    people = {
        "outsider": outsider,
        "partner_without_grant": PartnerFactory.create(username="partner-no-grant"),
        "demoted_manager": demoted_manager,
        "moved_manager": moved_manager,
    }
    # Each person signed in once, with both steps, for every test to take the session of (as each test's
    # transaction is rolled back, each starts from this same session, whatever the one before did with it).
    sessions = {
        who: sign_in_fully(Client(), person).cookies[settings.SESSION_COOKIE_NAME].value
        for who, person in people.items()
    }
    # The key worker, signed in with their password only, who has an authenticator app to give a code from.
    TOTPDevice.objects.create(user=key_worker, name="app", confirmed=True)
    password_only = Client()
    password_only.force_login(key_worker)
    sessions["password_only"] = password_only.cookies[settings.SESSION_COOKIE_NAME].value
    # What the tests read of Rochdale's objects is their pks (for the paths), kept as pks: a test can change
    # none of them, so every test reads the same without a copy of its own.
    pks = {key: Pk(found.pk) for key, found in rochdale.items()}
    return {"rochdale": MappingProxyType(pks), "sessions": MappingProxyType(sessions)}


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker):
    """ACT Rochdale's objects and the people who must see none of them, made once for the module's
    hundreds of tests rather than once for each, as Django's TestCase.setUpTestData does: in a
    transaction of their own that each test's transaction nests in (so each test still starts from
    this same database, whatever the one before it wrote), rolled back once the module is done."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = _make_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield world
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def world(_world, db):
    return _world


@pytest.fixture
def rochdale(world):
    """The pk of one object of each kind in ACT Rochdale, all carrying the SECRET name."""
    return world["rochdale"]


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PATHS)


def test_the_walk_finds_the_pages_we_know():
    names = {name for name, _ in all_urls()}
    assert {"cases:list", "cases:detail", "healthz", "shared-link", "accounts:sign-in", "admin:index"} <= names
    assert not (set(PUBLIC) - names - {"admin:password_reset"}), "PUBLIC lists a page that does not exist"


@pytest.mark.parametrize("name,path", all_urls())
def test_anonymous_visitors_are_sent_to_sign_in(client, rochdale, name, path):
    path = concrete_path(name, path, rochdale)
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        if name in PUBLIC:
            assert SECRET not in response.content.decode(errors="replace")
            continue
        assert _is_login_redirect(response) or response.status_code in (404, 405), (
            f"{method.upper()} {path} ({name}) answered {response.status_code} to an anonymous visitor: "
            "require sign-in, or add it to PUBLIC with the reason"
        )


@pytest.mark.parametrize("who", ["outsider", "partner_without_grant", "demoted_manager", "moved_manager"])
@pytest.mark.parametrize("name,path", all_urls())
def test_people_without_a_grant_get_nothing_of_rochdale(client, world, rochdale, who, name, path):
    client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][who]
    concrete = concrete_path(name, path, rochdale)
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
def test_a_person_who_gave_only_their_password_is_sent_to_the_code_page(client, world, rochdale, name, path):
    client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"]["password_only"]
    concrete = concrete_path(name, path, rochdale)
    for method in ("get", "post"):
        response = getattr(client, method)(concrete)
        assert SECRET not in response.content.decode(errors="replace"), f"{concrete} ({name}) showed Rochdale data"
        if name in PUBLIC or name in BEFORE_TWO_FACTOR:
            continue
        assert response.status_code == 302 and response["Location"].startswith(VERIFY_PATH), (
            f"{method.upper()} {concrete} ({name}) answered {response.status_code} before the second step"
        )
