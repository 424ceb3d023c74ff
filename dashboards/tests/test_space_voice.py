"""Check-ins and feedback inside the space: the young person checks in (the oldest check-in waiting, or one
of their own), a parent or carer gives feedback but never opens the young person's check-in, and the home
page can tell what is waiting for them."""

import pytest

from cases.models import LinkUse, Person
from dashboards.services import space_link_create
from feedback.models import CheckIn, FeedbackAnswer, Kind
from feedback.space import waiting_for
from feedback.tests.voice_helpers import GOOD_CHECK_IN, GOOD_FEEDBACK, a_request, text_of

pytestmark = pytest.mark.django_db

PASSCODE = "otter7"


def open_space(client, case, by, person=Person.YOUNG_PERSON, name=""):
    link, token = space_link_create(case=case, person=person, name=name, by=by, days=14, passcode=PASSCODE)
    home = f"/s/{token}/"
    assert client.post(home, {"action": "passcode", "passcode": PASSCODE}).status_code == 302
    return link, home


def test_the_young_person_checks_in_from_their_space_naming_who_reads_it(client, case, key_worker):
    _link, home = open_space(client, case, key_worker)
    page = client.get(f"{home}check-in/")
    assert page.status_code == 200
    text = text_of(page)
    assert "How are you feeling at the moment?" in text
    assert "Only these people read your answers" in text and "Jo Bennett (your worker)" in text
    assert "Back to my space" in text


def test_a_check_in_in_the_space_answers_the_oldest_one_waiting(client, case, key_worker):
    older = a_request(case, key_worker, days_ago=8)
    newer = a_request(case, key_worker, days_ago=1)
    link, home = open_space(client, case, key_worker)
    page = client.post(f"{home}check-in/", GOOD_CHECK_IN)
    assert page.status_code == 200 and "Thank you" in text_of(page)
    assert CheckIn.objects.get().request == older
    older.refresh_from_db()
    newer.refresh_from_db()
    assert older.answered_at is not None and newer.answered_at is None
    assert LinkUse.objects.filter(link=link, event=LinkUse.Event.SAVED).count() == 1
    assert home in page.content.decode()


def test_with_nothing_waiting_a_check_in_is_kept_on_its_own(client, case, key_worker):
    _link, home = open_space(client, case, key_worker)
    client.post(f"{home}check-in/", {**GOOD_CHECK_IN, "mood": "1"})
    check = CheckIn.objects.get()
    assert check.request is None and check.case == case and check.mood == 1


def test_a_score_of_one_in_the_space_brings_who_to_contact(client, case, key_worker):
    _link, home = open_space(client, case, key_worker)
    text = text_of(client.post(f"{home}check-in/", {**GOOD_CHECK_IN, "self_feeling": "1"}))
    assert "0800 1111" in text and "999" in text


@pytest.mark.parametrize("bad", [{"mood": "0"}, {"mood": "6"}, {"mood": "abc"}, {"anything_else": "x" * 1001}])
def test_bad_answers_in_the_space_keep_nothing(client, case, key_worker, bad):
    _link, home = open_space(client, case, key_worker)
    assert client.post(f"{home}check-in/", {**GOOD_CHECK_IN, **bad}).status_code == 400
    assert not CheckIn.objects.exists()


def test_a_parents_space_cannot_open_the_check_in(client, case, key_worker):
    _link, home = open_space(client, case, key_worker, person=Person.PARENT_CARER, name="Sam")
    assert client.get(f"{home}check-in/").status_code == 404
    assert client.post(f"{home}check-in/", GOOD_CHECK_IN).status_code == 404
    assert not CheckIn.objects.exists()


def test_a_parent_gives_feedback_answering_their_own_request_only(client, case, key_worker):
    other_parents = a_request(case, key_worker, kind=Kind.FEEDBACK, person=Person.PARENT_CARER, name="Alex")
    theirs = a_request(case, key_worker, kind=Kind.FEEDBACK, person=Person.PARENT_CARER, name="Sam", days_ago=0)
    _link, home = open_space(client, case, key_worker, person=Person.PARENT_CARER, name="Sam")
    text = text_of(client.get(f"{home}feedback/"))
    assert "Is the worker there when you or your family need them?" in text
    client.post(f"{home}feedback/", GOOD_FEEDBACK)
    answer = FeedbackAnswer.objects.get()
    assert (answer.request, answer.person, answer.person_name) == (theirs, Person.PARENT_CARER, "Sam")
    other_parents.refresh_from_db()
    assert other_parents.answered_at is None


def test_the_young_person_gives_feedback_from_their_space(client, case, key_worker):
    _link, home = open_space(client, case, key_worker)
    text = text_of(client.get(f"{home}feedback/"))
    assert "Your answers go to the team’s manager" in text
    client.post(f"{home}feedback/", {**GOOD_FEEDBACK, "who_reads": "manager"})
    answer = FeedbackAnswer.objects.get()
    assert (answer.person, answer.worker_may_read, answer.request) == (Person.YOUNG_PERSON, False, None)


def test_a_page_inside_the_check_in_opens_nothing(client, case, key_worker):
    _link, home = open_space(client, case, key_worker)
    assert client.get(f"{home}check-in/12/").status_code == 404


def test_what_is_waiting_is_the_persons_own_open_requests(case, key_worker):
    check_in = a_request(case, key_worker)
    feedback = a_request(case, key_worker, kind=Kind.FEEDBACK, days_ago=2)
    a_request(case, key_worker, kind=Kind.CHECK_IN, days_ago=-3, sent=False)  # not due yet
    answered = a_request(case, key_worker, days_ago=9)
    answered.answered_at = answered.due_at
    answered.save(update_fields=["answered_at"])
    sams = a_request(case, key_worker, kind=Kind.FEEDBACK, person=Person.PARENT_CARER, name="Sam")
    assert waiting_for(case, Person.YOUNG_PERSON, "Destiny") == [feedback, check_in]
    assert waiting_for(case, Person.PARENT_CARER, "Sam") == [sams]
    assert waiting_for(case, Person.PARENT_CARER, "Alex") == []


def test_the_home_page_says_a_check_in_and_feedback_are_waiting(client, case, key_worker):
    a_request(case, key_worker)
    a_request(case, key_worker, days_ago=3)
    a_request(case, key_worker, kind=Kind.FEEDBACK)
    _link, home = open_space(client, case, key_worker)
    html = client.get(home).content.decode()
    assert html.count("A check-in is waiting for you") == 1
    assert f'href="{home}check-in/"' in html and f'href="{home}feedback/"' in html
    assert "like to know what you think of the help you get" in html


def test_a_parents_home_says_only_their_own_feedback_is_waiting(client, case, key_worker):
    a_request(case, key_worker)
    a_request(case, key_worker, kind=Kind.FEEDBACK, person=Person.PARENT_CARER, name="Alex")
    _link, home = open_space(client, case, key_worker, person=Person.PARENT_CARER, name="Sam")
    html = client.get(home).content.decode()
    assert "A check-in is waiting" not in html and "like to know what you think" not in html
