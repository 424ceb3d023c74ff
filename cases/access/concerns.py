"""The register of persons, places, vehicles and online accounts of concern: who reads a team's register,
who adds to it, and which of an entry's links to cases a person sees.

- A team's register is read by the team's managers, and by the people who work on at least one of the
  team's cases (may see it): its ACT workers and plan coordinators, and partner agency workers from a
  police agency (police share this information at MACE meetings and hold most of it). Nobody else: another
  agency's worker, an administrator, a worker of another team, a member of the team with no case of it (a
  manager whose role was changed). A register they may not read answers 404.
- The team's staff who read its register (managers, workers and coordinators of the team) add entries,
  change them and link them to the cases they may change. Police partners read.
- A link is seen only with a case the person may see (the rule of linked young people, `case.linked_cases`):
  a link to a case they may not see is not shown, not counted, not drawn. Every getter here filters by it.
"""

from django.db.models import Count, Exists, Q, QuerySet
from django.http import Http404

from accounts.models import PartnerAgency, Team, User

from ..models import Case, ConcernEntry, ConcernLink
from .case import VIEW, _ids, is_active, managed_team_id, visible_cases

# The roles of a team's staff: they add to their own team's register (once they read it).
STAFF_ROLES = frozenset({User.Role.ACT_WORKER, User.Role.MANAGER, User.Role.PLAN_COORDINATOR})


def register_team_ids(user: User) -> QuerySet:
    """The ids of the teams whose register this person reads, as a subquery (no query of its own)."""
    team_id = managed_team_id(user)
    if team_id is not None:
        return Team.objects.filter(pk=team_id).values("pk")
    if not is_active(user):
        return Team.objects.none().values("pk")
    if user.role in STAFF_ROLES:
        return visible_cases(user).values("team_id")
    if user.is_partner:
        police = PartnerAgency.objects.filter(workers__pk=user.pk, kind=PartnerAgency.Kind.POLICE)
        return visible_cases(user).filter(Exists(police)).values("team_id")
    return Team.objects.none().values("pk")


def reads_register_of(user: User, team_id: int) -> bool:
    """Whether this person reads the register of this team (a manager of their own team: no query)."""
    managed = managed_team_id(user)
    if managed is not None:
        return managed == team_id
    return Team.objects.filter(pk=team_id, pk__in=register_team_ids(user)).exists()


def reads_a_register(user: User) -> bool:
    """Whether this person reads any team's register (a manager: no query)."""
    if managed_team_id(user) is not None:
        return True
    return Team.objects.filter(pk__in=register_team_ids(user)).exists()


def _staff_team_id(user: User) -> int | None:
    """The team whose register this person may add to, by their role: their own (if they read it)."""
    if is_active(user) and user.role in STAFF_ROLES and user.team_id is not None:
        return user.team_id
    return None


def _visible_case_ids(user: User) -> QuerySet:
    return _ids(user, VIEW) if is_active(user) else Case.objects.none().values("pk")


def visible_concerns(user: User) -> QuerySet[ConcernEntry]:
    """The entries of the registers this person reads, each with `case_count`: how many cases they may see
    it is linked to (never counting a case they may not see). One query, however many links."""
    shown = Q(links__case__in=_visible_case_ids(user))
    return ConcernEntry.objects.filter(team_id__in=register_team_ids(user)).annotate(
        case_count=Count("links", filter=shown)
    )


def changeable_concerns(user: User) -> QuerySet[ConcernEntry]:
    """The entries this person may change and link to cases: those of their own team, if they are its staff."""
    team_id = _staff_team_id(user)
    if team_id is None:
        return ConcernEntry.objects.none()
    return ConcernEntry.objects.filter(team_id=team_id, team_id__in=register_team_ids(user))


def get_concern_for_view(user: User, pk) -> ConcernEntry:
    found = visible_concerns(user).filter(pk=pk).select_related("team", "created_by").first()
    if found is None:
        raise Http404("No such entry.")
    return found


def get_concern_for_change(user: User, pk) -> ConcernEntry:
    found = changeable_concerns(user).filter(pk=pk).select_related("team").first()
    if found is None:
        raise Http404("No such entry.")
    return found


def concern_team_for_change(user: User) -> int:
    """The team to whose register this person adds a new entry; 404 for anyone who adds to none."""
    team_id = _staff_team_id(user)
    if team_id is None or not reads_register_of(user, team_id):
        raise Http404("No register.")
    return team_id


def visible_concern_links(user: User) -> QuerySet[ConcernLink]:
    """The links this person sees: of entries of a register they read, to cases they may see."""
    return ConcernLink.objects.filter(
        entry__team_id__in=register_team_ids(user), case__in=_visible_case_ids(user)
    ).select_related("case__young_person", "entry")


def case_concern_links(user: User, case: Case) -> QuerySet[ConcernLink]:
    """For a case's concerns page: the links of the entries linked to this case, to this case and to the
    other cases this person may see (a case they may not see is left out entirely). One query."""
    entries = ConcernLink.objects.filter(case=case).values("entry_id")
    return visible_concern_links(user).filter(entry_id__in=entries).order_by("entry__name", "entry_id", "-noticed_on")


def get_case_for_concerns(user: User, case: Case) -> Case:
    """The case (already fetched by a getter that decided this person may see it), if they also read its
    team's register; otherwise 404, like a case that does not exist."""
    if not reads_register_of(user, case.team_id):
        raise Http404("No such case.")
    return case


def map_links(user: User) -> QuerySet[ConcernLink]:
    """The links of the map of the manager's team: every link of its register to a case they may see.
    404 for anyone who manages no team."""
    team_id = managed_team_id(user)
    if team_id is None:
        raise Http404("No map.")
    return (
        ConcernLink.objects.filter(entry__team_id=team_id, case__in=_visible_case_ids(user))
        .select_related("case__young_person", "entry")
        .order_by("entry__name", "entry_id", "case_id")
    )
