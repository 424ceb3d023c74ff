"""What "My work" shows, found for one person: each list one query, whatever the number of cases or items.

Whose work: the open cases the person is the key worker or the plan coordinator of, always among those the
access policy lets them see (`access.visible_cases`). The words of young people and families come only from
the cases they may change (`access.changeable_cases`: the people who read a family's sent words, as
`access.words_reader` says), and never a draft. Missing episodes come through `access.visible_entries_q`, so
a restricted one shows only to those who may read it. A feedback answer's words show only where the writer
let their worker read them (or to the team's manager: `access.may_read_all_feedback_words`)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Avg,
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
    Window,
)
from django.db.models import Case as CaseWhen
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from assessments.models import Contribution, ReviewPoint
from cases import access
from cases.models import Case, NetworkChange, Stage, TimelineEntry
from cases.queries import with_flags
from feedback.models import CheckInAlert, FeedbackAnswer, Request, Rhythm
from plans.models import Action, KeyPersonWords, Meeting

# "This week": what is overdue, and what falls due in the next seven days.
WEEK = timedelta(days=7)
# Words with no "seen" of their own (a key person's words for the plan, a young person's meeting choices)
# count as new for two weeks.
NEW_FOR = timedelta(days=14)
# A check-in or feedback not answered is still worth a word for two weeks; after that it is history.
UNANSWERED_FOR = timedelta(days=14)
# The most items of one kind a list shows (the page stays light; each leads to where the rest are).
SHOWN = 50
FEEDBACK_SHOWN = 10
FEEDBACK_OVER = timedelta(days=91)  # three months


def my_cases(user: User) -> QuerySet[Case]:
    """The open cases this person is the key worker or the plan coordinator of, that they may see."""
    mine = Q(key_worker_id=user.pk) | Q(plan_coordinator_id=user.pk)
    return access.visible_cases(user).filter(mine).exclude(stage=Stage.CLOSED)


def _found_once(cases: QuerySet[Case], user: User) -> QuerySet[Case]:
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
        """From cases of `my_cases` annotated by `_found_once` (as `caseload` gives them)."""
        found = {case.pk: case for case in cases}
        return cls(cases=found, changeable=frozenset(pk for pk, case in found.items() if case.may_change))  # type: ignore[attr-defined]

    @classmethod
    def find(cls, user: User) -> "Mine":
        """For a list asked for on its own: one query."""
        return cls.of(_found_once(my_cases(user), user).select_related("young_person"))

    @property
    def ids(self) -> list[int]:
        return list(self.cases)

    @property
    def changeable_ids(self) -> list[int]:
        return sorted(self.changeable)


def caseload(user: User) -> list[Case]:
    """Their open cases with the Cases page's flags, by the young person's name; each with what `Mine.of`
    reads (`_found_once`)."""
    flagged = with_flags(my_cases(user), user).select_related("young_person", "key_worker", "plan_coordinator")
    cases = _found_once(flagged, user)
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


def _case_url(name: str, case_id: int, *args) -> str:
    return reverse(name, args=[case_id, *args])


def _reviews(mine: Mine, today: date) -> list[Item]:
    due = [case for case in mine.cases.values() if case.open_review_due and case.open_review_due <= today + WEEK]  # type: ignore[attr-defined]
    due.sort(key=lambda case: (case.open_review_due, case.open_review_id))  # type: ignore[attr-defined]
    return [
        Item(
            _("Assessment review"),
            case,
            case.open_review_due,  # type: ignore[attr-defined]
            _case_url("assessments:reviews", case.pk),
            overdue=case.open_review_due < today,  # type: ignore[attr-defined]
        )
        for case in due[:SHOWN]
    ]


def _interviews(user: User, mine: Mine, now: datetime) -> list[Item]:
    found = TimelineEntry.objects.filter(
        access.visible_entries_q(user),
        case_id__in=mine.ids,
        kind=TimelineEntry.Kind.MISSING,
        return_interview_done_at__isnull=True,
        return_interview_due_at__isnull=False,
        return_interview_due_at__lte=now + WEEK,
    ).only("case_id", "return_interview_due_at")
    return [
        Item(
            _("Return home interview"),
            mine.cases[entry.case_id],
            entry.return_interview_due_at,
            _case_url("cases:timeline-entry", entry.case_id, entry.pk),
            overdue=entry.return_interview_due_at < now,
        )
        for entry in found.order_by("return_interview_due_at", "pk")[:SHOWN]
        if entry.return_interview_due_at is not None
    ]


# What a meeting's item says of it (its name, when and where, who made choices): the meeting's own record
# (minutes, views, decisions) is not read here.
MEETING_FIELDS = ("case_id", "kind", "title", "starts_at", "place", "status", "choices_at", "choices_by")


def _meetings(mine: Mine, now: datetime) -> list[Item]:
    """Planned meetings of the week ahead, and those whose time has passed with nothing recorded yet."""
    found = Meeting.objects.filter(case_id__in=mine.ids, status=Meeting.Status.PLANNED, starts_at__lte=now + WEEK)
    return [
        Item(
            str(meeting) if meeting.starts_at >= now else _("%(meeting)s to record") % {"meeting": meeting},
            mine.cases[meeting.case_id],
            meeting.starts_at,
            _case_url("plans:meeting", meeting.case_id, meeting.pk),
            overdue=meeting.starts_at < now,
            detail=meeting.place,
        )
        for meeting in found.only(*MEETING_FIELDS).order_by("starts_at", "pk")[:SHOWN]
    ]


def _actions(mine: Mine, today: date) -> list[Item]:
    found = (
        Action.objects.live()
        .filter(
            done_at__isnull=True,
            goal__removed_at__isnull=True,
            goal__plan__case_id__in=mine.ids,
            due_on__lte=today + WEEK,
        )
        .annotate(of_case=F("goal__plan__case_id"))
    )
    return [
        Item(
            _("Plan action: %(what)s") % {"what": action.what},
            mine.cases[action.of_case],
            action.due_on,
            _case_url("plans:plan", action.of_case),
            overdue=action.due_on < today,
            detail=action.who_name,
        )
        for action in found.order_by("due_on", "pk")[:SHOWN]
    ]


def _asked_of(rhythm: Rhythm) -> str:
    return rhythm.person_name or str(rhythm.get_person_display())


def _requests(mine: Mine, now: datetime) -> list[Item]:
    """Check-ins and feedback asked lately and not answered yet, and those to be asked in the week ahead."""
    cases = mine.changeable_ids
    waiting = Request.objects.filter(
        case_id__in=cases, answered_at__isnull=True, rhythm__stopped_at__isnull=True, due_at__gte=now - UNANSWERED_FOR
    ).filter(due_at__lte=now)
    coming = Rhythm.objects.filter(case_id__in=cases, stopped_at__isnull=True, next_due_at__lte=now + WEEK)
    items = [
        Item(
            _("%(kind)s not answered yet") % {"kind": asked.get_kind_display()},
            mine.cases[asked.case_id],
            asked.due_at,
            _case_url("feedback:case-voice", asked.case_id),
            overdue=True,
            detail=_asked_of(asked.rhythm),
        )
        for asked in waiting.select_related("rhythm").order_by("due_at", "pk")[:SHOWN]
    ]
    items += [
        Item(
            _("%(kind)s to be asked") % {"kind": rhythm.get_kind_display()},
            mine.cases[rhythm.case_id],
            max(rhythm.next_due_at, now),
            _case_url("feedback:case-rhythms", rhythm.case_id),
            detail=_asked_of(rhythm),
        )
        for rhythm in coming.order_by("next_due_at", "pk")[:SHOWN]
    ]
    return items


def due_this_week(user: User, *, mine: Mine | None = None) -> list[Item]:
    """Everything of theirs that is overdue or due in the next seven days: overdue first, then by date. `mine`:
    their cases, when the page has found them already."""
    mine = mine if mine is not None else Mine.find(user)
    now = timezone.now()
    today = timezone.localdate(now)
    items = _reviews(mine, today) + _interviews(user, mine, now) + _meetings(mine, now) + _actions(mine, today)
    items += _requests(mine, now)
    return sorted(items, key=lambda item: (not item.overdue, item.day, item.time, item.case.pk))


def _contributions(mine: Mine) -> list[Item]:
    """Parts of the assessment the young person or their family sent, not yet added (never a draft)."""
    found = (
        Contribution.objects.filter(
            author__isnull=True, status=Contribution.Status.SENT, section__assessment__case_id__in=mine.changeable_ids
        )
        .defer("text")
        .select_related("section")
        .annotate(of_case=F("section__assessment__case_id"))
    )
    return [
        Item(
            _("Sent their words for “%(section)s”") % {"section": words.section},
            mine.cases[words.of_case],
            words.sent_at or words.updated_at,
            _case_url("assessments:section", words.of_case, words.section.kind),
            detail=words.who,
        )
        for words in found.order_by("-sent_at", "-pk")[:SHOWN]
    ]


def _key_person_words(mine: Mine, now: datetime) -> list[Item]:
    found = (
        KeyPersonWords.objects.live()
        .filter(plan__case_id__in=mine.changeable_ids, created_at__gte=now - NEW_FOR)
        .annotate(of_case=F("plan__case_id"))
    )
    return [
        Item(
            _("Added their words to the plan"),
            mine.cases[words.of_case],
            words.created_at,
            _case_url("plans:plan", words.of_case),
            detail=words.name,
        )
        for words in found.order_by("-created_at", "-pk")[:SHOWN]
    ]


def _change_words(change: NetworkChange) -> str:
    name = {"name": change.member.name, "after": change.after_words}
    if change.what == NetworkChange.What.ADDED:
        return _("Added %(name)s to their people") % name
    if change.what == NetworkChange.What.UNSAFE:
        if change.after == "yes":
            return _("Said %(name)s makes them feel unsafe") % name
        return _("Said %(name)s no longer makes them feel unsafe") % name
    return _("Changed how close %(name)s is: %(after)s") % name


def _network_changes(mine: Mine) -> list[Item]:
    found = NetworkChange.objects.filter(case_id__in=mine.changeable_ids, seen_at__isnull=True).select_related("member")
    return [
        Item(
            _change_words(change),
            mine.cases[change.case_id],
            change.at,
            _case_url("cases:network", change.case_id) + "#their-changes",
            detail=str(change.get_person_display()),
        )
        for change in found.order_by("-at", "-pk")[:SHOWN]
    ]


def _meeting_choices(mine: Mine, now: datetime) -> list[Item]:
    found = Meeting.objects.filter(
        case_id__in=mine.changeable_ids, status=Meeting.Status.PLANNED, choices_at__gte=now - NEW_FOR
    )
    return [
        Item(
            _("Made their choices for the %(meeting)s") % {"meeting": meeting},
            mine.cases[meeting.case_id],
            meeting.choices_at,
            _case_url("plans:meeting", meeting.case_id, meeting.pk),
            detail=meeting.choices_by or mine.cases[meeting.case_id].young_person.called,
        )
        for meeting in found.only(*MEETING_FIELDS).order_by("-choices_at", "-pk")[:SHOWN]
        if meeting.choices_at is not None
    ]


def new_words(user: User, *, mine: Mine | None = None) -> list[Item]:
    """New words from young people and families on the cases whose family's words they read: newest first.
    `mine`: their cases, when the page has found them already."""
    mine = mine if mine is not None else Mine.find(user)
    now = timezone.now()
    items = _contributions(mine) + _key_person_words(mine, now) + _network_changes(mine)
    items += _meeting_choices(mine, now)
    return sorted(items, key=lambda item: item.when, reverse=True)


def low_check_ins(user: User, *, mine: Mine | None = None) -> list[CheckInAlert]:
    """Low or falling check-ins no one has yet said what they did about, oldest first."""
    mine = mine if mine is not None else Mine.find(user)
    found = CheckInAlert.objects.filter(case_id__in=mine.changeable_ids, handled_at__isnull=True)
    alerts = list(found.order_by("made_at", "pk")[:SHOWN])
    for alert in alerts:
        # The case as found for the page, with its young person (the page names them).
        alert.case = mine.cases[alert.case_id]
    return alerts


@dataclass(frozen=True)
class Feedback:
    answers: Sequence[FeedbackAnswer]
    count: int
    listened: float | None
    there_when_needed: float | None


def feedback_about(user: User) -> Feedback:
    """Feedback on the cases they are the key worker of (it asks about "your worker"), of the last three months:
    the scores, and the words only where the writer let their worker read them (the team's manager reads them
    all). The words of the rest are never loaded."""
    cases = access.changeable_cases(user).filter(key_worker_id=user.pk)
    answers = FeedbackAnswer.objects.filter(case__in=cases, at__gte=timezone.now() - FEEDBACK_OVER)
    readable = Q(worker_may_read=True)
    team_id = access.managed_team_id(user)
    if team_id is not None:
        readable |= Q(case__team_id=team_id)
    words = CaseWhen(When(readable, then=F("better")), default=Value(""), output_field=TextField())
    # The number and the averages are of all the answers (a window over them all is computed before the
    # limit), carried on each of the latest: one query. No answer: no row, and nothing to average.
    latest = (
        answers.defer("better")
        .annotate(
            words=words,
            all_count=Window(Count("pk")),
            all_listened=Window(Avg("listened")),
            all_there=Window(Avg("there_when_needed")),
        )
        .select_related("case__young_person")
    )
    found = list(latest.order_by("-at", "-pk")[:FEEDBACK_SHOWN])
    first = found[0] if found else None
    return Feedback(
        answers=found,
        count=first.all_count if first else 0,
        listened=first.all_listened if first else None,
        there_when_needed=first.all_there if first else None,
    )
