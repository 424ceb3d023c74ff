"""Recording a meeting that was held: who came, the views, the decisions, a summary in plain words for the
young person and family, and the actions, which go straight into the family plan; the plan's version is
agreed at the meeting, and the meeting goes on the case's timeline."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.notifications import settle
from cases import audit
from cases import services as case_services
from cases.models import AuditEvent, TimelineEntry
from cases.signals import meeting_held

from ..models import Attendee, Goal, Meeting
from .meetings import MeetingError
from .plan import action_add, plan_start, version_agree

AuditAction = AuditEvent.Action


@dataclass(frozen=True)
class ActionData:
    """An action agreed at the meeting, for the family plan."""

    goal: Goal
    what: str
    who_name: str
    due_on: date


@dataclass(frozen=True)
class Record:
    """What happened at the meeting, as the organiser records it."""

    attendance: dict[int, str]
    young_persons_views: str
    views_by: str
    professional_views: str
    decisions: str
    family_summary: str
    actions: list[ActionData]


@transaction.atomic
def meeting_record(*, meeting: Meeting, record: Record, by: User) -> Meeting:
    """The meeting was held: who came, the views, the decisions, a summary in plain words for the young
    person and family, and the actions, which go straight into the family plan. The plan as it then is, is
    agreed at this meeting. A case with no plan yet has one started (and no actions: there is no goal to put
    them under). The meeting goes on the case's timeline."""
    if meeting.status != Meeting.Status.PLANNED:
        raise MeetingError(_("This meeting has already been recorded or was cancelled."))
    if meeting.starts_at > timezone.now():
        raise MeetingError(_("The meeting has not started yet: record it once it has been held."))
    case = meeting.case
    for action in record.actions:
        if action.goal.plan.case_id != case.pk:
            raise MeetingError(_("Choose a goal of this plan."))
    attendees = {a.pk: a for a in meeting.attendees.filter(removed_at__isnull=True)}
    for pk, attendance in record.attendance.items():
        if pk in attendees:
            attendees[pk].attendance = attendance
    Attendee.objects.bulk_update(list(attendees.values()), ["attendance"])
    plan = plan_start(case=case, by=by)
    users_by_name = {a.name.strip().lower(): a.user for a in attendees.values() if a.user is not None}
    for action in record.actions:
        action_add(
            goal=action.goal,
            what=action.what,
            who_name=action.who_name,
            due_on=action.due_on,
            by=by,
            # Someone invited with their account is told when their action is past its date.
            who_user=users_by_name.get(action.who_name.strip().lower()),
            meeting=meeting,
        )
    now = timezone.now()
    meeting.status, meeting.held_at, meeting.recorded_by = Meeting.Status.HELD, now, by
    meeting.young_persons_views = record.young_persons_views.strip()
    meeting.views_by = record.views_by
    meeting.professional_views = record.professional_views.strip()
    meeting.decisions = record.decisions.strip()
    meeting.family_summary = record.family_summary.strip()
    meeting.save(update_fields=[*RECORD_FIELDS, "status", "held_at", "recorded_by"])
    version_agree(plan=plan, meeting=meeting, by=by)
    case_services.timeline_add(
        case=case,
        by=by,
        kind=TimelineEntry.Kind.EVENT,
        occurred_at=meeting.starts_at,
        summary=(_("%(meeting)s held") % {"meeting": meeting.name})[:200],
        details=meeting.decisions,
    )
    audit.record(user=by, case=case, action=AuditAction.CHANGE, what=f"meeting recorded: {meeting.name}"[:200])
    if meeting.kind == Meeting.Kind.AMBITIONS:
        settle([f"ambitions-due:{case.pk}", f"ambitions-overdue:{case.pk}"])
    meeting_held.send(sender=Meeting, case=case, meeting_id=meeting.pk)
    return meeting


RECORD_FIELDS = ["young_persons_views", "views_by", "professional_views", "decisions", "family_summary"]
