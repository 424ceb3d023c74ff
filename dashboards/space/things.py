"""The one-thing pages a space opens for its person: their plan, planning their next meeting, and a part of
the assessment they were asked to write. Each is the app's own page for its one-thing link (the same words,
checks and records), drawn for the space's link: nothing about them is decided twice."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from assessments.models import Contribution, SectionLink
from assessments.services import LINK_PURPOSE as SECTION_LINK
from assessments.views.shared import section_page
from cases.models import Person, SharedLink
from cases.views.shared_links import not_working
from plans.models import FamilyPlan, Meeting
from plans.services import MEETING_LINK, PLAN_LINK
from plans.views.shared import plan_page
from plans.views.shared_meeting import meeting_page

from . import Space


def _number(rest: str) -> int | None:
    return int(rest) if rest.isdigit() and len(rest) < 10 else None


def plan(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    found = FamilyPlan.objects.filter(case=space.case).values_list("pk", flat=True).first()
    if rest or found is None:
        return not_working(request)
    return plan_page(request, space.as_link(PLAN_LINK, found), space.address)


def upcoming_meetings(space: Space):
    """The meetings still being planned that have not happened yet: the young person says what they want."""
    return Meeting.objects.filter(
        case=space.case, status=Meeting.Status.PLANNED, starts_at__gt=timezone.now()
    ).order_by("starts_at", "pk")


def meeting(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    pk = _number(rest)
    if pk is None or not upcoming_meetings(space).filter(pk=pk).exists():
        return not_working(request)
    return meeting_page(request, space.as_link(MEETING_LINK, pk), space.address)


def sections_to_write(space: Space):
    """The parts of the assessment this person was asked to write (a working link made for them), whose words
    are not in the assessment yet: the space opens them without their own link."""
    links = SectionLink.objects.filter(
        link__case=space.case,
        link__purpose=SECTION_LINK,
        link__person=space.person,
        link__revoked_at__isnull=True,
        link__expires_at__gt=timezone.now(),
        section__assessment__case=space.case,
    ).exclude(contribution__status=Contribution.Status.ADDED)
    if space.person != Person.YOUNG_PERSON:
        # A parent's or carer's space opens only their own links, not another parent's.
        links = links.filter(link__person_name=space.link.person_name)
    return links.select_related("section", "link").order_by("section__pk", "link__pk")


def section(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    pk = _number(rest)
    found = sections_to_write(space).filter(pk=pk).first() if pk is not None else None
    if found is None:
        return not_working(request)
    # The section's own link, seen through the space: the passcode was given at the space's door, so the page
    # may show words they sent before, as it does behind a link's own passcode.
    shared: SharedLink = found.link
    shared.case = space.case
    shared.passcode_hash = shared.passcode_hash or space.link.passcode_hash
    return section_page(request, shared, space.address)
