"""Demo: one working link, for Destiny's "About me", for Destiny, with no passcode. A token is never
stored, so each seeding makes a fresh link (and revokes the previous demo ones)."""

from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from cases.models import Case, SharedLink

from . import services
from .models import ReviewPoint
from .sections import Audience, SectionKind


def _timescales(people, cases) -> None:
    today = timezone.localdate()
    destiny, emily = cases["destiny"].assessment, cases["emily"].assessment
    if not destiny.timescales.exists():
        proposal = services.timescale_propose(
            assessment=destiny,
            weeks=4,
            target_date=today + timedelta(weeks=8),
            by=people["worker"],
            strategy="Milkshakes at the retail park after school on Tuesdays; walks; texting first, never calling.",
        )
        services.timescale_decide(
            proposal=proposal,
            by=people["manager"],
            weeks=6,
            target_date=today + timedelta(weeks=10),
            comment="More time: she is wary of new adults after the last move.",
        )
    if not emily.timescales.exists():
        services.timescale_propose(
            assessment=emily,
            weeks=3,
            target_date=today + timedelta(weeks=6),
            by=people["worker"],
            strategy="Lunchtimes at school with her form teacher's help; chess club on Thursdays.",
        )


def seed(people: dict[str, User], cases: dict[str, Case]) -> str:
    _timescales(people, cases)
    # Emily's first review is in two days, so the reminder task has something to say in the demo.
    ReviewPoint.objects.filter(assessment=cases["emily"].assessment, held_at__isnull=True).update(
        due_on=timezone.localdate() + timedelta(days=2)
    )
    destiny = cases["destiny"]
    section = destiny.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    SharedLink.objects.filter(
        case=destiny, purpose=services.LINK_PURPOSE, target_id=section.pk, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    _, token = services.section_link_create(section=section, person=Audience.YOUNG_PERSON, name="", by=people["worker"])
    return token
