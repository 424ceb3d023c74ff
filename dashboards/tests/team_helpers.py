"""Making the record the manager's dashboard counts, row by row (quick: the figures read rows, not services)."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from assessments.models import ReviewPoint, TimescaleAgreement
from cases.models import Case, Move, TimelineEntry
from dashboards.team.figures import Scope
from feedback.models import CheckIn, CheckInAlert, FeedbackAnswer
from plans.models import FamilyPlan, Goal, GoalRating, Meeting


def days_ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)


def scope_for(manager, *, worker=None, days=91) -> Scope:
    assert manager.team_id is not None
    return Scope(user=manager, team_id=manager.team_id, worker=worker, days=days, today=timezone.localdate())


def agreed_timescale(case: Case, *, target: date, by) -> None:
    TimescaleAgreement.objects.create(
        assessment=case.assessment,
        getting_to_know_weeks=6,
        engagement_strategy="Meet at the youth club",
        target_date=target,
        status=TimescaleAgreement.Status.AGREED,
        created_by=by,
    )
    # As the decision does (assessments.services.timescale_decide).
    case.assessment.agreed_target_on = target
    case.assessment.save(update_fields=["agreed_target_on"])


def review_due(case: Case, due_on: date) -> None:
    """The case's open review point (a case starts with one) is due on `due_on`."""
    ReviewPoint.objects.update_or_create(assessment=case.assessment, held_at=None, defaults={"due_on": due_on})


def missing_episode(case: Case, *, back: datetime, done: datetime | None = None, by, restricted=False):
    entry = TimelineEntry(
        case=case,
        kind=TimelineEntry.Kind.MISSING,
        occurred_at=back - timedelta(hours=10),
        returned_at=back,
        return_interview_done_at=done,
        summary="Missing overnight",
        author=by,
        restricted=restricted,
    )
    entry.save()  # sets the 72 hours
    return entry


def first_contact(case: Case, at: datetime, *, by) -> None:
    TimelineEntry.objects.create(
        case=case, kind=TimelineEntry.Kind.CONTACT, occurred_at=at, summary="First visit", author=by
    )


def ambitions_held(case: Case, at: datetime, *, by) -> Meeting:
    return Meeting.objects.create(
        case=case,
        kind=Meeting.Kind.AMBITIONS,
        starts_at=at,
        place="Youth centre",
        organiser=by,
        created_by=by,
        status=Meeting.Status.HELD,
        held_at=at,
    )


def ratings(case: Case, scores: list[tuple[int, datetime]], *, by) -> Goal:
    plan, _made = FamilyPlan.objects.get_or_create(case=case, defaults={"created_by": by})
    goal = Goal.objects.create(plan=plan, owner="young_person", words="Back at school")
    for score, at in scores:
        GoalRating.objects.create(goal=goal, score=score, rated_by="young_person", rated_by_name="Her", rated_at=at)
    return goal


def check_in(case: Case, score: int, at: datetime, *, person="young_person", alert=False) -> CheckIn:
    made = CheckIn.objects.create(
        case=case,
        person=person,
        mood=score,
        outlook=score,
        healthy_relationships=score,
        self_feeling=score,
        relationships=score,
    )
    CheckIn.objects.filter(pk=made.pk).update(at=at)  # `at` is set on creation
    if alert:
        made_alert = CheckInAlert.objects.create(check_in=made, case=case, reasons="mood: 1")
        CheckInAlert.objects.filter(pk=made_alert.pk).update(made_at=at)
    return made


def feedback(case: Case, listened: int, there: int, at: datetime) -> FeedbackAnswer:
    answer = FeedbackAnswer.objects.create(case=case, person="young_person", listened=listened, there_when_needed=there)
    FeedbackAnswer.objects.filter(pk=answer.pk).update(at=at)
    return answer


def move(case: Case, moved_on: date, *, planned: bool, by) -> Move:
    return Move.objects.create(
        case=case, moved_on=moved_on, to_kind="family", planned=planned, reason="Closer to school", recorded_by=by
    )
