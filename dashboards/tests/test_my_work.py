"""My work: the worker's own caseload and what needs them, counted by hand on a small team: nothing of another
worker's, another team's, or a restricted missing episode they may not read."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from assessments.models import Contribution
from cases import services
from cases.models import AuditEvent, NetworkChange
from cases.tests.factories import CaseFactory
from dashboards.tests import work_helpers as make
from feedback.services import alert_handled
from plans.models import Meeting

URL = reverse("dashboards:my-work")


@pytest.fixture
def colleague(team):
    return UserFactory(username="colleague", first_name="Sam", team=team)


@pytest.fixture
def coordinator(db):
    return UserFactory(username="coordinator", role=User.Role.PLAN_COORDINATOR, team=None)


@pytest.fixture
def small_team(case, key_worker, colleague, outsider_case, outsider):
    """Destiny (mine), Mia (my colleague's) and Jordan (another team's), each with one item of every kind."""
    mia = CaseFactory.create(given_name="Mia", team=case.team, key_worker=colleague)
    for each, by in ((case, key_worker), (mia, colleague), (outsider_case, outsider)):
        make.every_kind(each, by)
    return {"destiny": case, "mia": mia, "jordan": outsider_case}


def page_of(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response


def names_in(items) -> list[str]:
    return [item.case.young_person.given_name for item in items]


def test_the_key_worker_sees_their_own_case_and_exactly_one_item_of_every_kind(client_for, key_worker, small_team):
    response = page_of(client_for(key_worker))
    context = response.context
    assert names_in(context["due"]) == ["Destiny"] * 5
    assert [case.young_person.given_name for case in context["cases"]] == ["Destiny"]
    assert names_in(context["words"]) == ["Destiny"] * 4
    assert [alert.case_id for alert in context["alerts"]] == [small_team["destiny"].pk]
    assert context["feedback"].count == 1
    assert [row["answer"].case_id for row in context["feedback_rows"]] == [small_team["destiny"].pk]
    text = response.content.decode()
    for kind in make.DUE_KINDS + make.WORDS_KINDS:
        assert kind in text, kind
    assert "Mia" not in text and "Jordan" not in text


def test_what_is_overdue_comes_first_then_by_date(client_for, key_worker, case):
    make.an_action(case, key_worker, due_in_days=6, what="Later this week")
    make.an_action(case, key_worker, due_in_days=-10, what="Long overdue")
    make.a_review(case, days=1)
    make.an_action(case, key_worker, due_in_days=-1, what="Overdue since yesterday")
    make.an_action(case, key_worker, due_in_days=8, what="Next week")  # not this week
    due = page_of(client_for(key_worker)).context["due"]
    assert [(item.what, item.overdue) for item in due] == [
        ("Plan action: Long overdue", True),
        ("Plan action: Overdue since yesterday", True),
        ("Assessment review", False),
        ("Plan action: Later this week", False),
    ]


def test_each_item_leads_to_the_page_where_it_is_dealt_with(client_for, key_worker, case):
    review = make.a_review(case, days=2)
    entry = make.an_episode(case, key_worker, interview_in_hours=30)
    meeting = make.a_meeting(case, key_worker, in_days=1)
    make.an_action(case, key_worker, due_in_days=1)
    alert = make.a_low_check_in(case)
    make.a_network_change(case)
    client = client_for(key_worker)
    response = page_of(client)
    urls = {item.url for item in response.context["due"] + response.context["words"]}
    assert urls == {
        reverse("assessments:reviews", args=[review.assessment.case_id]),
        reverse("cases:timeline-entry", args=[case.pk, entry.pk]),
        reverse("plans:meeting", args=[case.pk, meeting.pk]),
        reverse("plans:plan", args=[case.pk]),
        reverse("cases:network", args=[case.pk]) + "#their-changes",
    }
    assert reverse("feedback:case-alerts", args=[alert.case_id]) in response.content.decode()
    for url in urls:
        assert client.get(url.split("#")[0]).status_code == 200, url


def test_the_plan_coordinator_sees_the_cases_they_coordinate_without_restricted_episodes(
    client_for, key_worker, colleague, coordinator, case
):
    lily = CaseFactory.create(given_name="Lily", team=case.team, key_worker=colleague)
    for each in (case, lily):
        services.case_set_plan_coordinator(case=each, coordinator=coordinator, by=None)
    make.an_episode(lily, colleague, interview_in_hours=10)
    make.an_episode(lily, colleague, interview_in_hours=-10, restricted=True)
    make.an_episode(case, colleague, interview_in_hours=20, restricted=True)

    coordinated = page_of(client_for(coordinator)).context
    assert [c.young_person.given_name for c in coordinated["cases"]] == ["Destiny", "Lily"]
    assert [(item.case.young_person.given_name, item.overdue) for item in coordinated["due"]] == [("Lily", False)]
    assert not any(c.interview_overdue for c in coordinated["cases"]), "a restricted episode shows as a flag"
    # Destiny's key worker reads the restricted episode on their own case; Lily's is not theirs.
    assert names_in(page_of(client_for(key_worker)).context["due"]) == ["Destiny"]


def test_a_closed_case_leaves_the_page(client_for, key_worker, case):
    make.every_kind(case, key_worker)
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    context = page_of(client_for(key_worker)).context
    assert not context["cases"] and not context["due"] and not context["words"] and not context["alerts"]


def test_only_words_the_family_sent_and_not_yet_dealt_with_are_new(client_for, key_worker, case):
    make.family_words(case, status=Contribution.Status.DRAFT)
    make.family_words(case, status=Contribution.Status.ADDED)
    Contribution.objects.create(
        section=case.assessment.sections.first(), contributor="professional", author=key_worker, status="sent"
    )
    change = make.a_network_change(case)
    alert = make.a_low_check_in(case)
    client = client_for(key_worker)
    assert names_in(page_of(client).context["words"]) == ["Destiny"]
    services.network_changes_seen(case=case, by=key_worker, up_to=change.pk)
    alert_handled(alert=alert, what_was_done="Talked with her", by=key_worker)
    context = page_of(client).context
    assert not context["words"] and not context["alerts"]


def test_feedback_words_show_only_where_the_writer_let_their_worker_read_them(client_for, key_worker, case):
    make.an_answer(case, "Shared with my worker", worker_may_read=True)
    make.an_answer(case, "For the manager only", worker_may_read=False, person="parent_carer", name="Sarah")
    text = page_of(client_for(key_worker)).content.decode()
    assert "Shared with my worker" in text
    assert "For the manager only" not in text
    assert "Sarah" in text and "2 – " in text  # the answer and its scores are there, not its words


@pytest.mark.parametrize("who", ["partner_with_grant", "administrator", "manager", "outsider"])
def test_someone_with_no_case_of_their_own_here_sees_nobody_elses(client_for, small_team, request, who):
    person = request.getfixturevalue(who)
    response = page_of(client_for(person))
    text = response.content.decode()
    assert "Destiny" not in text and "Mia" not in text
    if who == "outsider":
        assert "Jordan" in text
    else:
        assert 'id="no-work"' in text
        assert (reverse("cases:list") in text.split('id="no-work"')[1]) == (who != "administrator")


def test_signing_in_is_required(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")


def test_like_the_cases_page_it_records_no_view_of_a_case(client_for, key_worker, case):
    """A view of several cases: each case's own pages record the view of its record."""
    make.every_kind(case, key_worker)
    client = client_for(key_worker)
    before = AuditEvent.objects.count()
    page_of(client)
    assert AuditEvent.objects.count() == before


