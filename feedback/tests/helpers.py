"""What the feedback tests share: a rhythm set through the service, due at a chosen moment, and London
times."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from cases.models import Person
from feedback import services
from feedback.models import Kind, Rhythm

LONDON = ZoneInfo("Europe/London")
MONDAY = 0
# Monday 9 March 2026, 16:00 in London (winter time): the start of their hours, 16:00 to 20:00.
DUE = datetime(2026, 3, 9, 16, 0, tzinfo=LONDON)


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def a_rhythm(case, by, *, kind=Kind.CHECK_IN, channel="email", address="", due=DUE, **changes) -> Rhythm:
    """A rhythm on Mondays 16:00-20:00, weekly (check-ins) or every 42 days (feedback), due at `due`."""
    fields = {
        "person": Person.YOUNG_PERSON,
        "name": "",
        "every_days": 7 if kind == Kind.CHECK_IN else 42,
        "weekday": MONDAY,
        "earliest": time(16, 0),
        "latest": time(20, 0),
        "after_meetings": False,
        **changes,
    }
    if channel == "email" and not address:
        address = "them@example.org"
    if channel == "text" and not address:
        address = "07700 900 982"
    rhythm = services.rhythm_set(case=case, kind=kind, channel=channel, address=address, by=by, **fields)
    Rhythm.objects.filter(pk=rhythm.pk).update(next_due_at=due)
    rhythm.refresh_from_db()
    return rhythm
