"""A young person's check-in link: the five measures on one page with faces and words, one button, who reads
it said truthfully, nothing of the case shown, and a request answered only once."""

import re

import pytest

from cases.models import LinkUse, Person
from feedback.models import CheckIn, Request

from .voice_helpers import GOOD_CHECK_IN, a_link_for, a_request, text_of

pytestmark = pytest.mark.django_db

JARGON = re.compile(r"\b(CSE|CIN|CP|LAC|IRO|intervention|assessment domain|exploitation|risk|referral)\b", re.I)


@pytest.fixture
def asked(case, key_worker):
    return a_request(case, key_worker)


@pytest.fixture
def path(asked, key_worker):
    return a_link_for(asked, key_worker)


def test_the_check_in_asks_all_five_measures_on_one_page_in_plain_words(client, path):
    page = client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    text = text_of(page)
    for measure in CheckIn.MEASURES:
        for value in range(1, 6):
            assert f'id="{measure}-{value}"' in html
    assert "How are you feeling at the moment?" in text
    assert "Really bad" in text and "Really good" in text
    assert html.count("<form") == 1 and html.count('type="submit"') == 1
    assert not JARGON.search(text)


def test_the_faces_are_decorative_and_the_words_are_the_label(client, path):
    html = client.get(path).content.decode()
    faces = re.findall(r"<svg class=\"act-face[^>]*>", html)
    assert len(faces) == 25
    assert all('aria-hidden="true"' in face for face in faces)
    assert re.search(r'<label[^>]*for="mood-5"[^>]*>.*?<span>Really good</span></label>', html, re.S)


def test_a_link_with_no_passcode_shows_no_name_of_the_case(client, path, case, key_worker):
    text = text_of(client.get(path))
    assert case.young_person.called not in text
    assert key_worker.first_name not in text and key_worker.last_name not in text
    assert "Only your worker and the team who work with you read your answers" in text


def test_a_check_in_is_kept_with_its_request_and_the_use_recorded(client, path, asked, case):
    page = client.post(path, GOOD_CHECK_IN)
    assert page.status_code == 200
    assert "Thank you" in text_of(page)
    check = CheckIn.objects.get()
    assert (check.case, check.request, check.person, check.entered_by) == (case, asked, Person.YOUNG_PERSON, None)
    assert check.scores() == {
        "mood": 4,
        "outlook": 3,
        "healthy_relationships": 5,
        "self_feeling": 2,
        "relationships": 4,
    }
    assert check.anything_else == "Had a good week at college"
    asked.refresh_from_db()
    assert asked.answered_at is not None
    assert LinkUse.objects.filter(event=LinkUse.Event.SAVED).count() == 1


def test_a_score_of_one_brings_a_gentle_line_with_who_to_contact(client, path):
    text = text_of(client.post(path, {**GOOD_CHECK_IN, "mood": "1"}))
    assert "0800 1111" in text and "999" in text and "your worker" in text.lower()


def test_without_a_score_of_one_there_is_no_such_line(client, path):
    assert "0800 1111" not in text_of(client.post(path, GOOD_CHECK_IN))


def test_an_answered_request_says_so_and_never_shows_the_answers(client, path):
    client.post(path, GOOD_CHECK_IN)
    again = client.get(path)
    text = text_of(again)
    assert "already answered this one" in text
    assert "Had a good week" not in text and "Really good" not in text


def test_posting_to_an_answered_request_keeps_nothing_more(client, path):
    client.post(path, GOOD_CHECK_IN)
    page = client.post(path, {**GOOD_CHECK_IN, "anything_else": "Second go"})
    assert "already answered this one" in text_of(page)
    assert CheckIn.objects.count() == 1


@pytest.mark.parametrize(
    "change,message",
    [
        ({"mood": None}, "Choose an answer for “How are you feeling at the moment?”"),
        ({"outlook": "0"}, "Choose an answer for “How do you feel about your life"),
        ({"relationships": "6"}, "Choose an answer for “How good are your relationships"),
        ({"self_feeling": "abc"}, "Choose an answer for “How do you feel about yourself?”"),
        ({"anything_else": "x" * 1001}, "please keep it to 1000 letters"),
    ],
)
def test_bad_answers_are_said_plainly_and_nothing_is_kept(client, path, asked, change, message):
    data = {key: value for key, value in {**GOOD_CHECK_IN, **change}.items() if value is not None}
    page = client.post(path, data)
    assert page.status_code == 400
    assert message in page.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert "govuk-error-summary" in page.content.decode()
    assert not CheckIn.objects.exists()
    asked.refresh_from_db()
    assert asked.answered_at is None


def test_an_answer_given_is_kept_on_the_page_when_another_is_missing(client, path):
    html = client.post(path, {"mood": "2"}).content.decode()
    assert re.search(r'id="mood-2"[^>]*checked', html)


def test_a_check_in_link_for_a_parent_opens_nothing(client, case, key_worker):
    asked = a_request(case, key_worker, person=Person.PARENT_CARER, name="Mum")
    path = a_link_for(asked, key_worker, person=Person.PARENT_CARER, name="Mum")
    assert client.get(path).status_code == 404
    assert not Request.objects.filter(answered_at__isnull=False).exists()


def test_an_answer_the_service_refuses_is_said_on_the_page(client, path, monkeypatch):
    from feedback import services

    def refuse(**_kwargs):
        raise services.VoiceError("This case is closed.")

    monkeypatch.setattr(services, "check_in_record", refuse)
    page = client.post(path, GOOD_CHECK_IN)
    assert page.status_code == 400
    assert "This case is closed." in text_of(page) and "govuk-error-summary" in page.content.decode()
    assert not LinkUse.objects.filter(event=LinkUse.Event.SAVED).exists()


def test_an_answer_sent_twice_at_once_is_thanked_once_and_then_told_it_was_answered(client, path, asked, monkeypatch):
    from feedback import services

    def answered_meanwhile(**_kwargs):
        Request.objects.filter(pk=asked.pk).update(answered_at=asked.due_at)
        raise services.VoiceError("This has already been answered.")

    monkeypatch.setattr(services, "check_in_record", answered_meanwhile)
    assert "already answered this one" in text_of(client.post(path, GOOD_CHECK_IN))
