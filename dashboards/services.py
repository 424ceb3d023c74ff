"""Writes of the dashboards: the space link."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from cases import services as case_services
from cases.models import Case, Person, SharedLink

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
