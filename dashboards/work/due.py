"""My work's "this week": what is overdue, and what falls due in the next seven days, on the person's own
cases (`mine.Mine`): reviews, return home interviews, meetings, plan actions, check-ins and feedback. Missing
episodes come through `access.visible_entries_q`, so a restricted one shows only to those who may read it."""

from datetime import date, datetime

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from cases import access
from cases.models import TimelineEntry
from feedback.models import Request, Rhythm
from plans.models import Action, Meeting

from .mine import MEETING_FIELDS, SHOWN, UNANSWERED_FOR, WEEK, Item, Mine, case_url


def _reviews(mine: Mine, today: date) -> list[Item]:
    due = [case for case in mine.cases.values() if case.open_review_due and case.open_review_due <= today + WEEK]  # type: ignore[attr-defined]
    due.sort(key=lambda case: (case.open_review_due, case.open_review_id))  # type: ignore[attr-defined]
    return [
        Item(
            _("Assessment review"),
            case,
            case.open_review_due,  # type: ignore[attr-defined]
            case_url("assessments:reviews", case.pk),
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
            case_url("cases:timeline-entry", entry.case_id, entry.pk),
            overdue=entry.return_interview_due_at < now,
        )
        for entry in found.order_by("return_interview_due_at", "pk")[:SHOWN]
        if entry.return_interview_due_at is not None
    ]


def _meetings(mine: Mine, now: datetime) -> list[Item]:
    """Planned meetings of the week ahead, and those whose time has passed with nothing recorded yet."""
    found = Meeting.objects.filter(case_id__in=mine.ids, status=Meeting.Status.PLANNED, starts_at__lte=now + WEEK)
    return [
        Item(
            str(meeting) if meeting.starts_at >= now else _("%(meeting)s to record") % {"meeting": meeting},
            mine.cases[meeting.case_id],
            meeting.starts_at,
            case_url("plans:meeting", meeting.case_id, meeting.pk),
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
            case_url("plans:plan", action.of_case),
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
            case_url("feedback:case-voice", asked.case_id),
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
            case_url("feedback:case-rhythms", rhythm.case_id),
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
