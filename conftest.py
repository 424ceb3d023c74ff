"""The people every test uses, named once.

- `key_worker` (ACT Rochdale) holds `case`; `manager` manages ACT Rochdale;
- `outsider` is an ACT worker of another team (ACT Wigan) with a case of their own;
- `partner_with_grant` was added to `case`; `partner_without_grant` was not; `viewing_partner` was added to
  `case` to look only;
- `coordinator` is the plan coordinator of `case`;
- `administrator` runs the admin, and is given no case by that.
"""

import os
import re
from urllib.parse import urlsplit

import factory.random
import pytest
from django.core import mail

from accounts.models import User
from accounts.tests.factories import PartnerFactory, TeamFactory, UserFactory
from act.testing import sign_in_fully
from cases import services
from cases.tests.factories import CaseFactory


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL, the tests' commits do not wait for the disk: a test database need not survive a crash of
    the machine, and the browser tests and real workers commit often. What a commit makes visible to the other
    connections is the same."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """pytest-django's test database, except that under pytest-xdist the apps are migrated once per run, not
    once per worker: each worker copies a migrated template (act/testdb.py). `make test`'s run of the access
    policy's tests, alongside, copies the same template."""
    from django.test.utils import setup_databases, teardown_databases

    from act import testdb

    worker, run = testdb.worker(), testdb.run()
    with django_db_blocker.unblock():
        if worker is None:
            made = setup_databases(verbosity=request.config.option.verbose, interactive=False, aliases={"default"})
        else:
            original = testdb.set_up(worker, run=run)
    yield
    with django_db_blocker.unblock():
        if worker is None:
            teardown_databases(made, verbosity=request.config.option.verbose)
        else:
            testdb.tear_down(original)


def pytest_sessionfinish(session):
    """The main process of a pytest-xdist run drops the run's template database once the workers are done."""
    config = session.config
    if getattr(config, "workerinput", None) is None and config.pluginmanager.hasplugin("dsession"):
        from pytest_django.plugin import blocking_manager_key

        from act import testdb

        with config.stash[blocking_manager_key].unblock():
            testdb.drop_template()


@pytest.fixture(autouse=True)
def _same_generated_data_every_run():
    # Faker's names are random: without a fixed seed, a generated surname can match a name a test
    # looks for ("Jordan") and fail one run in hundreds.
    factory.random.reseed_random("act-tests")


# The demo's young people (cases/demo/people.py), by the names an email could give away.
DEMO_YOUNG_PEOPLE = ["Destiny", "Destiny Walker", "Lily", "Lil", "Lily Hughes", "Emily", "Emily Clarke"]
DEMO_YOUNG_PEOPLE += ["Jordan", "Jordan Price", "Mia Roberts", "Tayla Brooks"]


