"""The plan's flags on the Cases page and the case header: no Ambitions meeting held more than 8 weeks after
the first contact, and actions of the plan past their date."""

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone

from act.testing import assert_query_budget
from cases import services as case_services
from cases.models import Case, TimelineEntry
from cases.queries import with_flags
from cases.tests.factories import CaseFactory
from plans.models import Action, Meeting
from plans.services import plan as plan_services

from .meeting_helpers import page_text, plan_meeting, started

OVERDUE_TAG = "Ambitions meeting overdue"
ACTIONS_TAG = "Plan actions overdue"


def contact_at(case, by, when):
    return case_services.timeline_add(
        case=case, by=by, kind=TimelineEntry.Kind.CONTACT, method="visit", summary="First visit", occurred_at=when
    )


def eight_weeks_ago_at(at: time) -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(weeks=8), at))


def flags(case, user):
    return (
        with_flags(Case.objects.filter(pk=case.pk), user)
        .values("ambitions_overdue", "ambitions_due_by", "actions_overdue")
        .get()
    )


def test_a_first_contact_exactly_8_weeks_ago_is_due_today_not_overdue(case, key_worker):
    contact_at(case, key_worker, eight_weeks_ago_at(time(0, 0)))
    found = flags(case, key_worker)
    assert found["ambitions_overdue"] is False
    assert found["ambitions_due_by"].date() == timezone.localdate()


def test_a_first_contact_a_day_more_than_8_weeks_ago_is_overdue(case, key_worker):
    contact_at(case, key_worker, eight_weeks_ago_at(time(0, 0)) - timedelta(minutes=1))
    assert flags(case, key_worker)["ambitions_overdue"] is True


def test_the_first_contact_counts_not_the_latest(case, key_worker):
    contact_at(case, key_worker, timezone.now() - timedelta(weeks=9))
    contact_at(case, key_worker, timezone.now() - timedelta(days=1))
    assert flags(case, key_worker)["ambitions_overdue"] is True


def test_no_contact_yet_means_no_date_and_no_flag(case, key_worker):
    assert flags(case, key_worker) == {"ambitions_overdue": False, "ambitions_due_by": None, "actions_overdue": False}


def test_an_ambitions_meeting_held_clears_the_flag_and_another_kind_does_not(case, key_worker):
    contact_at(case, key_worker, timezone.now() - timedelta(weeks=9))
    review = started(plan_meeting(case, key_worker, kind="review"))
    Meeting.objects.filter(pk=review.pk).update(status=Meeting.Status.HELD)
    assert flags(case, key_worker)["ambitions_overdue"] is True
    planned = started(plan_meeting(case, key_worker))
    assert flags(case, key_worker)["ambitions_overdue"] is True
    Meeting.objects.filter(pk=planned.pk).update(status=Meeting.Status.HELD)
    assert flags(case, key_worker)["ambitions_overdue"] is False


def test_the_ambitions_flag_shows_on_the_cases_page_and_the_case_header(client_for, case, key_worker):
    client = client_for(key_worker)
    assert OVERDUE_TAG not in page_text(client.get(reverse("cases:list")))
    contact_at(case, key_worker, timezone.now() - timedelta(weeks=9))
    assert OVERDUE_TAG in page_text(client.get(reverse("cases:list")))
    header = page_text(client.get(reverse("cases:detail", args=[case.pk])))
    assert "No Ambitions meeting has been held" in header


def _late_action(case, key_worker, days_late=1):
    plan = plan_services.plan_start(case=case, by=key_worker)
    goal = plan_services.goal_add(
        plan=plan, owner="young_person", owner_name="", words="College", why="", by=key_worker
    )
    return plan_services.action_add(
        goal=goal,
        what="Call the college",
        who_name="Jo",
        due_on=timezone.localdate() - timedelta(days=days_late),
        by=key_worker,
    )


def test_an_action_past_its_date_flags_the_case_until_it_is_done(client_for, case, key_worker):
    action = _late_action(case, key_worker)
    client = client_for(key_worker)
    assert flags(case, key_worker)["actions_overdue"] is True
    assert ACTIONS_TAG in page_text(client.get(reverse("cases:list")))
    assert "An action of the family plan is past its date" in page_text(
        client.get(reverse("cases:detail", args=[case.pk]))
    )
    plan_services.action_done(action=action, by=key_worker)
    assert flags(case, key_worker)["actions_overdue"] is False
    assert ACTIONS_TAG not in page_text(client.get(reverse("cases:list")))


def test_an_action_due_today_or_taken_off_the_plan_is_not_flagged(case, key_worker):
    action = _late_action(case, key_worker, days_late=0)
    assert flags(case, key_worker)["actions_overdue"] is False
    Action.objects.filter(pk=action.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    plan_services.item_remove(item=action.goal, plan=action.goal.plan, by=key_worker)
    assert flags(case, key_worker)["actions_overdue"] is False


def test_the_cases_page_with_every_flag_needs_the_same_queries_however_many_cases(
    client_for, manager, team, key_worker
):
    def add_cases(n):
        for _ in range(n):
            flagged = CaseFactory(team=team, key_worker=key_worker)
            contact_at(flagged, key_worker, timezone.now() - timedelta(weeks=9))
            _late_action(flagged, key_worker)
            plan_meeting(flagged, key_worker)

    assert_query_budget(client_for(manager), reverse("cases:list"), add_rows=add_cases, budget=11, large=30)
