"""Links made before the shared link moved down into `cases` keep working after it: the same token opens
the same words, with its passcode and its uses; and the migration goes back as well as forward."""

from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from assessments import services
from assessments.sections import Audience, SectionKind
from cases import services as case_services
from cases.models import LinkUse, SharedLink

BEFORE = [("assessments", "0003_link_use_write_more"), ("cases", "0009_referral_consent_and_anything_else")]
TOKEN = "a-link-made-before-the-move-" + "x" * 20
PASSCODE = "purple cat"


def migrate(targets):
    """Migrate to `targets` and give the models as they are there (a fresh executor: it reads what is
    applied now)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def migrator(transactional_db):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    yield lambda targets=None: migrate(targets or latest)
    # Whatever the test did, the database ends as every other test expects it (and can be flushed).
    migrate(latest)
    cache.clear()


@pytest.fixture
def old_link(migrator, case, key_worker):
    """Destiny's link to "About me", with a passcode and one use, made in the tables of before the move."""
    section = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    words = services.contribution_start(section=section, contributor=Audience.YOUNG_PERSON, name="Destiny")
    apps = migrator(BEFORE)
    link = apps.get_model("assessments", "SharedLink").objects.create(
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
    apps.get_model("assessments", "LinkUse").objects.create(link=link, event="opened", address_hash="abc")
    return link, words


def test_a_link_made_before_the_move_opens_the_same_words_after_it(migrator, old_link, client, case, key_worker):
    old, words = old_link
    migrator()
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
        section=words.section, person=Audience.YOUNG_PERSON, name="", by=key_worker
    )
    assert newer.pk > link.pk


def test_the_move_goes_back_and_forward_again_with_nothing_lost(migrator, old_link):
    old, words = old_link
    migrator()
    apps = migrator(BEFORE)
    back = apps.get_model("assessments", "SharedLink").objects.get()
    assert (back.pk, back.section_id, back.contribution_id, back.token_hash) == (
        old.pk,
        old.section_id,
        words.pk,
        old.token_hash,
    )
    assert apps.get_model("assessments", "LinkUse").objects.filter(link=back).count() == 1
    migrator()
    link = case_services.link_find(TOKEN)
    assert link is not None and link.section_link.contribution == words and link.uses.count() == 1
