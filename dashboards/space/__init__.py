"""My space: one home for the young person (and one for each parent or carer) behind one link.

A "space" link always has a passcode. After the case's door (`cases.views.shared_links`) has found the link,
slowed guessing, checked the passcode and recorded the opening, it calls `space_page` with the rest of the
address after the token: "" for the home page, "people", "section/12" ... Each page is a function
`(request, space, rest) -> HttpResponse` in `PAGES`, told who it is for; a page not for this person, or
not there, opens nothing. A page shows only that person's own things: everything it reads is found from
`space.case` (and, where it matters, `space.person`), never from an id in the address alone.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from cases.models import Person, SharedLink

SPACE_LINK = "space"


@dataclass(frozen=True)
class Space:
    """The working space link a page is drawn for, and how to reach the space's pages."""

    link: SharedLink
    # The keyed hash of the visitor's address, for `cases.services.link_used`.
    address: str
    # The space's home address, "/s/<token>/": the token itself is never stored.
    home: str

    @property
    def case(self):
        return self.link.case

    @property
    def person(self) -> str:
        return self.link.person

    @property
    def is_young_person(self) -> bool:
        return self.link.person == Person.YOUNG_PERSON

    @property
    def name(self) -> str:
        """The name the space greets them by: the young person's, or the parent's or carer's."""
        if self.is_young_person:
            return self.link.case.young_person.called
        return self.link.person_name

    def url(self, page: str = "") -> str:
        """The address of one of the space's pages ("people", "section/12")."""
        return f"{self.home}{page}/" if page else self.home

    def as_link(self, purpose: str, target_id: int | None) -> SharedLink:
        """This space's link, as if it opened one thing: lets a page of the space draw an app's one-thing link
        page (the plan, planning a meeting) for this person. It is never saved; uses are recorded on the
        space's own link, which is the one that was used."""
        copy = SharedLink(
            pk=self.link.pk,
            case=self.link.case,
            purpose=purpose,
            target_id=target_id,
            person=self.link.person,
            person_name=self.link.person_name,
            passcode_hash=self.link.passcode_hash,
            expires_at=self.link.expires_at,
            revoked_at=self.link.revoked_at,
        )
        copy._state.adding = False
        return copy


Page = Callable[[HttpRequest, Space, str], HttpResponse]


@dataclass(frozen=True)
class SpacePage:
    view: Page
    # Who the page is for: the young person's own pages (their image, their people) are not a parent's.
    people: tuple[str, ...] = (Person.YOUNG_PERSON, Person.PARENT_CARER)


def space_of(request: HttpRequest, link: SharedLink, address: str) -> Space:
    token = request.resolver_match.kwargs["token"] if request.resolver_match else ""
    return Space(link=link, address=address, home=reverse("shared-link", args=[token]))
