"""One thing of every kind "My work" shows, on one case: for the tests that count what the page shows."""

from datetime import timedelta

from django.utils import timezone

from assessments.models import Contribution, ReviewPoint
from assessments.sections import Audience, SectionKind
from cases.models import NetworkChange, OwnCloseness, TimelineEntry
from cases.tests.network import add
from cases.tests.timeline_helpers import came_back
from feedback.models import CheckIn, CheckInAlert, Kind, Request, Rhythm
from feedback.services import check_in_record
from feedback.tests.voice_helpers import a_rhythm, an_answer
from plans import services as plan_services
from plans.models import Meeting
from plans.services import meetings as plan_meetings

# What each kind of item is called on the page, as the tests look for it (with the young person's name).
DUE_KINDS = (
    "Assessment review",
    "Return home interview",
    "Plan action",
    "Check-in not answered yet",
    "Network meeting",
)
WORDS_KINDS = ("Sent their words", "Added their words to the plan", "Changed how close", "Made their choices")


def a_review(case, days: int) -> ReviewPoint:
    """The case's open review, due in `days` (negative: overdue)."""
    due_on = timezone.localdate() + timedelta(days=days)
    review, _made = ReviewPoint.objects.update_or_create(
        assessment=case.assessment, held_at__isnull=True, defaults={"due_on": due_on}
    )
    return review


def an_episode(case, by, *, interview_in_hours: float, restricted=False) -> TimelineEntry:
    """A missing episode they came back from, its return home interview due in `interview_in_hours`."""
    now = timezone.now()
    entry = came_back(case, by, away=timedelta(days=1), returned=timedelta(days=3), restricted=restricted)
    TimelineEntry.objects.filter(pk=entry.pk).update(return_interview_due_at=now + timedelta(hours=interview_in_hours))
    return entry


def a_meeting(case, by, *, in_days: float, place="The youth centre") -> Meeting:
    meeting = plan_meetings.meeting_plan(
        case=case,
        kind="network",
        title="",
        starts_at=timezone.now() + timedelta(days=max(in_days, 1)),
        minutes=60,
        place=place,
        attendees=[plan_meetings.AttendeeData(name="Destiny", role="Young person")],
        by=by,
    )
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() + timedelta(days=in_days))
    meeting.refresh_from_db()
    return meeting


def an_action(case, by, *, due_in_days: int, what="Ring the college"):
    plan = getattr(case, "family_plan", None) or plan_services.plan_start(case=case, by=by)
    goal = plan_services.goal_add(plan=plan, owner="young_person", owner_name="", words="College", why="", by=by)
    return plan_services.action_add(
        goal=goal, what=what, who_name="Jo", due_on=timezone.localdate() + timedelta(days=due_in_days), by=by
    )


def an_unanswered_check_in(case, by, *, days_ago: float = 1) -> Request:
    rhythm = a_rhythm(case, by)
    # Asked again only after the week under test, so the rhythm itself is not "to be asked" this week.
    Rhythm.objects.filter(pk=rhythm.pk).update(next_due_at=timezone.now() + timedelta(days=30))
    due = timezone.now() - timedelta(days=days_ago)
    return Request.objects.create(rhythm=rhythm, case=case, kind=Kind.CHECK_IN, due_at=due, sent_at=due)


def family_words(case, *, status=Contribution.Status.SENT) -> Contribution:
    section = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    sent = timezone.now() if status != Contribution.Status.DRAFT else None
    return Contribution.objects.create(
        section=section, contributor=Audience.YOUNG_PERSON, text="What I like", status=status, sent_at=sent
    )


def key_person_words(case, by):
    plan = getattr(case, "family_plan", None) or plan_services.plan_start(case=case, by=by)
    nan = add(case, name="Nan")
    link, _token = plan_services.plan_words_link_create(plan=plan, member=nan, agreed=True, by=by, days=14)
    return plan_services.key_person_words_add(words_link=link.plan_words_link, going_well="She laughs", will_do="")


def a_network_change(case) -> NetworkChange:
    member = add(case, name="Dad")
    return NetworkChange.objects.create(
        case=case, member=member, what=NetworkChange.What.CLOSENESS, before="", after=OwnCloseness.CLOSE
    )


def meeting_choices(case, by) -> Meeting:
    meeting = a_meeting(case, by, in_days=20)
    Meeting.objects.filter(pk=meeting.pk).update(choices_at=timezone.now(), chosen_place="The park")
    return meeting


def a_low_check_in(case) -> CheckInAlert:
    scores = {**dict.fromkeys(CheckIn.MEASURES, 3), "mood": 1}
    made = check_in_record(
        case=case, person="young_person", scores=scores, anything_else="", request=None, entered_by=None
    )
    return CheckInAlert.objects.get(check_in=made)


def every_kind(case, by) -> None:
    """One item of every kind on the case: five things due this week (two overdue), four new words, a low
    check-in and one feedback answer."""
    a_review(case, days=3)
    an_episode(case, by, interview_in_hours=-5)
    a_meeting(case, by, in_days=2)
    an_action(case, by, due_in_days=5)
    an_unanswered_check_in(case, by)
    family_words(case)
    key_person_words(case, by)
    a_network_change(case)
    meeting_choices(case, by)
    a_low_check_in(case)
    an_answer(case, "More time on Fridays", worker_may_read=True)
