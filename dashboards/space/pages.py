"""The pages of a space, by the first part of their address, and the one handler the door calls."""

from django.http import HttpRequest, HttpResponse

from cases.models import Person, SharedLink
from cases.views.shared_links import not_working

from . import Space, SpacePage, me, space_of, things
from .checkin import check_in_page
from .feedback import feedback_page
from .home import home
from .looked import looked
from .people import people
from .progress import progress

YOUNG_PERSON_ONLY = (Person.YOUNG_PERSON,)

PAGES: dict[str, SpacePage] = {
    "": SpacePage(home),
    "me": SpacePage(me.page, YOUNG_PERSON_ONLY),
    # Check-ins are the young person's own measures; feedback on the help is asked of the family too.
    "check-in": SpacePage(check_in_page, people=YOUNG_PERSON_ONLY),
    "feedback": SpacePage(feedback_page),
    "plan": SpacePage(things.plan),
    "meeting": SpacePage(things.meeting, YOUNG_PERSON_ONLY),
    "section": SpacePage(things.section),
    "people": SpacePage(people, YOUNG_PERSON_ONLY),
    "looked": SpacePage(looked, YOUNG_PERSON_ONLY),
    # Their goals and their own check-ins over time: the check-ins are theirs, so the page is too.
    "progress": SpacePage(progress, YOUNG_PERSON_ONLY),
}


def space_page(request: HttpRequest, link: SharedLink, address: str, page: str) -> HttpResponse:
    """Draw the page `page` of a working space link (the door has checked the link and its passcode)."""
    first, _slash, rest = page.partition("/")
    found = PAGES.get(first)
    if found is None or link.person not in found.people:
        return not_working(request)
    space: Space = space_of(request, link, address)
    # The pages a space opens from other apps (the plan, a meeting, a part of the assessment) use their own
    # templates: this lets the young person's layout offer the way back to the space on them too.
    request.space_home = space.home  # type: ignore[attr-defined]
    # ... and say whose space it is there too: the young person's own wears their picture and colours, a
    # parent's or carer's does not (the picture is the young person's own).
    request.space_own = space.is_young_person  # type: ignore[attr-defined]
    request.space_look = space.case.young_person.look if space.is_young_person else None  # type: ignore[attr-defined]
    return found.view(request, space, rest)
