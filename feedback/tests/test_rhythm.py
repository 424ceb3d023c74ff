"""When a check-in or feedback request is due, and whether a moment is inside the chosen day and hours: in
London time, through the changes of the clocks (2026: summer time from Sunday 29 March, to Sunday 25
October)."""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from feedback.rhythm import first_due, inside_hours, next_due

LONDON = ZoneInfo("Europe/London")
MONDAY, WEDNESDAY, SUNDAY = 0, 2, 6
FOUR_PM = time(16, 0)


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def test_the_first_time_is_their_next_chosen_day_at_the_start_of_their_hours():
    now = london(2026, 3, 4, 10, 0)  # a Wednesday
    assert first_due(weekday=MONDAY, earliest=FOUR_PM, now=now) == london(2026, 3, 9, 16, 0)


def test_the_first_time_is_today_when_today_is_their_day_and_their_hours_have_not_started():
    now = london(2026, 3, 9, 10, 0)  # a Monday
    assert first_due(weekday=MONDAY, earliest=FOUR_PM, now=now) == london(2026, 3, 9, 16, 0)


def test_the_first_time_is_next_week_when_their_hours_have_started_today():
    now = london(2026, 3, 9, 16, 30)
    assert first_due(weekday=MONDAY, earliest=FOUR_PM, now=now) == london(2026, 3, 16, 16, 0)


@pytest.mark.parametrize(
    "every_days,expected",
    [
        (7, london(2026, 3, 9, 16, 0)),
        (14, london(2026, 3, 16, 16, 0)),
        (28, london(2026, 3, 30, 16, 0)),
        (42, london(2026, 4, 13, 16, 0)),
    ],
)
def test_the_next_time_is_every_n_days_on_the_same_weekday_at_the_same_local_time(every_days, expected):
    asked = london(2026, 3, 2, 16, 0)
    after = next_due(every_days=every_days, weekday=MONDAY, earliest=FOUR_PM, after=asked, now=asked)
    assert after == expected
    assert after.astimezone(LONDON).weekday() == MONDAY
    assert after.astimezone(LONDON).time() == FOUR_PM


def test_the_week_the_clocks_go_forward_keeps_four_oclock_local_not_utc():
    asked = london(2026, 3, 23, 16, 0)  # 16:00 GMT is 16:00 UTC
    after = next_due(every_days=7, weekday=MONDAY, earliest=FOUR_PM, after=asked, now=asked)
    assert after.astimezone(UTC) == datetime(2026, 3, 30, 15, 0, tzinfo=UTC)  # 16:00 BST


def test_the_week_the_clocks_go_back_keeps_four_oclock_local():
    asked = london(2026, 10, 19, 16, 0)  # BST
    after = next_due(every_days=7, weekday=MONDAY, earliest=FOUR_PM, after=asked, now=asked)
    assert after.astimezone(UTC) == datetime(2026, 10, 26, 16, 0, tzinfo=UTC)  # GMT


def test_sunday_the_day_the_clocks_change_at_an_hour_before_the_change_and_after():
    asked = london(2026, 3, 22, 9, 0)
    after = next_due(every_days=7, weekday=SUNDAY, earliest=time(9, 0), after=asked, now=asked)
    assert after == london(2026, 3, 29, 9, 0)
    assert after.astimezone(UTC).hour == 8


def test_after_an_outage_the_next_time_is_the_next_regular_one_after_now_not_the_missed_ones():
    asked = london(2026, 3, 2, 16, 0)
    now = london(2026, 3, 25, 11, 0)  # three Mondays missed
    after = next_due(every_days=7, weekday=MONDAY, earliest=FOUR_PM, after=asked, now=now)
    assert after == london(2026, 3, 30, 16, 0)


def test_after_an_outage_a_four_weekly_rhythm_keeps_its_phase():
    asked = london(2026, 3, 2, 16, 0)
    now = london(2026, 4, 10, 11, 0)
    after = next_due(every_days=28, weekday=MONDAY, earliest=FOUR_PM, after=asked, now=now)
    assert after == london(2026, 4, 27, 16, 0)  # 2 March + 56 days


def test_a_period_that_is_not_whole_weeks_lands_on_their_day_on_or_after():
    asked = london(2026, 3, 2, 16, 0)
    after = next_due(every_days=10, weekday=MONDAY, earliest=FOUR_PM, after=asked, now=asked)
    assert after == london(2026, 3, 16, 16, 0)  # 12 March is a Thursday: the Monday after


def test_a_period_under_a_day_is_refused():
    with pytest.raises(ValueError):
        next_due(every_days=0, weekday=MONDAY, earliest=FOUR_PM, after=london(2026, 3, 2), now=london(2026, 3, 2))


@pytest.mark.parametrize(
    "moment,inside",
    [
        (london(2026, 3, 9, 16, 0), True),  # the start
        (london(2026, 3, 9, 18, 30), True),
        (london(2026, 3, 9, 20, 0), True),  # the end
        (london(2026, 3, 9, 20, 1), False),
        (london(2026, 3, 9, 15, 59), False),
        (london(2026, 3, 9, 6, 0), False),
        (london(2026, 3, 9, 23, 0), False),
        (london(2026, 3, 10, 17, 0), False),  # the right hours on the wrong day
        (london(2026, 3, 8, 17, 0), False),
    ],
)
def test_inside_their_hours_means_their_day_between_their_times(moment, inside):
    assert inside_hours(moment, weekday=MONDAY, earliest=FOUR_PM, latest=time(20, 0)) is inside


def test_inside_their_hours_reads_the_local_clock_in_summer():
    # 15:30 UTC on Monday 30 March is 16:30 in London (summer time): inside 16:00-20:00.
    moment = datetime(2026, 3, 30, 15, 30, tzinfo=UTC)
    assert inside_hours(moment, weekday=MONDAY, earliest=FOUR_PM, latest=time(20, 0))
    # 19:30 UTC is 20:30 in London: outside.
    late = datetime(2026, 3, 30, 19, 30, tzinfo=UTC)
    assert not inside_hours(late, weekday=MONDAY, earliest=FOUR_PM, latest=time(20, 0))


def test_inside_their_hours_reads_the_local_day_near_midnight_in_summer():
    # 23:30 UTC on Sunday 29 March is 00:30 on Monday in London.
    moment = datetime(2026, 3, 29, 23, 30, tzinfo=UTC)
    assert inside_hours(moment, weekday=MONDAY, earliest=time(0, 0), latest=time(1, 0))
    assert not inside_hours(moment, weekday=SUNDAY, earliest=time(23, 0), latest=time(23, 59))


@pytest.mark.parametrize("wednesday_hour", [0, 9, 23])
def test_a_wednesday_rhythm_is_inside_only_on_wednesdays(wednesday_hour):
    moment = london(2026, 3, 4, wednesday_hour, 0)
    assert inside_hours(moment, weekday=WEDNESDAY, earliest=time(0, 0), latest=time(23, 59))
    assert not inside_hours(moment, weekday=MONDAY, earliest=time(0, 0), latest=time(23, 59))
