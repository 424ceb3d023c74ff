"""Cases with a known history for the outcome export's tests: each record made through its service, then moved
back in time to the day the test says (the services stamp the present)."""

import csv
import io
from datetime import date, datetime, time

from django.utils import timezone

from cases import services as case_services
from cases.models import Case, Person, StageChange
from dashboards.export.periods import Month, first_day, month_add, month_of
from feedback import services as feedback_services
from feedback.models import CheckIn, FeedbackAnswer
from plans import services as plan_services
from plans.models import Goal

EXPORT_URL = "/dashboards/team/export/"


def months_ago(count: int) -> Month:
    return month_add(month_of(timezone.localdate()), -count)


def label(month: Month) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


def on(month: Month, day: int, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime.combine(date(month[0], month[1], day), time(hour)))


def day(month: Month, number: int) -> date:
    return date(month[0], month[1], number)


def opened_on(case: Case, when: datetime) -> Case:
    """The case as if opened at `when`: its opening and its first stage change."""
    Case.objects.filter(pk=case.pk).update(opened_at=when)
    StageChange.objects.filter(case=case, from_stage="").update(changed_at=when)
    case.refresh_from_db()
    return case


def last_stage_change_on(case: Case, when: datetime) -> None:
    StageChange.objects.filter(pk=case.stage_changes.order_by("-pk").values("pk")[:1]).update(changed_at=when)


def closed_on(case: Case, when: datetime, by) -> Case:
    case_services.case_close(case=case, reason="Goals met", outcome="goals_met", by=by)
    last_stage_change_on(case, when)
    Case.objects.filter(pk=case.pk).update(closed_at=when)
    case.refresh_from_db()
    return case


def goal_added(plan, when: datetime, by, words: str = "Go back to school") -> Goal:
    goal = plan_services.goal_add(plan=plan, owner="young_person", owner_name="", words=words, why="", by=by)
    Goal.objects.filter(pk=goal.pk).update(created_at=when)
    return goal


def rated(goal: Goal, score: int, when: datetime, by) -> None:
    plan_services.goal_rate(goal=goal, score=score, rated_by="worker", name="Jo", by=by, at=when)


def checked_in(case: Case, scores, when: datetime, person: str = Person.YOUNG_PERSON, words: str = "") -> CheckIn:
    values = dict(zip(CheckIn.MEASURES, scores, strict=True))
    check_in = feedback_services.check_in_record(
        case=case, person=person, scores=values, anything_else=words, request=None, entered_by=None
    )
    CheckIn.objects.filter(pk=check_in.pk).update(at=when)
    return check_in


def answered(case: Case, listened: int, there: int, when: datetime, person: str = Person.YOUNG_PERSON, words=""):
    answer = feedback_services.feedback_record(
        case=case,
        person=person,
        name="",
        listened=listened,
        there_when_needed=there,
        better=words,
        worker_may_read=False,
        request=None,
    )
    FeedbackAnswer.objects.filter(pk=answer.pk).update(at=when)


def moved(case: Case, when: date, by, planned: bool = True, reason: str = "Nearer school") -> None:
    case_services.move_record(
        case=case, by=by, moved_on=when, to_kind="kinship", in_area=True, planned=planned, reason=reason
    )


def export_form(first: Month, last: Month, per: str = "month") -> dict:
    return {"first": label(first), "last": label(last), "per": per}


def content_of(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def rows_of(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content_of(response))))


def fifteen_on_the_first_of(month: Month) -> date:
    """A date of birth for someone who turns 15 on the first day of `month`."""
    born = first_day(month)
    return born.replace(year=born.year - 15)
