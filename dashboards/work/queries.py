"""What "My work" shows, found for one person: each list one query, whatever the number of cases or items.

Whose work: the open cases the person is the key worker or the plan coordinator of, always among those the
access policy lets them see (`access.visible_cases`). The words of young people and families come only from
the cases they may change (`access.changeable_cases`: the people who read a family's sent words, as
`access.words_reader` says), and never a draft. Missing episodes come through `access.visible_entries_q`, so
a restricted one shows only to those who may read it. A feedback answer's words show only where the writer
let their worker read them (or to the team's manager: `access.may_read_all_feedback_words`)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Avg, Count, F, Q, QuerySet, TextField, Value, When
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


def my_changeable_cases(user: User) -> QuerySet[Case]:
    """`my_cases` that they may also change: whose family's sent words, alerts and feedback they read."""
    return my_cases(user).filter(pk__in=access.changeable_cases(user).values("pk"))


def caseload(user: User) -> list[Case]:
    """Their open cases with the Cases page's flags, by the young person's name."""
    cases = with_flags(my_cases(user), user).select_related("young_person", "key_worker", "plan_coordinator")
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


def _reviews(cases: QuerySet[Case], today: date) -> list[Item]:
    found = ReviewPoint.objects.filter(
        held_at__isnull=True, assessment__case__in=cases, due_on__lte=today + WEEK
    ).select_related("assessment__case__young_person")
    return [
        Item(
            _("Assessment review"),
            review.assessment.case,
            review.due_on,
            _case_url("assessments:reviews", review.assessment.case_id),
            overdue=review.due_on < today,
        )
        for review in found.order_by("due_on", "pk")[:SHOWN]
    ]


def _interviews(user: User, cases: QuerySet[Case], now: datetime) -> list[Item]:
    found = TimelineEntry.objects.filter(
        access.visible_entries_q(user),
        case__in=cases,
        kind=TimelineEntry.Kind.MISSING,
        return_interview_done_at__isnull=True,
        return_interview_due_at__isnull=False,
        return_interview_due_at__lte=now + WEEK,
    ).select_related("case__young_person")
    return [
        Item(
            _("Return home interview"),
            entry.case,
            entry.return_interview_due_at,
            _case_url("cases:timeline-entry", entry.case_id, entry.pk),
            overdue=entry.return_interview_due_at < now,
        )
        for entry in found.order_by("return_interview_due_at", "pk")[:SHOWN]
        if entry.return_interview_due_at is not None
    ]


def _meetings(cases: QuerySet[Case], now: datetime) -> list[Item]:
    """Planned meetings of the week ahead, and those whose time has passed with nothing recorded yet."""
    found = Meeting.objects.filter(
        case__in=cases, status=Meeting.Status.PLANNED, starts_at__lte=now + WEEK
    ).select_related("case__young_person")
    return [
        Item(
            str(meeting) if meeting.starts_at >= now else _("%(meeting)s to record") % {"meeting": meeting},
            meeting.case,
            meeting.starts_at,
            _case_url("plans:meeting", meeting.case_id, meeting.pk),
            overdue=meeting.starts_at < now,
            detail=meeting.place,
        )
        for meeting in found.order_by("starts_at", "pk")[:SHOWN]
    ]


def _actions(cases: QuerySet[Case], today: date) -> list[Item]:
    found = (
        Action.objects.live()
        .filter(
            done_at__isnull=True,
            goal__removed_at__isnull=True,
            goal__plan__case__in=cases,
            due_on__lte=today + WEEK,
        )
        .select_related("goal__plan__case__young_person")
    )
    return [
        Item(
            _("Plan action: %(what)s") % {"what": action.what},
            action.goal.plan.case,
            action.due_on,
            _case_url("plans:plan", action.goal.plan.case_id),
            overdue=action.due_on < today,
            detail=action.who_name,
        )
        for action in found.order_by("due_on", "pk")[:SHOWN]
    ]


def _asked_of(rhythm: Rhythm) -> str:
    return rhythm.person_name or str(rhythm.get_person_display())


