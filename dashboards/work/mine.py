"""Whose work "My work" shows, found once for the page: the open cases the person is the key worker or the
plan coordinator of, always among those the access policy lets them see (`access.visible_cases`), each saying
whether they may also change it (`access.changeable_cases`). The page's lists (`due`, `words`, `alerts`) ask
for their rows by these cases' ids, each in one query, whatever the number of cases or items."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from assessments.models import ReviewPoint
from cases import access
from cases.models import Case, Stage
from cases.queries import with_flags

# "This week": what is overdue, and what falls due in the next seven days.
WEEK = timedelta(days=7)
# Words with no "seen" of their own (a key person's words for the plan, a young person's meeting choices)
# count as new for two weeks.
NEW_FOR = timedelta(days=14)
# A check-in or feedback not answered is still worth a word for two weeks; after that it is history.
UNANSWERED_FOR = timedelta(days=14)
# The most items of one kind a list shows (the page stays light; each leads to where the rest are).
SHOWN = 50


def my_cases(user: User) -> QuerySet[Case]:
    """The open cases this person is the key worker or the plan coordinator of, that they may see."""
    mine = Q(key_worker_id=user.pk) | Q(plan_coordinator_id=user.pk)
    return access.visible_cases(user).filter(mine).exclude(stage=Stage.CLOSED)


def found_once(cases: QuerySet[Case], user: User) -> QuerySet[Case]:
    """Each case says whether they may also change it (`access.changeable_cases`, asked once for them all),
    and which is its open review and when it is due: an assessment has at most one open review (the
    constraint `one_open_review`), so the list of reviews due is read from the cases themselves."""
    changeable = Q(pk__in=access.changeable_cases(user).values("pk"))
    open_review = ReviewPoint.objects.filter(assessment__case=OuterRef("pk"), held_at__isnull=True)
    return cases.annotate(
        may_change=ExpressionWrapper(changeable, output_field=BooleanField()),
        open_review_id=Subquery(open_review.values("pk")[:1]),
        open_review_due=Subquery(open_review.values("due_on")[:1]),
    )


@dataclass(frozen=True)
class Mine:
    """`my_cases`, found once for the page, each with its young person: every list below asks for its rows by
    these cases' ids (an index of each table) and takes the case from here, instead of asking the access policy
    again in each of its queries. `changeable`: those they may also change, whose family's sent words, alerts
    and feedback they read."""

    cases: dict[int, Case]
    changeable: frozenset[int]

    @classmethod
    def of(cls, cases: Iterable[Case]) -> "Mine":
        """From cases of `my_cases` annotated by `found_once` (as `caseload` gives them)."""
        found = {case.pk: case for case in cases}
        return cls(cases=found, changeable=frozenset(pk for pk, case in found.items() if case.may_change))  # type: ignore[attr-defined]

    @classmethod
    def find(cls, user: User) -> "Mine":
        """For a list asked for on its own: one query."""
        return cls.of(found_once(my_cases(user), user).select_related("young_person"))

    @property
    def ids(self) -> list[int]:
        return list(self.cases)

    @property
    def changeable_ids(self) -> list[int]:
        return sorted(self.changeable)


def caseload(user: User) -> list[Case]:
    """Their open cases with the Cases page's flags, by the young person's name; each with what `Mine.of`
    reads (`found_once`)."""
    flagged = with_flags(my_cases(user), user).select_related("young_person", "key_worker", "plan_coordinator")
    cases = found_once(flagged, user)
    return list(cases.order_by("young_person__given_name", "young_person__family_name", "pk"))


@dataclass(frozen=True)
class Item:
    """One thing on the page: what, about whose case, when, and the page where it is dealt with."""

    what: str
    case: Case
    when: date | datetime
    url: str
    overdue: bool = False
    detail: str = ""

    @property
    def has_time(self) -> bool:
        return isinstance(self.when, datetime)

    @property
    def time(self) -> time:
        """The time of day in the service's time zone; a date's items come first on their day."""
        return timezone.localtime(self.when).time() if isinstance(self.when, datetime) else time.min

    @property
    def day(self) -> date:
        return timezone.localdate(self.when) if isinstance(self.when, datetime) else self.when


def case_url(name: str, case_id: int, *args) -> str:
    return reverse(name, args=[case_id, *args])


# What a meeting's item says of it (its name, when and where, who made choices): the meeting's own record
# (minutes, views, decisions) is not read here.
MEETING_FIELDS = ("case_id", "kind", "title", "starts_at", "place", "status", "choices_at", "choices_by")
