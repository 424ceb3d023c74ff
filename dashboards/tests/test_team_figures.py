"""The manager's dashboard's figures against a small team counted by hand: each figure's number, and the cases
behind it, which are the same cases; another team's cases never count; the key worker filter."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases import services
from cases.tests.factories import CaseFactory, ReferralFactory
from dashboards.team import figures, outcomes

from .team_helpers import (
    agreed_timescale,
    ambitions_held,
    check_in,
    days_ago,
    feedback,
    first_contact,
    missing_episode,
    move,
    ratings,
    review_due,
    scope_for,
)


@pytest.fixture
def sam(team):
    return UserFactory(username="sam", first_name="Sam", last_name="Khan", team=team)


@pytest.fixture
def world(team, other_team, key_worker, sam, manager, outsider):
    """Amira and Bella with Jo, Cara and Dani (closed) with Sam, Una with nobody; and Xena of another team,
    who has everything every figure looks for."""
    today = timezone.localdate()
    make = {
        name: CaseFactory.create(given_name=name, team=team, key_worker=worker)
        for name, worker in (("Amira", key_worker), ("Bella", key_worker), ("Cara", sam), ("Dani", sam), ("Una", None))
    }
    xena = CaseFactory.create(given_name="Xena", team=other_team, key_worker=outsider)
    amira, bella, cara, dani = make["Amira"], make["Bella"], make["Cara"], make["Dani"]
    for case in (amira, xena):
        agreed_timescale(case, target=today - timedelta(days=3), by=manager)  # past, no first full picture
        review_due(case, today - timedelta(days=1))
    agreed_timescale(bella, target=today + timedelta(days=10), by=manager)  # not yet
    review_due(bella, today)  # due today: not overdue
    for case in (bella, xena):  # back five days ago; no interview: overdue, and late in the period
        missing_episode(case, back=days_ago(5), by=key_worker)
    missing_episode(cara, back=days_ago(10), done=days_ago(9.5), by=sam)  # done within 72 hours
    missing_episode(cara, back=days_ago(1), by=sam)  # its 72 hours are still running
    # First contacts: Amira's 8 weeks ended 14 days ago and her meeting was held in time; Bella's ended 4 days
    # ago with no meeting; Cara's have not ended; Xena's ended with no meeting.
    for case, days in ((amira, 70), (bella, 60), (cara, 10), (xena, 70)):
        first_contact(case, days_ago(days), by=case.key_worker)
    ambitions_held(amira, days_ago(20), by=key_worker)
    ambitions_held(bella, days_ago(1), by=key_worker)  # too late
    ratings(amira, [(3, days_ago(50)), (6, timezone.now() - timedelta(minutes=2))], by=key_worker)
    ratings(bella, [(7, days_ago(50)), (5, timezone.now() - timedelta(minutes=2))], by=key_worker)
    ratings(xena, [(1, days_ago(50)), (9, timezone.now() - timedelta(minutes=2))], by=outsider)
    check_in(cara, 1, days_ago(3), alert=True)
    check_in(amira, 5, days_ago(3))
    check_in(amira, 1, days_ago(3), person="parent_carer", alert=True)  # a parent's is about the parent
    check_in(xena, 1, days_ago(3), alert=True)
    feedback(cara, 1, 2, days_ago(4))
    feedback(amira, 5, 5, days_ago(4))
    feedback(xena, 1, 1, days_ago(4))
    move(cara, today - timedelta(days=5), planned=True, by=sam)
    move(dani, today - timedelta(days=10), planned=False, by=sam)
    move(xena, today - timedelta(days=10), planned=False, by=outsider)
    move(cara, today - timedelta(days=200), planned=False, by=sam)  # before the period
    services.case_close(case=dani, reason="Moved away", outcome="moved_away", by=manager)
    return {**make, "Xena": xena}


# Each figure's cases, counted by hand from the world above.
EXPECTED = {
    "open": {"Amira", "Bella", "Cara", "Una"},
    "unallocated": {"Una"},
    "assessment_overdue": {"Amira"},
    "review_overdue": {"Amira"},
    "interview_overdue": {"Bella"},
    "interview_late": {"Bella"},
    "ambitions_due": {"Amira", "Bella"},
    "ambitions_in_time": {"Amira"},
    "ambitions_late": {"Bella"},
    "ratings_up": {"Amira"},
    "ratings_down": {"Bella"},
    "check_in_low": {"Cara"},
    "feedback_low": {"Cara"},
    "moved": {"Cara", "Dani"},
    "breakdown": {"Dani"},
}


def names(cases) -> set[str]:
    return {case.young_person.given_name for case in cases.select_related("young_person")}


def test_every_figure_is_defined_and_counted_by_hand():
    assert set(EXPECTED) == set(figures.FIGURES)


def test_each_figure_counts_exactly_the_cases_it_lists(world, manager):
    scope = scope_for(manager)
    listed = {key: names(figures.cases_behind(scope, key)) for key in figures.FIGURES}
    assert listed == EXPECTED
    assert figures.counts(scope) == {key: len(cases) for key, cases in EXPECTED.items()}


def test_another_teams_manager_counts_only_their_own_case(world, other_team):
    wigan = UserFactory(username="wigan-manager", role=User.Role.MANAGER, team=other_team)
    scope = scope_for(wigan)
    counted = figures.counts(scope)
    assert counted["open"] == 1 and counted["breakdown"] == 1 and counted["ratings_down"] == 0
    assert names(figures.cases_behind(scope, "check_in_low")) == {"Xena"}


def test_the_key_worker_filter_keeps_only_their_cases(world, manager, key_worker, sam):
    jo = scope_for(manager, worker=key_worker)
    assert names(figures.cases_behind(jo, "open")) == {"Amira", "Bella"}
    assert {key: value for key, value in figures.counts(jo).items() if value} == {
        "open": 2,
        "assessment_overdue": 1,
        "review_overdue": 1,
        "interview_overdue": 1,
        "interview_late": 1,
        "ambitions_due": 2,
        "ambitions_in_time": 1,
        "ambitions_late": 1,
        "ratings_up": 1,
        "ratings_down": 1,
    }
    assert names(figures.cases_behind(scope_for(manager, worker=sam), "moved")) == {"Cara", "Dani"}


def test_the_caseload_is_by_key_worker_with_those_not_allocated(world, manager, key_worker, sam):
    assert figures.caseload_by_worker(scope_for(manager)) == {key_worker.pk: 2, sam.pk: 1, None: 1}


def test_return_home_interviews_within_72_hours_are_a_share_of_those_whose_time_ended(world, manager, sam):
    # Bella's (late) and Cara's first (in time); Cara's second is still within its 72 hours; Xena's not ours.
    assert outcomes.interview_share(scope_for(manager)) == outcomes.Share(done=1, of=2)
    assert outcomes.interview_share(scope_for(manager, worker=sam)) == outcomes.Share(done=1, of=1)
    assert outcomes.interview_share(scope_for(manager, days=7)).of == 1  # Cara's first ended before the 7 days


def test_a_shorter_period_leaves_out_what_happened_before_it(world, manager):
    counted = figures.counts(scope_for(manager, days=7))
    assert counted["moved"] == 1 and counted["breakdown"] == 0  # Cara's move 5 days ago; Dani's was 10
    assert counted["ambitions_due"] == 1  # Bella's 8 weeks ended 4 days ago; Amira's 14
    assert counted["ratings_up"] == 0  # a single rating in the period has not moved


def test_referral_decisions_within_one_working_day(team, other_team, manager):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 14)  # a Monday two or three weeks ago
    received = timezone.make_aware(datetime.combine(monday, time(10)))
    ReferralFactory(team=team, status="accepted", received_at=received, decided_at=received + timedelta(hours=5))
    ReferralFactory(team=team, status="declined", received_at=received, decided_at=received + timedelta(days=3))
    ReferralFactory(team=team, status="declined", received_at=days_ago(300), decided_at=days_ago(299))
    ReferralFactory(team=other_team, status="declined", received_at=received, decided_at=received + timedelta(days=3))
    ReferralFactory(team=team)
    ReferralFactory(team=team)
    ReferralFactory(team=other_team)
    scope = scope_for(manager)
    assert outcomes.decision_share(scope) == outcomes.Share(done=1, of=2)
    assert outcomes.decision_share(scope).words == "1 of 2 (50%)"
    assert outcomes.referrals_waiting(scope) == 2


def _in_month(scope, series, moment):
    month = timezone.localtime(moment).date().replace(day=1)
    return series[outcomes.months(scope).index(month)]


def test_the_outcomes_month_by_month(world, manager):
    scope = scope_for(manager)
    now, earlier = timezone.now() - timedelta(minutes=2), days_ago(50)
    ratings = outcomes.goal_ratings(scope)
    assert _in_month(scope, ratings, earlier) == 5  # Amira's 3 and Bella's 7 (not Xena's 1)
    assert _in_month(scope, ratings, now) == 5.5  # 6 and 5
    wellbeing = outcomes.wellbeing(scope)
    assert _in_month(scope, wellbeing, days_ago(3)) == 3  # Cara's 1s and Amira's 5s; not her parent's
    scores = outcomes.feedback(scope)
    assert _in_month(scope, scores, days_ago(4)) == 3.25  # (1+2)/2 and (5+5)/2
    moves = outcomes.moves(scope)
    assert (sum(moves.planned), sum(moves.breakdown)) == (1, 1)
    assert _in_month(scope, moves.breakdown, days_ago(10)) == 1
    assert len(outcomes.months(scope)) in (4, 5)  # 91 days touch four months, or five


def test_the_months_of_a_period_run_oldest_first_across_a_new_year(manager):
    from dashboards.team.figures import Scope

    scope = Scope(user=manager, team_id=manager.team_id, worker=None, days=91, today=date(2027, 1, 15))
    assert [month.isoformat() for month in outcomes.months(scope)] == [
        "2026-10-01",
        "2026-11-01",
        "2026-12-01",
        "2027-01-01",
    ]


def test_missing_episodes_are_those_the_access_policy_shows_the_person(team, manager, key_worker, sam):
    """The team's manager reads a restricted episode of the team; anyone else counting would not (the figures
    ask `access.visible_entries_q`, so a restricted entry never shows through a number to someone who may not
    read it)."""
    case = CaseFactory.create(given_name="Amira", team=team, key_worker=key_worker)
    restricted = missing_episode(case, back=days_ago(5), by=key_worker, restricted=True)
    assert list(figures.missing_episodes(scope_for(manager))) == [restricted]
    not_theirs = figures.Scope(user=sam, team_id=team.pk, worker=None, days=91, today=timezone.localdate())
    assert not figures.missing_episodes(not_theirs).exists()
