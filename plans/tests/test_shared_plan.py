"""The young person's and family's "my plan" link: their plan in plain words, nothing staff-only, their own
goals to rate, their safety plan to add to, always behind a passcode, and nothing beyond their own plan."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from cases import services as case_services
from cases.models import LinkUse, SharedLink
from cases.tests.factories import CaseFactory
from plans import services
from plans.models import Goal, GoalRating, SafetyItem, Whose

from .helpers import a_plan

pytestmark = pytest.mark.django_db

JARGON = re.compile(
    r"\b(CSE|CIN|CP|LAC|IRO|intervention|assessment domain|exploitation|risk|Ambitions meeting|referral|MACE)\b",
    re.IGNORECASE,
)
PASSCODE = "otter7"


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def open_link(client, plan, by, person="young_person", name=""):
    link, token = services.plan_link_create(plan=plan, person=person, name=name, by=by, days=14, passcode=PASSCODE)
    path = f"/s/{token}/"
    answer = client.post(path, {"action": "passcode", "passcode": PASSCODE})
    assert answer.status_code == 302
    return link, path


@pytest.fixture
def plan(case, key_worker):
    plan = a_plan(case, key_worker)
    services.goal_add(plan=plan, owner=Whose.FAMILY, owner_name="Mum", words="Family goal", why="", by=key_worker)
    services.goal_rate(
        goal=Goal.objects.get(words="Goal 0"),
        score=5,
        rated_by="worker",
        name="Jo Bennett",
        by=key_worker,
        note="Staff-only thought about her",
    )
    return plan


def test_a_plan_link_needs_a_passcode(plan, key_worker):
    with pytest.raises(services.PlanError):
        services.plan_link_create(plan=plan, person="young_person", name="", by=key_worker, days=14, passcode=" ")
    assert not SharedLink.objects.exists()


def test_without_the_passcode_nothing_of_the_plan_shows(client, plan, key_worker):
    _link, token = services.plan_link_create(
        plan=plan, person="young_person", name="", by=key_worker, days=14, passcode=PASSCODE
    )
    page = client.get(f"/s/{token}/")
    assert "Goal 0" not in page.content.decode()
    assert "passcode" in page.content.decode().lower()


def test_the_young_person_reads_their_plan_in_plain_words(client, plan, key_worker):
    _link, path = open_link(client, plan, key_worker)
    page = client.get(path)
    assert page.status_code == 200
    text = text_of(page)
    assert "Your plan" in text and "Goal 0" in text and "Go back to college" in text
    assert "07700 900123" in text  # the number in their own safety plan
    assert not JARGON.search(text), JARGON.search(text)
    assert "Staff-only thought" not in text
    assert key_worker.email not in text
    assert "Jo Bennett (your worker)" in text


def test_the_page_names_partners_who_can_read_the_plan(client, plan, key_worker, partner_with_grant):
    _link, path = open_link(client, plan, key_worker)
    assert f"{partner_with_grant.get_full_name()} (from {partner_with_grant.agency.name})" in text_of(client.get(path))


def test_the_young_person_rates_their_own_goal_and_it_is_kept_as_theirs(client, plan, key_worker):
    link, path = open_link(client, plan, key_worker)
    goal = Goal.objects.get(words="Goal 0")
    answer = client.post(path, {"action": "rate", "goal": goal.pk, "score": "8", "note": "Nearly there"})
    assert answer.status_code == 302
    rating = GoalRating.objects.filter(goal=goal).latest("rated_at")
    assert (rating.score, rating.rated_by, rating.rated_by_name, rating.rated_by_user) == (
        8,
        "young_person",
        "Destiny",
        None,
    )
    assert LinkUse.objects.filter(link=link, event="saved").exists()


@pytest.mark.parametrize("score", ["11", "-1", "", "ten", "5.5"])
def test_a_rating_outside_0_to_10_is_refused(client, plan, key_worker, score):
    _link, path = open_link(client, plan, key_worker)
    goal = Goal.objects.get(words="Goal 0")
    before = GoalRating.objects.count()
    assert client.post(path, {"action": "rate", "goal": goal.pk, "score": score}).status_code == 400
    assert GoalRating.objects.count() == before


def test_a_link_cannot_rate_another_plans_goal_nor_a_goal_not_theirs(client, plan, key_worker):
    _link, path = open_link(client, plan, key_worker)
    other = a_plan(CaseFactory(given_name="Mia", team=key_worker.team, key_worker=key_worker), key_worker)
    other_goal = other.goals.get()
    family_goal = Goal.objects.get(words="Family goal")
    for goal in (other_goal, family_goal):
        before = GoalRating.objects.filter(goal=goal).count()
        assert client.post(path, {"action": "rate", "goal": goal.pk, "score": "3"}).status_code == 400
        assert GoalRating.objects.filter(goal=goal).count() == before
    assert "Mia" not in text_of(client.get(path))


def test_a_parent_rates_the_familys_goals_not_the_young_persons(client, plan, key_worker):
    _link, path = open_link(client, plan, key_worker, person="parent_carer", name="Mum")
    from datetime import timedelta

    from django.utils import timezone

    from plans.models import Meeting

    Meeting.objects.create(
        case=plan.case,
        kind="ambitions",
        starts_at=timezone.now() + timedelta(days=2),
        place="Youth club",
        organiser=key_worker,
        created_by=key_worker,
    )
    page = text_of(client.get(path))
    assert "Destiny’s plan" in page
    # Said about her, not to her.
    assert "The first meeting about what Destiny wants" in page and "Your first meeting" not in page
    family_goal, hers = Goal.objects.get(words="Family goal"), Goal.objects.get(words="Goal 0")
    assert client.post(path, {"action": "rate", "goal": family_goal.pk, "score": "6"}).status_code == 302
    assert client.post(path, {"action": "rate", "goal": hers.pk, "score": "6"}).status_code == 400
    assert GoalRating.objects.filter(goal=family_goal).get().rated_by == "family"
    # The safety plan is the young person's to write.
    assert client.post(path, {"action": "safety", "part": "places", "text": "Library"}).status_code == 400
    assert not SafetyItem.objects.filter(text="Library").exists()


def test_the_young_person_adds_to_their_safety_plan(client, plan, key_worker):
    _link, path = open_link(client, plan, key_worker)
    answer = client.post(path, {"action": "safety", "part": "places", "text": "The library", "phone": ""})
    assert answer.status_code == 302
    item = SafetyItem.objects.get(text="The library")
    assert item.from_young_person and item.added_by_name == "Destiny"


@pytest.mark.parametrize(
    "data",
    [
        {"action": "safety", "part": "nowhere", "text": "x"},
        {"action": "safety", "part": "places", "text": ""},
        {"action": "safety", "part": "places", "text": "x" * 301},
        {"action": "safety", "part": "people", "text": "Gran", "phone": "<script>"},
        {"action": "nothing"},
        {"action": "safety", "part": "places", "text": "a\x00b"},
    ],
)
def test_bad_input_on_the_safety_plan_is_refused_kindly(client, plan, key_worker, data):
    _link, path = open_link(client, plan, key_worker)
    before = SafetyItem.objects.count()
    answer = client.post(path, data)
    assert answer.status_code == 400
    assert "There is a problem" in answer.content.decode()
    assert SafetyItem.objects.count() == before


def test_a_revoked_plan_link_opens_nothing(client, plan, key_worker):
    link, path = open_link(client, plan, key_worker)
    case_services.link_revoke(link=link, by=key_worker)
    assert client.get(path).status_code == 404


def test_the_worker_makes_a_plan_link_with_a_passcode(client_for, plan, case, key_worker):
    client = client_for(key_worker)
    url = reverse("plans:plan-link-new", args=[case.pk])
    refused = client.post(url, {"contributor": "young_person", "days": 14, "passcode": ""})
    assert refused.status_code == 400 and "needs one" in refused.content.decode()
    made = client.post(url, {"contributor": "young_person", "days": 14, "passcode": PASSCODE})
    assert made.status_code == 200 and "/s/" in made.content.decode()
    link = SharedLink.objects.get(case=case)
    assert (link.purpose, link.target_id, bool(link.passcode_hash)) == ("plan", plan.pk, True)


def test_a_partner_may_not_make_a_plan_link(client_for, plan, case, partner_with_grant):
    url = reverse("plans:plan-link-new", args=[case.pk])
    assert (
        client_for(partner_with_grant)
        .post(url, {"contributor": "young_person", "days": 14, "passcode": PASSCODE})
        .status_code
        == 404
    )
    assert not SharedLink.objects.exists()


def test_the_plan_page_for_the_young_person_has_a_query_budget(client, plan, key_worker, django_assert_max_num_queries):
    _link, path = open_link(client, plan, key_worker)
    client.get(path)
    with django_assert_max_num_queries(40) as small:
        client.get(path)
    for number in range(5):
        goal = services.goal_add(
            plan=plan, owner="young_person", owner_name="", words=f"More {number}", why="", by=key_worker
        )
        services.goal_rate(goal=goal, score=4, rated_by="young_person", name="Destiny", by=None)
        services.action_add(goal=goal, what="x", who_name="Jo", due_on=goal.created_at.date(), by=key_worker)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(path)
