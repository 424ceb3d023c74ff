"""The demo's register of concerns: an older male known as 'Tee', his car and the flat in Oldham, linked to
Destiny's and Lily's cases (they went missing together). The manager sees both young people on the register
and its map; `worker` (Destiny's key worker, who does not see Lily's case) sees only Destiny's links, and
nothing that says Lily's case exists. Safe to run again: what is there already is left as it is.

Called by `seed_demo` after `cases.demo.seed` (it needs the cases): `concerns_demo.seed(people, cases)`."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User

from .. import services
from ..models import Case, ConcernEntry, ConcernLink

ENTRIES = [
    ("person", "Older male known as 'Tee'", "About 25. Gives young people lifts and buys them food and phone credit."),
    ("vehicle", "Silver hatchback, part plate MA19", "Seen outside Rochdale High School at home time; Tee drives it."),
    ("place", "Flat above the shops, Union Street, Oldham", "Parties with older men; police have visited."),
]

# (entry, case, days ago, source)
LINKS = [
    (0, "destiny", 20, "Destiny told her worker"),
    (0, "lily", 18, "Police intelligence shared at MACE"),
    (1, "destiny", 16, "Rochdale High School"),
    (2, "destiny", 9, "Police: where she was found"),
    (2, "lily", 9, "Police: where she was found"),
]


def seed(people: dict[str, User], cases: dict[str, Case]) -> dict[str, ConcernEntry]:
    manager = people["manager"]
    team_id = cases["destiny"].team_id
    entries = []
    for kind, name, details in ENTRIES:
        entry = ConcernEntry.objects.filter(team_id=team_id, name=name).first()
        if entry is None:
            entry = services.concern_add(team_id=team_id, kind=kind, name=name, details=details, by=manager)
        entries.append(entry)
    today = timezone.localdate()
    for index, key, days, source in LINKS:
        entry, case = entries[index], cases[key]
        if not case.is_closed and not ConcernLink.objects.filter(entry=entry, case=case).exists():
            noticed_on = today - timedelta(days=days)
            services.concern_link_add(entry=entry, case=case, source=source, noticed_on=noticed_on, by=manager)
    return {"tee": entries[0], "car": entries[1], "flat": entries[2]}