def young_people_named_in(text: str, names) -> list[str]:
    return [name for name in names if name and re.search(rf"\b{re.escape(name)}\b", text)]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Every email any test sends is read, while the test's database is still there: none may name a
    young person (the demo's, or any in the test's database). Email says only what kind of thing needs
    attention."""
    result = yield
    outbox = getattr(mail, "outbox", [])
    if outbox:
        names = list(DEMO_YOUNG_PEOPLE)
        if {"db", "transactional_db"} & set(getattr(item, "fixturenames", ())):
            from cases.models import YoungPerson

            people = YoungPerson.objects.values_list("given_name", "family_name", "preferred_name")
            for given, family, preferred in people:
                names += [given, preferred, f"{given} {family}"]
        for message in outbox:
            alternatives = [body for body, _type in getattr(message, "alternatives", [])]
            found = young_people_named_in("\n".join([message.subject, message.body, *alternatives]), names)
            assert not found, f"an email names a young person ({found}): {message.subject!r}"
    return result


@pytest.fixture(scope="session", autouse=True)
def _a_cache_of_each_test_process():
    """With Redis, each test process keeps its cache (the shared links' rate limit) in a Redis database of
    its own: a test that clears its cache (which empties the whole Redis database) must not reset another
    process's count in the middle of a test."""
    from django.conf import settings
    from django.test import override_settings

    cache = settings.CACHES["default"]
    worker_id = os.environ.get("PYTEST_XDIST_WORKER", "")  # gw0, gw1, ...; none without xdist
    if not cache["BACKEND"].endswith("RedisCache") or not worker_id:
        yield
        return
    url = urlsplit(cache["LOCATION"])
    own = (int(url.path.strip("/") or 0) + 1 + int(worker_id.removeprefix("gw"))) % 16
    with override_settings(CACHES={"default": {**cache, "LOCATION": url._replace(path=f"/{own}").geturl()}}):
        yield


@pytest.fixture(scope="session", autouse=True)
def _private_files_in_a_folder_of_the_run(tmp_path_factory):
    """The photos tests keep go to a folder of this run (cases.photos.PrivateStorage), never to var/."""
    from django.test import override_settings

    with override_settings(PRIVATE_FILES_ROOT=tmp_path_factory.mktemp("private")):
        yield


@pytest.fixture(autouse=True)
def _an_empty_cache(_a_cache_of_each_test_process):
    """Every test starts with an empty cache: what one test counted (the shared links' rate limit, by
    address) must not slow down the next test in the same process."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def team(db):
    return TeamFactory(name="ACT Rochdale")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="ACT Wigan", local_authority="Wigan Council")


@pytest.fixture
def key_worker(team):
    return UserFactory(username="worker", first_name="Jo", last_name="Bennett", team=team)


@pytest.fixture
def manager(team):
    return UserFactory(username="manager", role=User.Role.MANAGER, team=team)


@pytest.fixture
def outsider(other_team):
    return UserFactory(username="outsider", team=other_team)


@pytest.fixture
def outsider_case(outsider):
    return CaseFactory(given_name="Jordan", team=outsider.team, key_worker=outsider)


@pytest.fixture
def case(key_worker):
    return CaseFactory(given_name="Destiny", team=key_worker.team, key_worker=key_worker)


@pytest.fixture
def partner_with_grant(case):
    partner = PartnerFactory(username="partner")
    services.case_add_partner(case=case, partner=partner, contribute=True, by=None, role="Police CSE officer")
    return partner


@pytest.fixture
def viewing_partner(case):
    """A partner on `case` who may look but not add to the record."""
    partner = PartnerFactory(username="viewer")
    services.case_add_partner(case=case, partner=partner, contribute=False, by=None)
    return partner


@pytest.fixture
def coordinator(case):
    """The plan coordinator of `case` (an Innovation social worker or IRO, of no team)."""
    person = UserFactory(username="coordinator", role=User.Role.PLAN_COORDINATOR, team=None)
    services.case_set_plan_coordinator(case=case, coordinator=person, by=None)
    return person


@pytest.fixture
def partner_without_grant(db):
    return PartnerFactory(username="partner-no-grant")


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", role=User.Role.ADMINISTRATOR, team=None, is_staff=True)


@pytest.fixture
def committed(django_capture_on_commit_callbacks, settings):
    """Run a change as a request would: committed, and then what was queued on commit (the emails)."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True

    def run(action):
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


@pytest.fixture
def client_for(client):
    """A test client signed in as the given person, two-factor step included: `client_for(key_worker).get(...)`."""

    def sign_in(user):
        return sign_in_fully(client, user)

    return sign_in


@pytest.fixture
def browser_for(db):
    """A separate test client for each person, signed in (both steps): `browser_for(manager).get(...)`, for tests
    where two people are signed in at once."""
    from django.test import Client

    def sign_in(user):
        return sign_in_fully(Client(), user)

    return sign_in


def pytest_collection_modifyitems(items):
    """Only the browser tests may ask for pytest-playwright's `page`: anywhere else a parameter of that name
    quietly starts a browser for the test (and runs it once per browser)."""
    misnamed = [
        item.nodeid
        for item in items
        if "page" in getattr(item, "fixturenames", ()) and "e2e" not in item.nodeid.split("/")[0]
    ]
    if misnamed:
        raise pytest.UsageError(f"name the parameter for what it is, not `page` (pytest-playwright's): {misnamed[:3]}")
