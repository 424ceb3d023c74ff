"""The access rules of missing episodes in depth: who reads restricted interview words, and which young
people and register entries a person may name (or sees named) as being with them."""

from datetime import timedelta

from django.utils import timezone

from accounts.tests.factories import UserFactory
from cases import access, services
from cases.models import MissingEpisode, TimelineEntry
from cases.tests.factories import CaseFactory


def an_episode(case, by) -> MissingEpisode:
    went = timezone.now() - timedelta(days=1)
    entry = services.timeline_add(
        case=case, by=by, kind=TimelineEntry.Kind.MISSING, occurred_at=went, summary="Missing", returned_at=went
    )
    return MissingEpisode.objects.create(entry=entry)


def test_restricted_words_are_read_by_the_writer_the_key_worker_and_the_teams_managers(
    case, key_worker, manager, coordinator, outsider
):
    writer = coordinator
    assert access.may_read_restricted(writer, case, writer.pk)
    assert access.may_read_restricted(key_worker, case, writer.pk)
    assert access.may_read_restricted(manager, case, writer.pk)
    assert not access.may_read_restricted(outsider, case, writer.pk)
    assert not access.may_read_restricted(coordinator, case, key_worker.pk)
    writer.is_active = False
    assert not access.may_read_restricted(writer, case, writer.pk)


def test_young_people_named_are_the_teams_cases_the_person_may_see(case, key_worker, manager, outsider_case):
    emily = CaseFactory(given_name="Emily", team=case.team, key_worker=key_worker)
    lily = CaseFactory(given_name="Lily", team=case.team, key_worker=manager)
    assert list(access.companion_choices(key_worker, case)) == [emily]
    assert set(access.companion_choices(manager, case)) == {emily, lily}
    episode = an_episode(case, key_worker)
    episode.with_cases.set([emily, lily, outsider_case])
    assert list(access.episode_companions(key_worker, episode)) == [emily]


def test_register_entries_named_are_the_teams_the_person_may_change_and_read(case, key_worker, outsider):
    tee = services.concern_add(team_id=case.team_id, kind="person", name="Tee", details="", by=key_worker)
    theirs = services.concern_add(team_id=outsider.team_id, kind="person", name="Wigan", details="", by=outsider)
    assert list(access.concern_choices(key_worker, case)) == [tee]
    assert not access.concern_choices(UserFactory(username="nobody", team=None), case).exists()
    episode = an_episode(case, key_worker)
    episode.with_concerns.set([tee, theirs])
    assert list(access.episode_concerns(key_worker, episode)) == [tee]
