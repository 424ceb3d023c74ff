"""Missing episodes in depth: who reads what a return home interview was told when it is restricted, and
which other young people's cases a person may name (or see named) as being with them."""

from django.db.models import QuerySet

from accounts.models import User

from ..models import Case, ConcernEntry, MissingEpisode
from .case import is_active, managed_team_id, visible_cases
from .concerns import changeable_concerns, visible_concerns


def may_read_restricted(user: User, case: Case, author_id: int | None) -> bool:
    """The rule of restricted timeline entries (`visible_entries_q`), for one restricted thing written by
    `author_id` on `case`: the key worker, the team's managers and the person who wrote it. Decided from
    the case and the user alone: no query."""
    if not is_active(user):
        return False
    if user.pk in (author_id, case.key_worker_id):
        return True
    return managed_team_id(user) == case.team_id


def companion_choices(user: User, case: Case) -> QuerySet[Case]:
    """The cases this person may name as being with the young person on a missing episode: other cases of
    the same team that they may see."""
    return (
        visible_cases(user)
        .filter(team_id=case.team_id)
        .exclude(pk=case.pk)
        .select_related("young_person")
        .order_by("young_person__given_name", "young_person__family_name", "pk")
    )


def episode_companions(user: User, episode: MissingEpisode) -> QuerySet[Case]:
    """The young people named as being with them whose cases this person may see (one named on a case they
    may not see is not shown at all: even its existence would say something)."""
    return (
        episode.with_cases.filter(pk__in=visible_cases(user).values("pk"))
        .select_related("young_person")
        .order_by("young_person__given_name", "pk")
    )


def concern_choices(user: User, case: Case) -> QuerySet[ConcernEntry]:
    """The entries of the case's team's register this person may name as being with the young person on a
    missing episode (and so link to the case): those they may change."""
    return changeable_concerns(user).filter(team_id=case.team_id).order_by("kind", "name", "pk")


def episode_concerns(user: User, episode: MissingEpisode) -> QuerySet[ConcernEntry]:
    """The register's entries named as being with them that this person reads (none for someone who reads no
    register)."""
    return episode.with_concerns.filter(pk__in=visible_concerns(user).values("pk")).order_by("kind", "name", "pk")
