"""Links for the young person and family to their plan ("my plan") and to a meeting ("plan my meeting"),
made through the case's one link mechanism. Both always have a passcode: the plan holds their safety plan,
with the numbers they call, and a meeting's choices say who they do not want there."""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import services as case_services
from cases.models import Person, SharedLink

from ..models import FamilyPlan, Meeting
from .plan import PlanError

PLAN_LINK = "plan"
MEETING_LINK = "meeting"


def _passcode_needed(passcode: str) -> None:
    if not passcode.strip():
        raise PlanError(_("Agree a passcode with them: this link needs one."))


@transaction.atomic
def plan_link_create(
    *, plan: FamilyPlan, person: str, name: str, by: User, days: int, passcode: str
) -> tuple[SharedLink, str]:
    _passcode_needed(passcode)
    try:
        return case_services.link_create(
            case=plan.case,
            purpose=PLAN_LINK,
            target_id=plan.pk,
            person=person,
            name=name,
            by=by,
            days=days,
            passcode=passcode,
            what="their plan",
        )
    except case_services.LinkError as error:
        raise PlanError(str(error)) from error


@transaction.atomic
def meeting_link_create(
    *, meeting: Meeting, person: str, name: str, by: User, days: int, passcode: str
) -> tuple[SharedLink, str]:
    _passcode_needed(passcode)
    if person != Person.YOUNG_PERSON:
        raise PlanError(_("A “plan my meeting” link is for the young person: the choices are theirs."))
    if meeting.status != Meeting.Status.PLANNED:
        raise PlanError(_("The meeting is no longer being planned."))
    try:
        return case_services.link_create(
            case=meeting.case,
            purpose=MEETING_LINK,
            target_id=meeting.pk,
            person=person,
            name=name,
            by=by,
            days=days,
            passcode=passcode,
            what=f"plan my meeting: {meeting}",
        )
    except case_services.LinkError as error:
        raise PlanError(str(error)) from error


def describe_meeting_links(links: Sequence[SharedLink]) -> dict[int, str]:
    """The meeting each link opens, for the case's list of links: one query for the whole list."""
    meetings = Meeting.objects.filter(pk__in=[link.target_id for link in links]).in_bulk()
    return {
        link.pk: f"{meetings[link.target_id]} ({timezone.localtime(meetings[link.target_id].starts_at):%d %b %Y})"
        for link in links
        if link.target_id in meetings
    }
