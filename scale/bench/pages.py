"""The pages the benchmark opens, and as whom: every staff page a person opens daily, the young person's
pages, and the floor to measure them against. Built from the scale manifest (var/scale/<database>.json)."""

import re
from dataclasses import dataclass
from typing import Any

# Who opens a page: a sign-in of the manifest ("worker", "manager"), or the young person through their space.
YOUNG_PERSON = "young_person"
FLOOR = "Floor: a bare signed-in view, one indexed query"
# A search as a person types it: a few letters of a name, which match many young people.
SEARCH = "son"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    who: str
    # The young person's pages are counted together for the bytes each transfers.
    young_persons: bool = False


def staff_pages(manifest: dict[str, Any]) -> list[Page]:
    case = manifest["busy_case"]
    worker, manager = "worker", "manager"
    meeting = manifest.get("meeting")
    pages = [
        Page(FLOOR, "/bench/floor/", worker),
        Page("Cases, page 1 (manager: the whole team)", "/cases/", manager),
        Page("Cases, filtered (support, high concern)", "/cases/?stage=support&risk=high", manager),
        Page(f"Cases, searched ('{SEARCH}')", f"/cases/?q={SEARCH}&stage=open", manager),
        Page("Cases, page 1 (worker: their caseload)", "/cases/", worker),
        Page("Busy case: overview", f"/cases/{case}/", worker),
        Page("Busy case: timeline", f"/cases/{case}/timeline/", worker),
        Page("Busy case: network", f"/cases/{case}/network/", worker),
        Page("Busy case: assessment", f"/assessments/case/{case}/", worker),
        Page("Busy case: plan", f"/plans/case/{case}/", worker),
        Page("Busy case: meeting", f"/plans/case/{case}/meetings/{meeting}/", worker),
        Page("Busy case: audit", f"/cases/{case}/audit/", manager),
        Page("Referrals list", "/referrals/", manager),
        Page("Notifications", "/account/notifications/", worker),
        Page("My work", "/dashboards/my-work/", worker),
        Page("Manager's dashboard", "/dashboards/team/", manager),
        Page("Register of concerns", "/concerns/", manager),
    ]
    # A dataset without a meeting has no meeting page to open (the report then lacks that row).
    return [page for page in pages if meeting is not None or page.name != "Busy case: meeting"]


# The pages of a space that every young person's space has; a check-in, feedback, a meeting to plan or a part
# of the assessment to write appear when one is waiting, and are found on the space's home page.
SPACE_PAGES = ["", "me", "people", "looked", "progress", "plan"]
WAITING = re.compile(r'href="/s/[^/"]+/((check-in|feedback|meeting|section)(?:/\d+)?)/"')
# The waiting pages by what they are, not by their number: a row of the report is the same page on every dataset.
WAITING_NAMES = {"meeting": "a meeting to plan", "section": "a part of the assessment to write"}


def space_home(manifest: dict[str, Any]) -> str:
    return f"/s/{manifest['space_token']}/"


def space_pages(manifest: dict[str, Any], home_html: str = "") -> list[Page]:
    """The young person's pages; with the space's home page, also those it says are waiting."""
    home = space_home(manifest)
    found = {name: name for name in SPACE_PAGES}
    for page, kind in WAITING.findall(home_html):
        found.setdefault(WAITING_NAMES.get(kind, kind), page)
    return [
        Page(f"Young person: {name or 'home'}", f"{home}{page}/" if page else home, YOUNG_PERSON, young_persons=True)
        for name, page in found.items()
    ]


def all_pages(manifest: dict[str, Any], home_html: str = "") -> list[Page]:
    return staff_pages(manifest) + space_pages(manifest, home_html)
