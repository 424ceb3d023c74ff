"""Writes of the dashboards: the space link, and the audit entry of an outcome export."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Team, User
from cases import audit
from cases import services as case_services
from cases.models import AuditEvent, Case, Person, SharedLink

from .export.periods import Period
from .space import SPACE_LINK


class SpaceError(Exception):
    """Why a space link could not be made, in words for the worker."""


@transaction.atomic
def space_link_create(
    *, case: Case, person: str, name: str, by: User, days: int, passcode: str
) -> tuple[SharedLink, str]:
    """A link to the young person's (or a parent's or carer's) own space. It always has a passcode, chosen
    with them: the space gathers everything of theirs, their safety plan's numbers included."""
    if not passcode.strip():
        raise SpaceError(_("Agree a passcode with them: a space link needs one."))
    if person not in (Person.YOUNG_PERSON, Person.PARENT_CARER):
        raise SpaceError(_("A space is for the young person or a parent or carer."))
    try:
        return case_services.link_create(
            case=case,
            purpose=SPACE_LINK,
            target_id=None,
            person=person,
            name=name,
            by=by,
            days=days,
            passcode=passcode,
            what="their space",
        )
    except case_services.LinkError as error:
        raise SpaceError(str(error)) from error


@transaction.atomic
def outcome_export_recorded(*, by: User, team: Team, periods: list[Period], per: str, rows: int) -> None:
    """Record that `by` downloaded the team's anonymised outcome export: the team, the period and the number of
    rows. The export belongs to no one case, so the entry names none."""
    what = f"outcome export of {team.name}: {periods[0].label} to {periods[-1].label} by {per}, {rows} rows"
    audit.record(user=by, case=None, action=AuditEvent.Action.VIEW, what=what)
