"""Working days in England: Monday to Friday, except England's bank holidays. The one rule every
timescale counted in working days uses (the referral decision target).

Bank holidays come from the `holidays` package (England's, including days moved to the Monday when a
holiday falls at a weekend, and one-off days such as a coronation). Days are counted on the calendar of
the service (`TIME_ZONE`, Europe/London), whatever time zone a datetime arrives in.
"""

from datetime import date, datetime, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: date) -> bool:
    return day in _bank_holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_bank_holiday(day)


def add_working_days(start: datetime, days: int) -> datetime:
    """The same time of day on the `days`-th working day after `start`'s day. A referral received on
    Thursday 24 December at 10:00 is due on Tuesday 29 December at 10:00: Christmas Day, the weekend and
    the Monday that stands for Boxing Day are not working days. One received on a Saturday is due on the
    Monday (or the first working day after it) at the same time."""
    aware = timezone.is_aware(start)
    # Counted in whole days of the local calendar, so the clock time stays the same when the clocks change.
    day = timezone.localtime(start).replace(tzinfo=None) if aware else start
    while days > 0:
        day += timedelta(days=1)
        if is_working_day(day.date()):
            days -= 1
    return timezone.make_aware(day) if aware else day


def working_days_between(start: datetime, end: datetime) -> int:
    """How many whole working days have passed from `start` to `end`: the largest n for which
    `add_working_days(start, n)` is not after `end` (0 when `end` comes before the first of them)."""
    count = 0
    reached = add_working_days(start, 1)
    while reached <= end:
        count += 1
        reached = add_working_days(reached, 1)
    return count
