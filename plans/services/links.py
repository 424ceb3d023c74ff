"""Links for the young person and family to their plan ("my plan") and to a meeting ("plan my meeting"),
made through the case's one link mechanism. Both always have a passcode: the plan holds their safety plan,
with the numbers they call, and a meeting's choices say who they do not want there."""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import services as case_services
from cases.forms.shared_links import KEY_PERSON_KINDS, agreement_words
from cases.models import NetworkMember, Person, SharedLink

from ..models import FamilyPlan, KeyPersonLink, Meeting
from .plan import PlanError

PLAN_LINK = "plan"
MEETING_LINK = "meeting"
# Someone close to the young person's link: their words for the plan, and nothing else of it.
PLAN_WORDS_LINK = "plan-words"


def _passcode_needed(passcode: str) -> None:
    if not passcode.strip():
        raise PlanError(_("Agree a passcode with them: this link needs one."))


@transaction.atomic
def plan_link_create(
    *, plan: FamilyPlan, person: str, name: str, by: User, days: int, passcode: str
) -> tuple[SharedLink, str]:
    _passcode_needed(passcode)
    if person not in (Person.YOUNG_PERSON, Person.PARENT_CARER):
        # The whole plan (safety plan, goals, meetings) is the young person's and family's to read: someone
        # close is given their own short page instead (`plan_words_link_create`).
        raise PlanError(_("A link to the whole plan is for the young person or a parent or carer."))
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


@transaction.atomic
def plan_words_link_create(
    *, plan: FamilyPlan, member: NetworkMember, agreed: bool, by: User, days: int, passcode: str = ""
) -> tuple[SharedLink, str]:
    """Invite someone close to the young person (family, a friend, another trusted adult from the case's
    network) to add their words to the plan, with the young person's agreement, which the audit records with
    the link. The link opens a short form and their own words: never the plan itself."""
    if not agreed:
        raise PlanError(_("The young person must agree before someone close to them is invited."))
    if member.case_id != plan.case_id or member.removed_at is not None or member.kind not in KEY_PERSON_KINDS:
        raise PlanError(_("Choose someone close to the young person from their network."))
    try:
        link, token = case_services.link_create(
            case=plan.case,
            purpose=PLAN_WORDS_LINK,
            target_id=plan.pk,
            person=Person.KEY_PERSON,
            name=member.name,
            by=by,
            days=days,
            passcode=passcode,
            what=f"their words for the plan, from the network ({member.get_kind_display()}), "
            "with the young person's agreement",
        )
    except case_services.LinkError as error:
        raise PlanError(str(error)) from error
    link.plan_words_link = KeyPersonLink.objects.create(link=link, plan=plan, member=member)
    return link, token


def plan_words_link_of(link: SharedLink) -> KeyPersonLink | None:
    """What a "plan-words" link opens: its plan, for someone close to the young person; None for anything else
    (another kind of link, or one whose plan is not the case's)."""
    if link.purpose != PLAN_WORDS_LINK or link.person != Person.KEY_PERSON:
        return None
    # Not for someone taken off the young person's network since: their links stop with it.
    return (
        KeyPersonLink.objects.select_related("plan")
        .filter(link=link, plan_id=link.target_id, plan__case_id=link.case_id, member__removed_at__isnull=True)
        .first()
    )


def describe_plan_words_links(links: Sequence[SharedLink]) -> dict[int, str]:
    """Who in the network each "plan-words" link is for and the young person's agreement, for the case's list
    of links: one query for the whole list."""
    rows = KeyPersonLink.objects.filter(link__in=links).select_related("member", "link__created_by")
    return {row.link_id: agreement_words(row.link, row.member) for row in rows}


def describe_meeting_links(links: Sequence[SharedLink]) -> dict[int, str]:
    """The meeting each link opens, for the case's list of links: one query for the whole list."""
    meetings = Meeting.objects.filter(pk__in=[link.target_id for link in links]).in_bulk()
    return {
        link.pk: f"{meetings[link.target_id]} ({timezone.localtime(meetings[link.target_id].starts_at):%d %b %Y})"
        for link in links
        if link.target_id in meetings
    }
