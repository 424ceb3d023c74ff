"""When a check-in or feedback request is due, from the rhythm the young person chose: every N days, on
their chosen weekday, at the start of their chosen hours, in local time (settings.TIME_ZONE, with its
summer time), and whether a moment is inside their chosen day and hours. Pure: no database.

A rhythm keeps its phase: after an outage the next time is the next regular one after now, never a run of
the times that were missed. A period that is not a whole number of weeks lands on the chosen weekday on or
after the day it comes to, so a request always comes on the day they chose."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

DAYS_IN_WEEK = 7


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def at_local(day: date, moment: time) -> datetime:
    """`moment` on `day` in local time, as an aware datetime. A time the clocks skip (01:30 on the spring
    change) is read as the clocks before the change read it, so it lands an hour later by the new ones."""
    return datetime.combine(day, moment, tzinfo=local_zone())


def _on_weekday(day: date, weekday: int) -> date:
    """`day` itself if it is `weekday`, otherwise the next such day."""
    return day + timedelta(days=(weekday - day.weekday()) % DAYS_IN_WEEK)


def first_due(*, weekday: int, earliest: time, now: datetime) -> datetime:
    """The first time of a new rhythm: the next chosen weekday whose `earliest` is still to come (today's
    is taken only if it has not passed: a rhythm started at 10:00 on their day, for 09:00, starts next
    week, so nothing is sent the moment it is set)."""
    today = now.astimezone(local_zone()).date()
    due = at_local(_on_weekday(today, weekday), earliest)
    if due <= now:
        due = at_local(_on_weekday(today + timedelta(days=1), weekday), earliest)
    return due


def next_due(*, every_days: int, weekday: int, earliest: time, after: datetime, now: datetime) -> datetime:
    """The time after `after` (the time just asked), on the rhythm: `every_days` on from it, on the chosen
    weekday, at `earliest`; the first such time after `now`, so missed ones are skipped."""
    if every_days < 1:
        raise ValueError("every_days must be 1 or more")
    day = after.astimezone(local_zone()).date()
    while True:
        day = _on_weekday(day + timedelta(days=every_days), weekday)
        due = at_local(day, earliest)
        if due > now:
            return due


def inside_hours(moment: datetime, *, weekday: int, earliest: time, latest: time) -> bool:
    """Whether `moment` is on the chosen weekday between `earliest` and `latest` (both included), local."""
    local = moment.astimezone(local_zone())
    return local.weekday() == weekday and earliest <= local.time().replace(tzinfo=None) <= latest
