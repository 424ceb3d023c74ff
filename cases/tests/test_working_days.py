"""The one-working-day decision target counts England's bank holidays, not only weekends."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cases.models.referral import DECISION_TARGET_WORKING_DAYS, ReferralWait
from cases.tests.factories import ReferralFactory
from cases.working_days import add_working_days, is_working_day, working_days_between

LONDON = ZoneInfo("Europe/London")


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


@pytest.mark.parametrize(
    "received,due",
    [
        (date(2026, 11, 24), date(2026, 11, 25)),  # Tuesday: Wednesday
        (date(2026, 11, 20), date(2026, 11, 23)),  # Friday: Monday
        (date(2026, 11, 21), date(2026, 11, 23)),  # Saturday: Monday
        (date(2026, 4, 2), date(2026, 4, 7)),  # Thursday before Good Friday: the Tuesday after Easter Monday
        (date(2026, 4, 3), date(2026, 4, 7)),  # Good Friday itself, the Friday before Easter Monday
        (date(2027, 3, 26), date(2027, 3, 30)),  # Good Friday 2027: Easter Monday 29 March is not a working day
        (date(2026, 12, 24), date(2026, 12, 29)),  # Christmas Eve: Christmas, the weekend, Boxing Day's Monday
        (date(2027, 12, 24), date(2027, 12, 29)),  # Friday 24 Dec 2027: both holidays move to Mon 27 and Tue 28
        (date(2026, 12, 31), date(2027, 1, 4)),  # New Year's Eve, a Thursday: 1 January then the weekend
        (date(2026, 5, 22), date(2026, 5, 26)),  # the Friday before the Spring bank holiday
        (date(2026, 8, 28), date(2026, 9, 1)),  # the Friday before the Summer bank holiday
    ],
)
def test_the_target_skips_weekends_and_englands_bank_holidays(received, due):
    assert add_working_days(at(received), DECISION_TARGET_WORKING_DAYS) == at(due)


def test_the_time_of_day_is_kept_when_the_clocks_change():
    # The clocks go forward on Sunday 29 March 2026: received Friday 16:00, due Monday 16:00 (London).
    assert add_working_days(at(date(2026, 3, 27), 16), 1) == at(date(2026, 3, 30), 16)


def test_a_time_in_another_zone_is_counted_on_londons_calendar():
    # 23:30 on Friday in London is already Saturday in UTC+2; it is still Friday's referral.
    friday_night = datetime(2026, 11, 20, 23, 30, tzinfo=LONDON).astimezone(ZoneInfo("Europe/Athens"))
    assert add_working_days(friday_night, 1) == datetime(2026, 11, 23, 23, 30, tzinfo=LONDON)


def test_scotlands_own_holidays_are_working_days_in_england():
    assert is_working_day(date(2026, 11, 30))  # St Andrew's Day, a Scottish bank holiday
    assert is_working_day(date(2026, 8, 3))  # Scotland's summer holiday, on the first Monday of August
    assert not is_working_day(date(2026, 8, 31))  # England's, on the last


def test_whole_working_days_between_two_moments():
    due = at(date(2026, 12, 24))
    assert working_days_between(due, due + timedelta(hours=2)) == 0
    assert working_days_between(due, at(date(2026, 12, 29), 9)) == 0
    assert working_days_between(due, at(date(2026, 12, 29), 10)) == 1
    assert working_days_between(due, at(date(2026, 12, 31), 11)) == 3


def test_the_wait_is_said_in_plain_words():
    received = at(date(2026, 11, 24), 9)
    soon = ReferralWait(received_at=received, due_at=at(date(2026, 11, 25), 9), now=received + timedelta(hours=3))
    assert soon.waiting.replace("\xa0", " ") == "Waiting 3 hours"
    assert (soon.overdue, soon.against_target) == (False, "Decide by 25 November, 09:00")
    late = ReferralWait(received_at=received, due_at=at(date(2026, 11, 25), 9), now=at(date(2026, 11, 26), 11))
    assert late.overdue and late.against_target == "1 working day over target"
    later = ReferralWait(received_at=received, due_at=at(date(2026, 11, 25), 9), now=at(date(2026, 11, 30), 11))
    assert later.against_target == "3 working days over target"
    hours = ReferralWait(received_at=received, due_at=at(date(2026, 11, 25), 9), now=at(date(2026, 11, 25), 13))
    assert hours.against_target.replace("\xa0", " ") == "4 hours over target"
    just = ReferralWait(received_at=received, due_at=at(date(2026, 11, 25), 9), now=received + timedelta(seconds=5))
    assert just.waiting == "Just received"


@pytest.mark.django_db
def test_a_decided_referral_waited_until_its_decision():
    received = at(date(2026, 12, 24), 10)
    referral = ReferralFactory(received_at=received, decided_at=at(date(2026, 12, 29), 9))
    assert referral.decision_due_at == at(date(2026, 12, 29), 10)
    assert referral.decided_within_target and not referral.wait().overdue
