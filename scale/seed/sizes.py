"""How much to build: everything scales with the number of cases, from Greater Manchester's size."""

from dataclasses import dataclass

DEFAULT_CASES = 10_000
# Per 10,000 cases.
TEAMS = 10
STAFF = 300
PARTNERS = 50
TIMELINE_ENTRIES = 500_000
REVIEW_POINTS = 100_000

# Each team: its managers and plan coordinators; the rest of its staff are ACT workers.
MANAGERS_PER_TEAM = 2
COORDINATORS_PER_TEAM = 3
# The one case of the measured worker that has a long timeline and everything else.
BUSY_TIMELINE = 200


def _scaled(per_default: int, cases: int, least: int) -> int:
    return max(least, round(per_default * cases / DEFAULT_CASES))


@dataclass(frozen=True)
class Sizes:
    cases: int
    teams: int
    staff_per_team: int
    partners: int
    timeline_entries: int
    review_points: int

    @classmethod
    def for_cases(cls, cases: int) -> "Sizes":
        teams = _scaled(TEAMS, cases, 2)
        staff = _scaled(STAFF, cases, 0)
        return cls(
            cases=cases,
            teams=teams,
            # At least a manager, a coordinator and two workers in every team, however small.
            staff_per_team=max(4, staff // teams),
            partners=_scaled(PARTNERS, cases, 3),
            timeline_entries=max(_scaled(TIMELINE_ENTRIES, cases, 0), cases * 2 + BUSY_TIMELINE),
            review_points=max(_scaled(REVIEW_POINTS, cases, 0), cases),
        )

    @property
    def managers_per_team(self) -> int:
        return MANAGERS_PER_TEAM if self.staff_per_team >= 10 else 1

    @property
    def coordinators_per_team(self) -> int:
        return COORDINATORS_PER_TEAM if self.staff_per_team >= 10 else 1

    @property
    def workers_per_team(self) -> int:
        return self.staff_per_team - self.managers_per_team - self.coordinators_per_team
