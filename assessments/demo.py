"""Demo: one working link, for Destiny's "About me", for Destiny, with no passcode. A token is never
stored, so each seeding makes a fresh link (and revokes the previous demo ones)."""

from django.utils import timezone

from accounts.models import User
from cases.models import Case

from . import services
from .models import SharedLink
from .sections import Audience, SectionKind


def seed(people: dict[str, User], cases: dict[str, Case]) -> str:
    destiny = cases["destiny"]
    section = destiny.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    SharedLink.objects.filter(case=destiny, section=section, revoked_at__isnull=True).update(revoked_at=timezone.now())
    _, token = services.link_create(section=section, contributor=Audience.YOUNG_PERSON, name="", by=people["worker"])
    return token
