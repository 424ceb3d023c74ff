"""The family plan's staff pages: read by everyone who may see the case, changed by those who may change it
(the key worker, the plan coordinator, the team's managers) while the case is open, and nothing lost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases import services as case_services
from cases.tests.budgets import case_page_budget
from cases.tests.factories import CaseFactory
from plans import services
from plans.models import Action, FamilyPlan, Goal, GoalRating, PlanChange, Priority, SafetyItem, Strength, Whose

from .helpers import a_plan

pytestmark = pytest.mark.django_db


def url(name, case, *args):
    return reverse(f"plans:{name}", args=[case.pk, *args])


def test_a_case_without_a_plan_offers_to_start_one_to_those_who_may_change_it(client_for, case, key_worker):
    page = client_for(key_worker).get(url("plan", case))
    assert page.status_code == 200
    assert "Start the family plan" in page.content.decode()


def test_starting_the_plan_twice_gives_one_plan(client_for, case, key_worker):
    client = client_for(key_worker)
    client.post(url("start", case))
    client.post(url("start", case))
    assert FamilyPlan.objects.filter(case=case).count() == 1


def test_the_plan_coordinator_may_change_the_plan(client_for, case, team):
    coordinator = UserFactory(username="iro", team=team, role=User.Role.PLAN_COORDINATOR)
    case_services.case_set_plan_coordinator(case=case, coordinator=coordinator, by=None)
    client = client_for(coordinator)
    client.post(url("start", case))
    answer = client.post(url("goal-add", case), {"owner": "young_person", "words": "Go back to college", "why": ""})
    assert answer.status_code == 302
    assert Goal.objects.get(plan__case=case).words == "Go back to college"


def test_a_partner_reads_the_plan_but_may_not_change_it(client_for, case, key_worker, partner_with_grant):
    a_plan(case, key_worker)
    client = client_for(partner_with_grant)
    page = client.get(url("plan", case))
    assert page.status_code == 200
    assert "Goal 0" in page.content.decode()
    assert "Add a goal" not in page.content.decode()
    assert client.post(url("goal-add", case), {"owner": "young_person", "words": "Sneaky"}).status_code == 404
    assert not Goal.objects.filter(words="Sneaky").exists()


def test_a_partner_without_a_grant_and_another_team_get_404(
    client_for, case, key_worker, partner_without_grant, outsider
):
    a_plan(case, key_worker)
    for person in (partner_without_grant, outsider):
        client = client_for(person)
        assert client.get(url("plan", case)).status_code == 404
        assert client.get(url("history", case)).status_code == 404


def test_an_item_of_another_cases_plan_answers_404(client_for, case, key_worker):
    a_plan(case, key_worker)
    other_case = CaseFactory(given_name="Mia", team=key_worker.team, key_worker=key_worker)
    other_goal = a_plan(other_case, key_worker).goals.get()
    client = client_for(key_worker)
    assert client.get(url("goal-rate", case, other_goal.pk)).status_code == 404
    assert client.get(url("remove", case, "goal", other_goal.pk)).status_code == 404
    other_action = Action.objects.get(goal=other_goal)
    assert client.post(url("action-done", case, other_action.pk)).status_code == 404
    assert Action.objects.get(pk=other_action.pk).done_at is None


def test_changes_need_a_plan_and_an_open_case(client_for, case, key_worker):
    client = client_for(key_worker)
    assert client.get(url("goal-add", case)).status_code == 404
    a_plan(case, key_worker)
    case_services.case_close(case=case, reason="Moved away", outcome="moved_away", by=key_worker)
    answer = client.post(url("goal-add", case), {"owner": "young_person", "words": "Late"})
    assert answer.status_code in (403, 404, 409)
    assert not Goal.objects.filter(words="Late").exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("goal-add", {"owner": "", "words": "x"}, "Say whose goal this is"),
        ("goal-add", {"owner": "young_person", "words": ""}, "Write the goal in their words"),
        ("goal-add", {"owner": "nobody", "words": "x"}, "Select a valid choice"),
        ("goal-add", {"owner": "family", "words": "x" * 301}, "at most 300"),
        ("strength-add", {"whose": "young_person", "text": "  "}, "Write what is going well"),
        ("priority-add", {"whose": "network", "words": "x"}, "Select a valid choice"),
        ("safety-add", {"part": "people", "text": "Mum", "phone": "call me"}, "Enter a phone number"),
        ("safety-add", {"part": "", "text": "Mum"}, "Choose the part"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(client_for, case, key_worker, name, data, message):
    services.plan_start(case=case, by=key_worker)
    before = PlanChange.objects.count()
    answer = client_for(key_worker).post(url(name, case), data)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert PlanChange.objects.count() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"score": "11", "rated_by": "worker"}, "Select a valid choice"),
        ({"score": "-1", "rated_by": "worker"}, "Select a valid choice"),
        ({"score": "", "rated_by": "worker"}, "Choose a number from 0 to 10"),
        ({"score": "5", "rated_by": "young_person", "name": ""}, "Give the name"),
    ],
)
def test_a_rating_must_be_0_to_10_and_say_whose_it_is(client_for, case, key_worker, data, message):
    goal = a_plan(case, key_worker, ratings=0).goals.get()
    answer = client_for(key_worker).post(url("goal-rate", case, goal.pk), data)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not GoalRating.objects.filter(goal=goal).exists()


def test_a_rating_is_kept_with_who_gave_it_and_shown_with_the_numbers(client_for, case, key_worker):
    goal = a_plan(case, key_worker, ratings=0).goals.get()
    client = client_for(key_worker)
    client.post(url("goal-rate", case, goal.pk), {"score": "4", "rated_by": "young_person", "name": "Destiny"})
    client.post(url("goal-rate", case, goal.pk), {"score": "6", "rated_by": "worker"})
    ratings = list(GoalRating.objects.filter(goal=goal).values_list("score", "rated_by", "rated_by_name"))
    assert ratings == [(4, "young_person", "Destiny"), (6, "worker", "Jo Bennett")]
    page = client.get(url("plan", case)).content.decode()
    assert "6 out of 10" in page


def test_an_action_past_its_date_is_flagged_on_the_plan_and_done_clears_it(client_for, case, key_worker):
    goal = a_plan(case, key_worker, actions=0).goals.get()
    late = services.action_add(
        goal=goal, what="Call college", who_name="Jo", due_on=timezone.localdate() - timedelta(days=1), by=key_worker
    )
    client = client_for(key_worker)
    page = client.get(url("plan", case)).content.decode()
    assert "1 action is past its date" in page
    assert "Past its date" in page
    client.post(url("action-done", case, late.pk))
    assert Action.objects.get(pk=late.pk).done_by == key_worker
    assert "past its date" not in client.get(url("plan", case)).content.decode()


def test_an_action_names_a_person_with_an_account_only_from_the_case(client_for, case, key_worker, partner_with_grant):
    goal = a_plan(case, key_worker, actions=0).goals.get()
    stranger = UserFactory(username="stranger", team=key_worker.team)
    due = timezone.localdate() + timedelta(days=3)
    data = {
        "what": "Check in",
        "who_name": "PC Ahmed",
        "due_on_0": due.day,
        "due_on_1": due.month,
        "due_on_2": due.year,
    }
    client = client_for(key_worker)
    refused = client.post(url("action-add", case, goal.pk), {**data, "who_user": stranger.pk})
    assert refused.status_code == 400
    client.post(url("action-add", case, goal.pk), {**data, "who_user": partner_with_grant.pk})
    assert Action.objects.get(goal=goal).who_user == partner_with_grant


def test_priorities_move_in_their_order(client_for, case, key_worker):
    plan = a_plan(case, key_worker)
    second = Priority.objects.get(plan=plan, words="See my mum more")
    client_for(key_worker).post(url("priority-move", case, second.pk, "up"))
    assert list(Priority.objects.live().filter(plan=plan).values_list("words", flat=True)) == [
        "See my mum more",
        "Go back to college",
    ]


def test_removing_asks_first_and_keeps_the_row(client_for, case, key_worker):
    plan = a_plan(case, key_worker)
    strength = Strength.objects.get(plan=plan)
    client = client_for(key_worker)
    question = client.get(url("remove", case, "strength", strength.pk))
    assert "Take “Funny and kind to her friends” off the plan?" in question.content.decode()
    assert Strength.objects.get(pk=strength.pk).removed_at is None
    client.post(url("remove", case, "strength", strength.pk))
    assert Strength.objects.get(pk=strength.pk).removed_at is not None
    going_well = client.get(url("plan", case)).content.decode().split('id="going-well"')[1].split('id="priorities"')[0]
    assert "Funny and kind" not in going_well
    assert client.get(url("remove", case, "nothing", strength.pk)).status_code == 404


def test_every_change_is_kept_with_who_and_when(client_for, case, key_worker):
    plan = a_plan(case, key_worker)
    changes = PlanChange.objects.filter(plan=plan)
    assert list(changes.values_list("version", flat=True)) == list(range(plan.version, 0, -1))
    page = client_for(key_worker).get(url("history", case)).content.decode()
    assert "Goal added: Goal 0" in page


def test_the_plan_shows_what_changed_since_the_agreed_version(client_for, case, key_worker):
    plan = a_plan(case, key_worker)
    services.version_agree(plan=plan, meeting=None, by=key_worker)
    services.safety_add(plan=plan, part="places", text="The library", by=key_worker, name="Jo", from_young_person=False)
    page = client_for(key_worker).get(url("plan", case)).content.decode()
    assert "Changed since version" in page
    assert "Added to My Safety Plan: The library" in page
    assert "Goal added" not in page.split("Changed since version")[1].split("What is going well")[0]


def test_the_plan_page_has_a_query_budget_that_does_not_grow(
    client_for, case, key_worker, django_assert_max_num_queries
):
    a_plan(case, key_worker, goals=1, actions=1, ratings=1)
    client = client_for(key_worker)
    client.get(url("plan", case))
    with django_assert_max_num_queries(case_page_budget()) as small:
        client.get(url("plan", case))
    other = CaseFactory(given_name="Lily", team=key_worker.team, key_worker=key_worker)
    plan = a_plan(other, key_worker, goals=6, actions=4, ratings=5)
    services.version_agree(plan=plan, meeting=None, by=key_worker)
    for number in range(12):
        services.strength_add(plan=plan, whose=Whose.FAMILY, text=f"Strength {number}", by=key_worker)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url("plan", other))
    assert page.status_code == 200
    assert "Strength 11" in page.content.decode()


def test_safety_plan_lines_keep_their_numbers(case, key_worker):
    plan = a_plan(case, key_worker)
    assert SafetyItem.objects.get(plan=plan).phone == "07700 900123"


def test_the_assessment_review_shows_the_goals_ratings_since_the_last_review(client_for, case, key_worker):
    from assessments import services as assessment_services

    goal = a_plan(case, key_worker, ratings=0).goals.get()
    services.goal_rate(goal=goal, score=2, rated_by="young_person", name="Destiny", by=None)
    review = case.assessment.reviews.get(held_at__isnull=True)
    assessment_services.review_hold(
        review=review,
        what_changed="Back at college",
        next_due_on=timezone.localdate() + timedelta(weeks=6),
        by=key_worker,
    )
    services.goal_rate(goal=goal, score=7, rated_by="young_person", name="Destiny", by=None)
    page = client_for(key_worker).get(reverse("assessments:reviews", args=[case.pk])).content.decode()
    ratings = page.split('id="plan-ratings"')[1].split("</table>")[0]
    assert "7 (Destiny" in ratings
    assert "2 (Destiny" not in ratings


def test_a_review_page_without_a_plan_says_nothing_of_one(client_for, case, key_worker):
    page = client_for(key_worker).get(reverse("assessments:reviews", args=[case.pk])).content.decode()
    assert "plan-ratings" not in page


def test_the_history_page_has_a_query_budget_that_does_not_grow(
    client_for, case, key_worker, django_assert_max_num_queries
):
    plan = a_plan(case, key_worker, goals=1)
    client = client_for(key_worker)
    client.get(url("history", case))
    with django_assert_max_num_queries(40) as small:
        client.get(url("history", case))
    for number in range(30):
        services.strength_add(plan=plan, whose="family", text=f"Strength {number}", by=key_worker)
    services.version_agree(plan=plan, meeting=None, by=key_worker)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "Strength 29" in client.get(url("history", case)).content.decode()
