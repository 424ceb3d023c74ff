"""The periods of an export: whole calendar months, or whole calendar quarters, in the service's time zone.

A month is written as (year, month). A period knows its months, its first and last day, and the moments it
starts and ends (local midnight), so that every query can select by an indexed date or time."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

Month = tuple[int, int]

PER_MONTH = "month"
PER_QUARTER = "quarter"


def month_add(month: Month, count: int) -> Month:
    index = month[0] * 12 + (month[1] - 1) + count
    return index // 12, index % 12 + 1


def month_of(day: date) -> Month:
    return day.year, day.month


def first_day(month: Month) -> date:
    return date(month[0], month[1], 1)


def midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def months_between(first: Month, last: Month) -> Iterator[Month]:
    month = first
    while month <= last:
        yield month
        month = month_add(month, 1)


@dataclass(frozen=True)
class Period:
    first: Month
    last: Month

    @property
    def label(self) -> str:
        """How the period is named in the file: the year and month it starts (YYYY-MM), nothing finer."""
        return f"{self.first[0]:04d}-{self.first[1]:02d}"

    @property
    def months(self) -> list[Month]:
        return list(months_between(self.first, self.last))

    @property
    def first_day(self) -> date:
        return first_day(self.first)

    @property
    def last_day(self) -> date:
        return first_day(month_add(self.last, 1)) - timedelta(days=1)

    @property
    def starts_at(self) -> datetime:
        return midnight(self.first_day)

    @property
    def ends_at(self) -> datetime:
        """The moment after the period: local midnight at the start of the next month."""
        return midnight(first_day(month_add(self.last, 1)))


def quarter_start(month: Month) -> Month:
    return month[0], month[1] - (month[1] - 1) % 3


def periods(first: Month, last: Month, per: str) -> list[Period]:
    """The periods from the month `first` to the month `last`, both included. By quarter, the range widens to
    whole calendar quarters (January to March, April to June, ...)."""
    if per == PER_QUARTER:
        starts = sorted({quarter_start(month) for month in months_between(first, last)})
        return [Period(start, month_add(start, 2)) for start in starts]
    return [Period(month, month) for month in months_between(first, last)]
