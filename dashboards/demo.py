"""The demo's spaces: Destiny's own space, behind the passcode she chose with her worker."""

from django.utils import timezone

from accounts.models import User
from cases.models import Case, Person, SharedLink

from . import services
from .space import SPACE_LINK

DEMO_PASSCODE = "otter"


def seed(people: dict[str, User], cases: dict[str, Case]) -> str:
    """A fresh link to Destiny's space; returns its token. A token is never stored, so each seeding makes a
    new link and revokes the last."""
    case = cases["destiny"]
    SharedLink.objects.filter(case=case, purpose=SPACE_LINK, revoked_at__isnull=True).update(revoked_at=timezone.now())
    _link, token = services.space_link_create(
        case=case, person=Person.YOUNG_PERSON, name="", by=people["worker"], days=30, passcode=DEMO_PASSCODE
    )
    return token