def _requests(cases: QuerySet[Case], now: datetime) -> list[Item]:
    """Check-ins and feedback asked lately and not answered yet, and those to be asked in the week ahead."""
    waiting = Request.objects.filter(
        case__in=cases, answered_at__isnull=True, rhythm__stopped_at__isnull=True, due_at__gte=now - UNANSWERED_FOR
    ).filter(due_at__lte=now)
    coming = Rhythm.objects.filter(case__in=cases, stopped_at__isnull=True, next_due_at__lte=now + WEEK)
    items = [
        Item(
            _("%(kind)s not answered yet") % {"kind": asked.get_kind_display()},
            asked.rhythm.case,
            asked.due_at,
            _case_url("feedback:case-voice", asked.case_id),
            overdue=True,
            detail=_asked_of(asked.rhythm),
        )
        for asked in waiting.select_related("rhythm__case__young_person").order_by("due_at", "pk")[:SHOWN]
    ]
    items += [
        Item(
            _("%(kind)s to be asked") % {"kind": rhythm.get_kind_display()},
            rhythm.case,
            max(rhythm.next_due_at, now),
            _case_url("feedback:case-rhythms", rhythm.case_id),
            detail=_asked_of(rhythm),
        )
        for rhythm in coming.select_related("case__young_person").order_by("next_due_at", "pk")[:SHOWN]
    ]
    return items


def due_this_week(user: User) -> list[Item]:
    """Everything of theirs that is overdue or due in the next seven days: overdue first, then by date."""
    now = timezone.now()
    today = timezone.localdate(now)
    cases = my_cases(user)
    items = _reviews(cases, today) + _interviews(user, cases, now) + _meetings(cases, now) + _actions(cases, today)
    items += _requests(my_changeable_cases(user), now)
    return sorted(items, key=lambda item: (not item.overdue, item.day, item.time, item.case.pk))


def _contributions(cases: QuerySet[Case]) -> list[Item]:
    """Parts of the assessment the young person or their family sent, not yet added (never a draft)."""
    found = Contribution.objects.filter(
        author__isnull=True, status=Contribution.Status.SENT, section__assessment__case__in=cases
    ).select_related("section__assessment__case__young_person")
    return [
        Item(
            _("Sent their words for “%(section)s”") % {"section": words.section},
            words.section.assessment.case,
            words.sent_at or words.updated_at,
            _case_url("assessments:section", words.section.assessment.case_id, words.section.kind),
            detail=words.who,
        )
        for words in found.order_by("-sent_at", "-pk")[:SHOWN]
    ]


def _key_person_words(cases: QuerySet[Case], now: datetime) -> list[Item]:
    found = (
        KeyPersonWords.objects.live()
        .filter(plan__case__in=cases, created_at__gte=now - NEW_FOR)
        .select_related("plan__case__young_person")
    )
    return [
        Item(
            _("Added their words to the plan"),
            words.plan.case,
            words.created_at,
            _case_url("plans:plan", words.plan.case_id),
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


def _network_changes(cases: QuerySet[Case]) -> list[Item]:
    found = NetworkChange.objects.filter(case__in=cases, seen_at__isnull=True).select_related(
        "case__young_person", "member"
    )
    return [
        Item(
            _change_words(change),
            change.case,
            change.at,
            _case_url("cases:network", change.case_id) + "#their-changes",
            detail=str(change.get_person_display()),
        )
        for change in found.order_by("-at", "-pk")[:SHOWN]
    ]


def _meeting_choices(cases: QuerySet[Case], now: datetime) -> list[Item]:
    found = Meeting.objects.filter(
        case__in=cases, status=Meeting.Status.PLANNED, choices_at__gte=now - NEW_FOR
    ).select_related("case__young_person")
    return [
        Item(
            _("Made their choices for the %(meeting)s") % {"meeting": meeting},
            meeting.case,
            meeting.choices_at,
            _case_url("plans:meeting", meeting.case_id, meeting.pk),
            detail=meeting.choices_by or meeting.case.young_person.called,
        )
        for meeting in found.order_by("-choices_at", "-pk")[:SHOWN]
        if meeting.choices_at is not None
    ]


def new_words(user: User) -> list[Item]:
    """New words from young people and families on the cases whose family's words they read: newest first."""
    now = timezone.now()
    cases = my_changeable_cases(user)
    items = _contributions(cases) + _key_person_words(cases, now) + _network_changes(cases)
    items += _meeting_choices(cases, now)
    return sorted(items, key=lambda item: item.when, reverse=True)


def low_check_ins(user: User) -> list[CheckInAlert]:
    """Low or falling check-ins no one has yet said what they did about, oldest first."""
    found = CheckInAlert.objects.filter(case__in=my_changeable_cases(user), handled_at__isnull=True)
    return list(found.select_related("case__young_person", "check_in").order_by("made_at", "pk")[:SHOWN])


@dataclass(frozen=True)
class Feedback:
    answers: list[FeedbackAnswer]
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
    latest = answers.defer("better").annotate(words=words).select_related("case__young_person")
    averages = answers.aggregate(count=Count("pk"), listened=Avg("listened"), there=Avg("there_when_needed"))
    return Feedback(
        answers=list(latest.order_by("-at", "-pk")[:FEEDBACK_SHOWN]),
        count=averages["count"],
        listened=averages["listened"],
        there_when_needed=averages["there"],
    )
