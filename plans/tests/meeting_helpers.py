"""What the meeting tests share: the plan coordinator, a meeting planned through the service, the pages'
addresses, and the planning form's answers as a browser sends them."""

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases import services as case_services
from plans.models import Meeting
from plans.services import meetings as services
from plans.services.meeting_record import Record, meeting_record


def url(name, case, meeting=None):
    args = [case.pk] if meeting is None else [case.pk, meeting.pk]
    return reverse(f"plans:{name}", args=args)


def make_coordinator(case) -> User:
    person = UserFactory.create(
        username="coordinator", first_name="Helen", last_name="Ward", role=User.Role.PLAN_COORDINATOR, team=None
    )
    case_services.case_set_plan_coordinator(case=case, coordinator=person, by=None)
    case.refresh_from_db()
    return person


def plan_meeting(case, by, *, days=5, kind="ambitions", attendees=None, place="Youth club, Hope Street") -> Meeting:
    people = attendees or [
        services.AttendeeData(name="Nan", role="Grandmother", email="nan@example.org"),
        services.AttendeeData(name=by.get_full_name(), role="Worker", email=by.email, user=by),
    ]
    return services.meeting_plan(
        case=case,
        kind=kind,
        title="",
        starts_at=timezone.now() + timedelta(days=days),
        minutes=60,
        place=place,
        attendees=people,
        by=by,
    )


def started(meeting, hours=1) -> Meeting:
    """The meeting, moved to have started `hours` ago (as if time had passed)."""
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=hours))
    meeting.refresh_from_db()
    return meeting


def held(case, by) -> Meeting:
    """An Ambitions meeting planned, started and recorded by `by`: the young person's views, and a decision to
    carry on, with no actions."""
    record = Record(
        attendance={},
        young_persons_views="Fine",
        views_by="own",
        professional_views="",
        decisions="Carry on",
        family_summary="We agreed to carry on.",
        actions=[],
    )
    return meeting_record(meeting=started(plan_meeting(case, by)), record=record, by=by)


def date_fields(name, value) -> dict:
    return {f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)}


def plan_form(**changes) -> dict:
    day = timezone.localdate() + timedelta(days=7)
    data = {
        "kind": "ambitions",
        "title": "",
        **date_fields("starts_on", day),
        "starts_time": "16:00",
        "minutes": "60",
        "place": "Youth club, Hope Street",
        "other_1_name": "Nan",
        "other_1_role": "Grandmother",
        "other_1_email": "nan@example.org",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def choices_of(meeting, **changes) -> Meeting:
    values: dict[str, Any] = {
        "place": "the youth club",
        "time": "after school",
        "wanted": "my advocate, Nan",
        "not_wanted": "the police officer",
        "role": "co_chair",
        "advocate_wanted": True,
        "advocate_name": "Sam from Barnardo's",
        "talk_first": "college",
        "by_label": "Destiny",
    }
    values.update(changes)
    return services.meeting_choices_save(meeting=meeting, **values)


def page_text(response) -> str:
    return response.content.decode()


def errors_shown(response) -> str:
    """The text of the GOV.UK error summary (and proof that there is one)."""
    content = page_text(response)
    assert response.status_code == 200, response.status_code
    assert "govuk-error-summary" in content and "There is a problem" in content
    return content.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
