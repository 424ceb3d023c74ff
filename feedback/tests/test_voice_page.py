"""The case's check-ins and feedback as the team reads them, a check-in entered with the young person, and the
team's feedback for its managers: who reads what, words kept from those the writer did not choose, and
query budgets that do not grow with the answers."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases.models import AuditEvent, Person
from cases.tests.factories import CaseFactory
from feedback import services
from feedback.models import CheckIn, CheckInAlert, FeedbackAnswer

from .voice_helpers import GOOD_CHECK_IN, a_request, an_answer, text_of

pytestmark = pytest.mark.django_db

# No answer of 1 and no fall between check-ins: the alerts these tests need, they make themselves.
SCORES = {"mood": 4, "outlook": 3, "healthy_relationships": 5, "self_feeling": 2, "relationships": 2}
SECRET_WORDS = "Only the manager should read this"
SHARED_WORDS = "My worker may read this"
# The queries of the pages, whatever the number of answers (the same with 3 or 30, 5 or 50).
# 17 on SQLite; PostgreSQL adds one: the lock that keeps the audit's chain of hashes in order.
QUERY_BUDGET = 18
# The team's page: 10, and the audit entry of the page (two queries, and PostgreSQL's lock on the chain).
TEAM_QUERY_BUDGET = 13


def a_check_in(case, **changes):
    return services.check_in_record(
        case=case,
        person=Person.YOUNG_PERSON,
        scores={**SCORES, **changes},
        anything_else="Felt OK",
        request=None,
        entered_by=None,
    )


def voice_url(case):
    return reverse("feedback:case-voice", args=[case.pk])


def test_the_key_worker_reads_the_check_ins_with_their_words(client_for, case, key_worker):
    a_check_in(case)
    page = client_for(key_worker).get(voice_url(case))
    assert page.status_code == 200
    text = text_of(page)
    assert "4 – Good" in text and "2 – Not good" in text and "Felt OK" in text
    assert "The young person" in text
    assert AuditEvent.objects.filter(case=case, what="check-ins and feedback").exists()
    html = page.content.decode()
    assert html.count('class="act-check-in-chart"') == 5
    assert "4 (Good) on" in html


def test_an_open_alert_is_flagged_on_its_check_in(client_for, case, key_worker):
    check = a_check_in(case)
    CheckInAlert.objects.create(check_in=check, case=case, reasons="relationships: 1")
    text = text_of(client_for(key_worker).get(voice_url(case)))
    assert "Needs a look" in text and "relationships: 1" in text and "1 check-in needs a look" in text


def test_a_handled_alert_is_not_flagged(client_for, case, key_worker):
    check = a_check_in(case)
    CheckInAlert.objects.create(check_in=check, case=case, reasons="mood: 1", handled_at=timezone.now())
    assert "Needs a look" not in text_of(client_for(key_worker).get(voice_url(case)))


def test_partners_do_not_read_the_young_persons_check_ins(client_for, case, partner_with_grant):
    a_check_in(case)
    assert client_for(partner_with_grant).get(voice_url(case)).status_code == 404


@pytest.mark.parametrize("who", ["outsider", "partner_without_grant"])
def test_people_without_the_case_get_404(client_for, case, who, request):
    assert client_for(request.getfixturevalue(who)).get(voice_url(case)).status_code == 404


def test_the_worker_reads_only_the_words_the_writer_chose_to_share(client_for, case, key_worker):
    an_answer(case, SECRET_WORDS, worker_may_read=False)
    an_answer(case, SHARED_WORDS, worker_may_read=True)
    html = client_for(key_worker).get(voice_url(case)).content.decode()
    assert SHARED_WORDS in html
    assert SECRET_WORDS not in html
    assert "For the manager only" in html
    assert html.count("4 – Mostly") == 2  # the scores of both


def test_the_words_the_worker_may_not_read_are_never_loaded(case, key_worker, django_assert_num_queries):
    from feedback.views.voice import readable_feedback

    an_answer(case, SECRET_WORDS, worker_may_read=False)
    with django_assert_num_queries(1) as captured:
        answers = list(readable_feedback(key_worker, case, FeedbackAnswer.objects.filter(case=case)))
    assert answers[0].words == ""
    # The words appear only inside the condition that gives "" to this reader, never as a column of their own.
    selected = captured.captured_queries[0]["sql"].split(" FROM ")[0]
    assert '"better"' not in re.sub(r"CASE WHEN .*? END", "", selected)


def test_the_manager_reads_every_answers_words(client_for, case, manager):
    an_answer(case, SECRET_WORDS, worker_may_read=False)
    html = client_for(manager).get(voice_url(case)).content.decode()
    assert SECRET_WORDS in html


def test_a_manager_of_another_team_gets_404(client_for, case, other_team):
    other_manager = UserFactory(username="wigan-manager", role=User.Role.MANAGER, team=other_team)
    assert client_for(other_manager).get(voice_url(case)).status_code == 404


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_has_a_query_budget(client_for, case, key_worker, count, django_assert_max_num_queries):
    client = client_for(key_worker)
    for _n in range(count):
        check = a_check_in(case)
        CheckInAlert.objects.create(check_in=check, case=case, reasons="mood")
        an_answer(case, SHARED_WORDS, worker_may_read=True)
    CheckIn.objects.update(entered_by=key_worker)
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert client.get(voice_url(case)).status_code == 200


def test_a_worker_enters_a_check_in_with_the_young_person(client_for, case, key_worker):
    asked = a_request(case, key_worker)
    url = reverse("feedback:case-check-in", args=[case.pk])
    assert client_for(key_worker).get(url).status_code == 200
    answer = client_for(key_worker).post(url, GOOD_CHECK_IN)
    assert answer.status_code == 302 and answer["Location"] == voice_url(case)
    check = CheckIn.objects.get()
    assert (check.entered_by, check.request, check.person) == (key_worker, asked, Person.YOUNG_PERSON)
    assert check.mood == 4
    asked.refresh_from_db()
    assert asked.answered_at is not None


@pytest.mark.parametrize(
    "change",
    [{"mood": None}, {"mood": "0"}, {"outlook": "6"}, {"relationships": "abc"}, {"anything_else": "x" * 1001}],
)
def test_a_check_in_entered_badly_is_refused_with_its_reason(client_for, case, key_worker, change):
    data = {key: value for key, value in {**GOOD_CHECK_IN, **change}.items() if value is not None}
    page = client_for(key_worker).post(reverse("feedback:case-check-in", args=[case.pk]), data)
    assert page.status_code == 400
    assert "govuk-error-summary" in page.content.decode()
    assert not CheckIn.objects.exists()


def test_a_partner_cannot_enter_a_check_in(client_for, case, partner_with_grant):
    page = client_for(partner_with_grant).post(reverse("feedback:case-check-in", args=[case.pk]), GOOD_CHECK_IN)
    assert page.status_code == 404
    assert not CheckIn.objects.exists()


def test_no_check_in_is_entered_on_a_closed_case(client_for, case, key_worker):
    case.stage = "closed"
    case.save(update_fields=["stage"])
    client_for(key_worker).post(reverse("feedback:case-check-in", args=[case.pk]), GOOD_CHECK_IN)
    assert not CheckIn.objects.exists()


# The team's feedback


def test_the_manager_reads_the_teams_feedback_with_every_answers_words(client_for, case, manager):
    an_answer(case, SECRET_WORDS, worker_may_read=False)
    an_answer(case, "Mum's view", worker_may_read=True, person=Person.PARENT_CARER, name="Sam")
    page = client_for(manager).get(reverse("feedback:team"))
    assert page.status_code == 200
    text = text_of(page)
    assert SECRET_WORDS in text and "Mum's view" in text and "Sam" in text
    assert "4.0 out of 5 on average (Mostly)" in text and "2.0 out of 5 on average (Not really)" in text
    assert AuditEvent.objects.filter(user=manager, case=None, action="view", what="team feedback, page 1").exists()


def test_the_averages_are_of_the_last_three_months(client_for, case, manager):
    old = an_answer(case, "", worker_may_read=False)
    FeedbackAnswer.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=120), listened=1)
    an_answer(case, "", worker_may_read=False)
    text = text_of(client_for(manager).get(reverse("feedback:team")))
    assert "4.0 out of 5 on average" in text


def test_the_team_page_shows_no_other_teams_feedback(client_for, manager, outsider_case):
    an_answer(outsider_case, SECRET_WORDS, worker_may_read=True)
    text = text_of(client_for(manager).get(reverse("feedback:team")))
    assert SECRET_WORDS not in text and "Jordan" not in text


@pytest.mark.parametrize("who", ["key_worker", "partner_with_grant", "outsider"])
def test_only_managers_open_the_team_page(client_for, case, who, request):
    an_answer(case, SECRET_WORDS, worker_may_read=True)
    page = client_for(request.getfixturevalue(who)).get(reverse("feedback:team"))
    assert page.status_code == 404
    assert SECRET_WORDS not in page.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_the_team_page_has_a_query_budget(client_for, manager, key_worker, count, django_assert_max_num_queries):
    client = client_for(manager)
    for index in range(count):
        an_answer(CaseFactory(team=manager.team, key_worker=key_worker), f"words {index}", worker_may_read=False)
    with django_assert_max_num_queries(TEAM_QUERY_BUDGET):
        assert client.get(reverse("feedback:team")).status_code == 200


def test_managers_find_the_teams_feedback_in_the_main_navigation_and_workers_do_not(client_for, manager, key_worker):
    team_page = reverse("feedback:team")
    assert f'href="{team_page}"' in client_for(manager).get(reverse("cases:list")).content.decode()
    assert f'href="{team_page}"' not in client_for(key_worker).get(reverse("cases:list")).content.decode()
