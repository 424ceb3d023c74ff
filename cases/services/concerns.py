"""Writing to the register of persons, places, vehicles and online accounts of concern: adding and changing
an entry, and linking an entry to a case with the date and source of the information. Access is decided by
the caller through `cases.access` (the entry from `get_concern_for_change`, the case from
`get_case_for_change`); these check what must hold whoever calls them (the missing episode's page too)."""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User

from .. import audit
from ..models import AuditEvent, Case, ConcernEntry, ConcernKind, ConcernLink

Action = AuditEvent.Action


class ConcernError(ValueError):
    """A change the register does not allow, in words for the person making it."""


def _check(*, kind: str, name: str) -> None:
    if kind not in ConcernKind.values:
        raise ConcernError(_("Choose what kind of concern it is."))
    if not name.strip():
        raise ConcernError(_("Give a name or a short description."))


@transaction.atomic
def concern_add(*, team_id: int, kind: str, name: str, details: str, by: User) -> ConcernEntry:
    _check(kind=kind, name=name)
    entry = ConcernEntry.objects.create(
        team_id=team_id, kind=kind, name=name.strip(), details=details.strip(), created_by=by
    )
    audit.record(user=by, case=None, action=Action.CREATE, what=f"concern register entry {entry.pk} added")
    return entry


@transaction.atomic
def concern_update(*, entry: ConcernEntry, kind: str, name: str, details: str, by: User) -> ConcernEntry:
    _check(kind=kind, name=name)
    entry.kind, entry.name, entry.details = kind, name.strip(), details.strip()
    entry.save(update_fields=["kind", "name", "details", "updated_at"])
    audit.record(user=by, case=None, action=Action.CHANGE, what=f"concern register entry {entry.pk} changed")
    return entry


@transaction.atomic
def concern_link_add(*, entry: ConcernEntry, case: Case, source: str, noticed_on: date, by: User) -> ConcernLink:
    """Link a register entry to a case: the information, its date and its source. The entry must be of the
    case's team's register; a case is linked to an entry once (a second link says why it cannot be made)."""
    if entry.team_id != case.team_id:
        raise ConcernError(_("Only entries of the case's team's register can be linked to it."))
    if case.is_closed:
        raise ConcernError(_("Reopen the case first."))
    if not source.strip():
        raise ConcernError(_("Say where the information came from."))
    if noticed_on > timezone.localdate():
        raise ConcernError(_("The date of the information must be today or in the past."))
    try:
        with transaction.atomic():
            link = ConcernLink.objects.create(
                entry=entry, case=case, source=source.strip(), noticed_on=noticed_on, created_by=by
            )
    except IntegrityError:
        raise ConcernError(_("This entry is already linked to this case.")) from None
    audit.record(user=by, case=case, action=Action.CREATE, what=f"linked to concern register entry {entry.pk}")
    return link
