"""Feedback on the help they get, from the young person or a parent or carer, through a link made for one
request: two questions and their words, who reads those words chosen by them, and said truthfully."""

import pytest

from cases.models import LinkUse, Person
from feedback.models import FeedbackAnswer, Kind

from .voice_helpers import GOOD_FEEDBACK, a_link_for, a_request, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(case, key_worker):
    return a_request(case, key_worker, kind=Kind.FEEDBACK)


@pytest.fixture
def path(asked, key_worker):
    return a_link_for(asked, key_worker)


def test_the_young_person_is_asked_the_two_questions_and_what_would_make_it_better(client, path):
    text = text_of(client.get(path))
    assert "Did you feel listened to?" in text
    assert "Is your worker there when you need them?" in text
    assert "What would make it better?" in text
    assert "Who can read your words?" in text
    assert "Not at all" in text and "Yes, always" in text  # answers that fit a question of how often


def test_the_page_says_who_reads_the_answers_and_the_words(client, path):
    text = text_of(client.get(path))
    assert "Your answers go to the team’s manager" in text
    assert "read your words only if you say so" in text


def test_the_words_are_for_the_manager_only_unless_they_choose_otherwise(client, path):
    html = client.get(path).content.decode()
    assert 'id="who_reads-1" name="who_reads" type="radio" value="manager" checked' in html


def test_an_answer_is_kept_with_its_request_and_the_choice_of_readers(client, path, asked, case):
    page = client.post(path, GOOD_FEEDBACK)
    assert page.status_code == 200 and "Thank you" in text_of(page)
    answer = FeedbackAnswer.objects.get()
    assert (answer.case, answer.request, answer.person) == (case, asked, Person.YOUNG_PERSON)
    assert (answer.listened, answer.there_when_needed, answer.better) == (5, 4, "More time on Fridays")
    assert answer.worker_may_read is True
    asked.refresh_from_db()
    assert asked.answered_at is not None
    assert LinkUse.objects.filter(event=LinkUse.Event.SAVED).count() == 1


def test_without_a_choice_the_words_go_to_the_manager_only(client, path):
    client.post(path, {**GOOD_FEEDBACK, "who_reads": ""})
    assert FeedbackAnswer.objects.get().worker_may_read is False


def test_a_parent_is_asked_about_the_worker_and_kept_by_name(client, case, key_worker):
    asked = a_request(case, key_worker, kind=Kind.FEEDBACK, person=Person.PARENT_CARER, name="Sam")
    path = a_link_for(asked, key_worker, person=Person.PARENT_CARER, name="Sam")
    text = text_of(client.get(path))
    assert "Is the worker there when you or your family need them?" in text
    assert "Sam" not in text  # a link with no passcode greets no one by name
    client.post(path, {**GOOD_FEEDBACK, "who_reads": "manager"})
    answer = FeedbackAnswer.objects.get()
    assert (answer.person, answer.person_name, answer.worker_may_read) == (Person.PARENT_CARER, "Sam", False)


def test_an_answered_request_says_so_and_never_shows_the_answers(client, path):
    client.post(path, GOOD_FEEDBACK)
    text = text_of(client.get(path))
    assert "already answered this one" in text and "More time on Fridays" not in text
    client.post(path, GOOD_FEEDBACK)
    assert FeedbackAnswer.objects.count() == 1


@pytest.mark.parametrize(
    "change,message",
    [
        ({"listened": None}, "Choose an answer for “Did you feel listened to?”"),
        ({"listened": "0"}, "Choose an answer for “Did you feel listened to?”"),
        ({"there_when_needed": "6"}, "Choose an answer for “Is your worker there when you need them?”"),
        ({"there_when_needed": "abc"}, "Choose an answer for “Is your worker there when you need them?”"),
        ({"better": "x" * 1001}, "please keep it to 1000 letters"),
        ({"who_reads": "everyone"}, "Choose who can read your words"),
    ],
)
def test_bad_answers_are_said_plainly_and_nothing_is_kept(client, path, asked, change, message):
    data = {key: value for key, value in {**GOOD_FEEDBACK, **change}.items() if value is not None}
    page = client.post(path, data)
    assert page.status_code == 400
    assert message in page.content.decode()
    assert not FeedbackAnswer.objects.exists()
    asked.refresh_from_db()
    assert asked.answered_at is None
