from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .. import audit, notices
from ..models import AuditEvent, Case, TimelineEntry
from .case import CaseError
from .missing import strategy_check

Action = AuditEvent.Action


@transaction.atomic
def timeline_add(*, case: Case, by: User, **fields) -> TimelineEntry:
    if case.is_closed:
        raise CaseError(_("The case is closed: reopen it to add to its timeline."))
    entry = TimelineEntry(case=case, author=by, **fields)
    if entry.returned_at and entry.returned_at < entry.occurred_at:
        raise CaseError(_("They cannot have come back before they went missing."))
    entry.save()
    label = "restricted entry" if entry.restricted else f"{entry.get_kind_display().lower()}: {entry.summary}"
    audit.record(user=by, case=case, action=Action.CREATE, what=f"timeline {label}")
    notices.timeline_entry_added(entry=entry, by=by)
    strategy_check(entry=entry)
    return entry


@transaction.atomic
def missing_episode_end(*, entry: TimelineEntry, returned_at: datetime, where_found: str, by: User) -> TimelineEntry:
    if entry.kind != TimelineEntry.Kind.MISSING:
        raise CaseError(_("Only a missing episode can end."))
    if returned_at < entry.occurred_at:
        raise CaseError(_("They cannot have come back before they went missing."))
    if returned_at > timezone.now():
        raise CaseError(_("The time they came back cannot be in the future."))
    entry.returned_at = returned_at
    entry.where_found = where_found
    entry.save(update_fields=["returned_at", "where_found"])
    audit.record(user=by, case=entry.case, action=Action.CHANGE, what="missing episode ended")
    notices.return_recorded(entry=entry, by=by)
    return entry


@transaction.atomic
def return_interview_done(*, entry: TimelineEntry, done_at: datetime, by: User) -> TimelineEntry:
    if not entry.return_interview_due_at:
        raise CaseError(_("There is no return home interview due for this entry."))
    entry.return_interview_done_at = done_at
    entry.save(update_fields=["return_interview_done_at"])
    audit.record(user=by, case=entry.case, action=Action.CHANGE, what="return home interview done")
    notices.interview_done(entry=entry)
    return entry
