"""Who the manager may allocate a referral to: each worker of the team with their open caseload, and
whether they already work with this young person or with young people linked to them. A fixed number of
queries, however many workers and cases the team has."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext, ngettext

from accounts.models import User

from .models import Case, CaseLink, Referral, Stage

# Who may hold a case as its key worker.
KEY_WORKER_ROLES = (User.Role.ACT_WORKER, User.Role.MANAGER)


@dataclass
class Allocatable:
    """A worker the referral may be allocated to."""

    worker: User
    open_cases: int
    works_with: list[str] = field(default_factory=list)

    @property
    def hint(self) -> str:
        """ "8 open cases. Key worker of Mia Roberts. Works with Destiny Jones (linked case)."""
        parts = [
            ngettext("%(count)d open case.", "%(count)d open cases.", self.open_cases) % {"count": self.open_cases}
        ]
        return " ".join([*parts, *self.works_with])


def team_workers(team_id: int):
    return User.objects.filter(team_id=team_id, is_active=True, role__in=KEY_WORKER_ROLES)


def allocation_choices(referral: Referral) -> list[Allocatable]:
    """Each worker of the referral's team, with their open caseload (one query for all of them), marked
    where they already work with the young person (a referral linked to a young person the team knows)
    or with a young person whose case is linked to theirs."""
    open_cases = Count("key_worker_cases", filter=~Q(key_worker_cases__stage=Stage.CLOSED))
    workers = (
        team_workers(referral.team_id).annotate(open_cases=open_cases).order_by("first_name", "last_name", "username")
    )
    works_with = _works_with(referral)
    return [Allocatable(worker, worker.open_cases, works_with.get(worker.pk, [])) for worker in workers]


def _works_with(referral: Referral) -> dict[int | None, list[str]]:
    """What each worker already has to do with the referral's young person: by worker id, in words."""
    found: dict[int | None, list[str]] = defaultdict(list)  # by key worker; every case here has one
    young_person_id = referral.possible_duplicate_id
    if young_person_id is None or referral.duplicate_choice != Referral.DuplicateChoice.LINKED:
        return found
    own = Q(young_person_id=young_person_id)
    for case in Case.objects.filter(own, key_worker__isnull=False).select_related("young_person"):
        if case.is_closed:
            found[case.key_worker_id].append(gettext("Was key worker of %(name)s.") % {"name": case.young_person})
        else:
            found[case.key_worker_id].append(gettext("Key worker of %(name)s now.") % {"name": case.young_person})
    links = CaseLink.objects.filter(
        Q(case_a__young_person_id=young_person_id) | Q(case_b__young_person_id=young_person_id)
    )
    linked = (
        Case.objects.filter(
            Q(pk__in=links.values("case_a")) | Q(pk__in=links.values("case_b")), key_worker__isnull=False
        )
        .exclude(own)
        .exclude(stage=Stage.CLOSED)
    )
    for case in linked.select_related("young_person"):
        found[case.key_worker_id].append(gettext("Works with %(name)s (a linked case).") % {"name": case.young_person})
    return found
