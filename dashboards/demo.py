"""The demo's spaces: Destiny's own space, behind the passcode she chose with her worker, and what she has
said there about the people around her (her worker sees each change and what was there before)."""

from django.utils import timezone

from accounts.models import User
from cases import services as case_services
from cases.models import Case, NetworkChange, NetworkMember, Person, SharedLink

from . import services
from .space import SPACE_LINK

DEMO_PASSCODE = "otter"


def seed(people: dict[str, User], cases: dict[str, Case]) -> str:
    """A fresh link to Destiny's space; returns its token. A token is never stored, so each seeding makes a
    new link and revokes the last."""
    case = cases["destiny"]
    SharedLink.objects.filter(case=case, purpose=SPACE_LINK, revoked_at__isnull=True).update(revoked_at=timezone.now())
    link, token = services.space_link_create(
        case=case, person=Person.YOUNG_PERSON, name="", by=people["worker"], days=30, passcode=DEMO_PASSCODE
    )
    _her_people(case, link)
    return token


def _her_people(case: Case, link: SharedLink) -> None:
    """Mum moved closer, the older group further away and said to make her feel unsafe, and her aunt added."""
    if NetworkChange.objects.filter(member__case=case).exists():
        return
    members = {m.name: m for m in NetworkMember.objects.filter(case=case, removed_at__isnull=True)}
    case_services.network_move(member=members["Mum"], link=link, closer=True)
    case_services.network_move(member=members["Older group"], link=link, closer=False)
    case_services.network_say_unsafe(member=members["Older group"], link=link, unsafe=True)
    case_services.network_add_own(link=link, name="Aunty Jas", relationship="My aunty", own_closeness="close")