def test_the_number_of_queries_does_not_grow_with_the_cases(client_for, key_worker, django_assert_max_num_queries):
    def cases(count: int):
        for _n in range(count):
            make.every_kind(CaseFactory.create(team=key_worker.team, key_worker=key_worker), key_worker)

    client = client_for(key_worker)
    cases(2)
    # At most 15, as measured on the scale database; here one more: the tests' sign-in looks up the person's
    # two-factor device.
    with django_assert_max_num_queries(16) as few:
        assert len(page_of(client).context["due"]) == 10
    cases(6)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert len(page_of(client).context["due"]) == 40
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_change_to_their_people_is_said_in_plain_words(client_for, key_worker, case):
    dad = make.a_network_change(case).member
    NetworkChange.objects.create(case=case, member=dad, what=NetworkChange.What.UNSAFE, before="no", after="yes")
    NetworkChange.objects.create(case=case, member=dad, what=NetworkChange.What.ADDED, before="", after="close")
    words = [item.what for item in page_of(client_for(key_worker)).context["words"]]
    assert sorted(words) == [
        "Added Dad to their people",
        "Changed how close Dad is: Close to me",
        "Said Dad makes them feel unsafe",
    ]


def test_things_due_on_the_same_day_come_in_the_order_of_their_time(client_for, key_worker, case):
    later = make.a_meeting(case, key_worker, in_days=3, place="Later")
    earlier = make.a_meeting(case, key_worker, in_days=3, place="Earlier")
    Meeting.objects.filter(pk=earlier.pk).update(starts_at=later.starts_at.replace(hour=9, minute=0))
    Meeting.objects.filter(pk=later.pk).update(starts_at=later.starts_at.replace(hour=15, minute=0))
    due = page_of(client_for(key_worker)).context["due"]
    assert [item.detail for item in due] == ["Earlier", "Later"]


def test_every_link_of_every_kind_opens_for_the_key_worker(client_for, key_worker, case):
    make.every_kind(case, key_worker)
    client = client_for(key_worker)
    text = page_of(client).content.decode()
    links = set(re.findall(r'href="(/(?:cases|assessments|plans|feedback)/[^"#]*)', text))
    assert len(links) >= 8, links
    for link in links:
        assert client.get(link).status_code == 200, link
