"""Teams, partner agencies and every sign-in: ACT workers, managers and plan coordinators in each team,
partner agency workers, and one administrator. The password is hashed once, with the normal hasher, and
the same hash given to everyone (hashing 350 times would take most of a minute)."""

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from accounts.models import PartnerAgency, Team, User

from . import bulk
from .sizes import Sizes
from .words import Words

# The published password of a measuring dataset, never of a real service.
PASSWORD = "scale-seed-2026"  # noqa: S105

BOROUGHS = ["Rochdale", "Wigan", "Bolton", "Bury", "Oldham", "Salford", "Stockport", "Tameside", "Trafford"]
BOROUGHS += ["Manchester"]
AGENCIES = [
    ("Greater Manchester Police", PartnerAgency.Kind.POLICE),
    ("Northern Care Alliance NHS", PartnerAgency.Kind.HEALTH),
    ("Healthy Young Minds (CAMHS)", PartnerAgency.Kind.CAMHS),
    ("Education Welfare Service", PartnerAgency.Kind.SCHOOL),
    ("Early Break", PartnerAgency.Kind.DRUG_ALCOHOL),
    ("Children's Social Care", PartnerAgency.Kind.SOCIAL_CARE),
    ("The Children's Society", PartnerAgency.Kind.VOLUNTARY),
]


@dataclass
class TeamPeople:
    team_id: int
    managers: list[int] = field(default_factory=list)
    workers: list[int] = field(default_factory=list)
    coordinators: list[int] = field(default_factory=list)


@dataclass
class People:
    teams: list[TeamPeople]
    partners: list[int]
    partner_agency: dict[int, int]  # partner user id: their agency's id
    agency_names: dict[int, str]  # partner user id: their agency's name
    administrator: int
    usernames: dict[int, str]
    names: dict[int, str]  # user id: full name


def _team_name(index: int) -> str:
    borough = BOROUGHS[index % len(BOROUGHS)]
    round_ = index // len(BOROUGHS)
    return f"ACT {borough}" + (f" {round_ + 1}" if round_ else "")


def _user(words: Words, password: str, username: str, role: str, **fields) -> User:
    first, last = words.name()
    return User(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@scale.example",
        password=password,
        role=role,
        **fields,
    )


def _staff(team: Team, number: int, sizes: Sizes, words: Words, password: str) -> list[User]:
    key = f"t{number + 1:02d}"
    users = [
        _user(words, password, f"{key}-manager-{i + 1}", User.Role.MANAGER, team=team, job_title="ACT team manager")
        for i in range(sizes.managers_per_team)
    ]
    users += [
        _user(
            words,
            password,
            f"{key}-coordinator-{i + 1}",
            User.Role.PLAN_COORDINATOR,
            team=team,
            job_title="Independent reviewing officer",
            coordinator_kind=User.CoordinatorKind.IRO,
        )
        for i in range(sizes.coordinators_per_team)
    ]
    users += [
        _user(words, password, f"{key}-worker-{i + 1:02d}", User.Role.ACT_WORKER, team=team, job_title="ACT worker")
        for i in range(sizes.workers_per_team)
    ]
    return users


def build(*, sizes: Sizes, words: Words) -> People:
    password = make_password(PASSWORD)
    teams = [Team(name=_team_name(i), local_authority=f"{_team_name(i)[4:]} Council") for i in range(sizes.teams)]
    bulk.create(Team, teams)
    agencies = [PartnerAgency(name=name, kind=kind) for name, kind in AGENCIES]
    bulk.create(PartnerAgency, agencies)
    staff = [user for number, team in enumerate(teams) for user in _staff(team, number, sizes, words, password)]
    partners = [
        _user(
            words,
            password,
            f"partner-{i + 1:02d}",
            User.Role.PARTNER,
            agency=agencies[i % len(agencies)],
            job_title=f"{agencies[i % len(agencies)].get_kind_display()} worker",
        )
        for i in range(sizes.partners)
    ]
    admin = _user(words, password, "scale-admin", User.Role.ADMINISTRATOR, is_staff=True, job_title="Administrator")
    bulk.create(User, [*staff, *partners, admin])
    return _people(teams, staff, partners, admin)


def _people(teams: list[Team], staff: list[User], partners: list[User], admin: User) -> People:
    by_team = {team.pk: TeamPeople(team_id=team.pk) for team in teams}
    lists = {User.Role.MANAGER: "managers", User.Role.ACT_WORKER: "workers", User.Role.PLAN_COORDINATOR: "coordinators"}
    for user in staff:
        assert user.team_id is not None, "staff are made in a team"
        getattr(by_team[user.team_id], lists[User.Role(user.role)]).append(user.pk)
    everyone = [*staff, *partners, admin]
    return People(
        teams=list(by_team.values()),
        partners=[user.pk for user in partners],
        partner_agency={user.pk: user.agency_id for user in partners if user.agency_id},
        agency_names={user.pk: str(user.agency) for user in partners},
        administrator=admin.pk,
        usernames={user.pk: user.username for user in everyone},
        names={user.pk: user.get_full_name() for user in everyone},
    )
