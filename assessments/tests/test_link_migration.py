"""Links made before the shared link moved down into `cases` keep working after it: the same token opens
the same words, with its passcode and its uses; and the migration goes back as well as forward.

Migrating every app back to before the move and forward again is most of the time these tests take, so the
module does it once, for both: a link made as links are made now is taken back to before the move (where
what it became is read), a link is made in the tables of before the move, and everything goes forward
again. Each test then checks its own link, in a transaction of its own, so neither sees what the other
wrote."""

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta

import factory.random
import pytest
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import TeamFactory, UserFactory
from assessments import services
from assessments.models import Contribution
from assessments.sections import Audience, SectionKind
from cases import services as case_services
from cases.models import Case, LinkUse, SharedLink
from cases.tests.factories import CaseFactory

BEFORE = [("assessments", "0003_link_use_write_more"), ("cases", "0009_referral_consent_and_anything_else")]
TOKEN = "a-link-made-before-the-move-" + "x" * 20
PASSCODE = "purple cat"
FAST_HASHING = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # as every test has (conftest.py)


def migrate(targets) -> None:
    # A fresh executor: it reads what is applied now.
    MigrationExecutor(connection).migrate(targets)


def models_at(targets):
    """The models as they are at `targets`."""
    return MigrationExecutor(connection).loader.project_state(targets).apps


@dataclass(frozen=True)
class OldLink:
    """What the tests read of a link made in the tables of before the move (a model of then cannot be
    copied: its class exists only in the migrations' state)."""

    pk: int
    created_at: datetime


@dataclass
class Moved:
    case: Case
    key_worker: User
    # A link made in the tables of before the move (`old`, as it was made there), to Destiny's "About me".
    words: Contribution
    old: OldLink
    # A link made after the move, to her "Family and home", and what it was once migrated back.
    words_back: Contribution
    made: SharedLink
    made_token: str
    back: tuple
    back_uses: int


def _move(latest) -> Moved:
    factory.random.reseed_random("act-tests")
    team = TeamFactory.create(name="ACT Rochdale")
    key_worker = UserFactory.create(username="worker", first_name="Jo", last_name="Bennett", team=team)
    case = CaseFactory.create(given_name="Destiny", team=team, key_worker=key_worker)
    section = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    words = services.contribution_start(section=section, contributor=Audience.YOUNG_PERSON, name="Destiny")
    family = case.assessment.sections.get(kind=SectionKind.FAMILY)
    words_back = services.contribution_start(section=family, contributor=Audience.YOUNG_PERSON, name="Destiny")
    made, made_token = services.section_link_create(
        section=family, person=Audience.YOUNG_PERSON, name="Destiny", by=key_worker, passcode=PASSCODE
    )
    case_services.link_used(link=made, event="opened", address_hash="abc")

    migrate(BEFORE)
    apps = models_at(BEFORE)
    old_link, old_use = apps.get_model("assessments", "SharedLink"), apps.get_model("assessments", "LinkUse")
    gone_back = old_link.objects.get()
    back = (gone_back.pk, gone_back.section_id, gone_back.contribution_id, gone_back.token_hash)
    back_uses = old_use.objects.filter(link=gone_back).count()
    old = old_link.objects.create(
        case_id=case.pk,
        section_id=section.pk,
        contribution_id=words.pk,
        contributor=Audience.YOUNG_PERSON,
        contributor_name="Destiny",
        token_hash=case_services.token_hash(TOKEN),
        passcode_hash=make_password(PASSCODE),
        expires_at=timezone.now() + timedelta(days=7),
        created_by_id=key_worker.pk,
    )
    old_use.objects.create(link=old, event="opened", address_hash="abc")
    migrate(latest)
    made_before = OldLink(pk=old.pk, created_at=old.created_at)
    return Moved(case, key_worker, words, made_before, words_back, made, made_token, back, back_uses)


@pytest.fixture(scope="module")
def moved(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHING):
            made = _move(latest)
        yield made
    finally:
        # Whatever happened, the database ends as every other test expects it: fully migrated, and empty.
        with django_db_blocker.unblock():
            migrate(latest)
            call_command("flush", verbosity=0, interactive=False)
        cache.clear()


@pytest.fixture
def links(moved, db) -> Moved:
    # Each test has its own copies of the objects, so that nothing one test changes in memory reaches the
    # other (the database is rolled back after each test).
    return copy.deepcopy(moved)


def test_a_link_made_before_the_move_opens_the_same_words_after_it(links, client):
    old, words = links.old, links.words
    link = case_services.link_find(TOKEN)
    assert link is not None and link.pk == old.pk and link.state == SharedLink.State.WORKING
    assert (link.purpose, link.target_id, link.person, link.person_name) == (
        "section",
        words.section_id,
        Audience.YOUNG_PERSON,
        "Destiny",
    )
    assert link.created_at == old.created_at and link.section_link.contribution == words
    assert list(LinkUse.objects.filter(link=link).values_list("event", "address_hash")) == [("opened", "abc")]

    path = f"/s/{TOKEN}/"
    assert "Type your passcode" in client.get(path).content.decode()
    assert client.post(path, {"action": "passcode", "passcode": PASSCODE}).status_code == 302
    assert client.post(path, {"action": "save", "text": "Still mine", "version": 0}).status_code == 302
    words.refresh_from_db()
    assert words.text == "Still mine"
    # A link made after the move takes a pk of its own, after the copied ones.
    newer, _token = services.section_link_create(
        section=words.section, person=Audience.YOUNG_PERSON, name="", by=links.key_worker
    )
    assert newer.pk > link.pk


def test_the_move_goes_back_and_forward_again_with_nothing_lost(links):
    made, words = links.made, links.words_back
    assert links.back == (made.pk, made.section_link.section_id, words.pk, made.token_hash)
    assert links.back_uses == 1
    link = case_services.link_find(links.made_token)
    assert link is not None and link.section_link.contribution == words and link.uses.count() == 1
