"""How often a young person has gone missing lately: the episodes of the last 30 and 90 days on the timeline
and in the case's header, counted among those the reader may see; three or more in 90 days flag a strategy
discussion on the Cases page and the header, and tell the team's managers once per run of episodes."""

from django.urls import reverse

from accounts.models import Notification
from accounts.tests.factories import UserFactory
from act.testing import assert_query_budget
from cases.models import TimelineEntry
from cases.services.missing import run_start
from cases.tests.factories import CaseFactory
from cases.tests.timeline_helpers import ago, entry, page_text, url

STRATEGY = "a strategy discussion is needed"
FLAG = "Missing 3 or more times in 90 days"


def went_missing(case, author, *days_ago: int, **fields) -> list[TimelineEntry]:
    return [
        entry(case, author, kind="missing", summary=f"Missing {days} days ago", occurred_at=ago(days=days), **fields)
        for days in days_ago
    ]


def strategy_notices():
    return Notification.objects.filter(key__startswith="missing-strategy:")


def test_the_timeline_and_the_header_count_the_episodes_of_the_last_30_and_90_days(client_for, case, key_worker):
    went_missing(case, key_worker, 10, 40, 100)
    entry(case, key_worker, kind="event", occurred_at=ago(days=5))

    timeline = page_text(client_for(key_worker).get(url("timeline", case)))
    overview = page_text(client_for(key_worker).get(reverse("cases:detail", args=[case.pk])))

    for page in (timeline, overview):
        assert "Missing episodes: 1 in the last 30 days, 2 in the last 90 days." in page
        assert STRATEGY not in page


def test_a_restricted_episode_is_not_counted_for_someone_who_may_not_see_it(client_for, case, key_worker, coordinator):
    went_missing(case, key_worker, 10)
    went_missing(case, key_worker, 20, restricted=True)

    assert "2 in the last 90 days" in page_text(client_for(key_worker).get(url("timeline", case)))
    assert "1 in the last 90 days" in page_text(client_for(coordinator).get(url("timeline", case)))


def test_three_episodes_in_90_days_flag_a_strategy_discussion_on_the_cases_page_and_the_header(
    client_for, case, key_worker, manager
):
    went_missing(case, key_worker, 80, 30)
    assert FLAG not in page_text(client_for(key_worker).get(reverse("cases:list")))

    went_missing(case, key_worker, 2)

    assert FLAG in page_text(client_for(key_worker).get(reverse("cases:list")))
    header = page_text(client_for(manager).get(reverse("cases:detail", args=[case.pk])))
    assert f"Missing 3 times in the last 90 days: {STRATEGY}." in header


def test_the_team_s_managers_are_told_once_per_run_of_episodes(case, key_worker, manager, team):
    second_manager = UserFactory(username="manager2", role="manager", team=team)
    first, second = went_missing(case, key_worker, 60, 30)
    assert not strategy_notices().exists()

    went_missing(case, key_worker, 3)
    went_missing(case, key_worker, 1)  # a fourth in the same run: nobody is told again

    told = strategy_notices()
    assert {n.recipient for n in told} == {manager, second_manager}
    assert {n.key for n in told} == {f"missing-strategy:{first.pk}"}
    assert told.filter(recipient=manager).get().urgent
    assert not Notification.objects.filter(recipient=key_worker, key__startswith="missing-strategy:").exists()


def test_a_new_run_after_90_quiet_days_tells_the_managers_again(case, key_worker, manager):
    old_run = went_missing(case, key_worker, 20, 10, 5)
    TimelineEntry.objects.filter(pk__in=[e.pk for e in old_run]).update(occurred_at=ago(days=300))
    assert strategy_notices().count() == 1

    new_run = went_missing(case, key_worker, 30, 20, 10)

    assert set(strategy_notices().values_list("key", flat=True)) == {
        f"missing-strategy:{old_run[0].pk}",
        f"missing-strategy:{new_run[0].pk}",
    }


def test_an_old_episode_recorded_late_tells_nobody(case, key_worker):
    went_missing(case, key_worker, 200, 150, 120)
    assert not strategy_notices().exists()


def test_a_run_is_broken_by_90_days_without_an_episode(case, key_worker):
    early, later = went_missing(case, key_worker, 200), went_missing(case, key_worker, 80, 10)
    assert run_start(case, ago(days=0)) == (later[0].pk, 2)
    assert early[0].pk != later[0].pk


def test_the_cases_page_needs_no_more_queries_for_more_cases_with_episodes(client_for, manager, key_worker, team):
    def add_cases(n):
        for _ in range(n):
            other = CaseFactory(team=team, key_worker=key_worker)
            TimelineEntry.objects.bulk_create(
                TimelineEntry(case=other, kind="missing", summary="Missing", occurred_at=ago(days=d), author=key_worker)
                for d in (1, 20, 60)
            )

    assert_query_budget(client_for(manager), reverse("cases:list"), add_rows=add_cases, budget=11, large=60)


def test_a_case_s_pages_need_no_more_queries_for_more_episodes(client_for, case, key_worker):
    client = client_for(key_worker)

    def add_episodes(n):
        TimelineEntry.objects.bulk_create(
            TimelineEntry(case=case, kind="missing", summary="Missing", occurred_at=ago(days=d % 89), author=key_worker)
            for d in range(n)
        )

    assert_query_budget(client, reverse("cases:detail", args=[case.pk]), add_rows=add_episodes, budget=40, large=40)
