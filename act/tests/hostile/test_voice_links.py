"""Hostile visits to the check-in and feedback links and pages: a link made for what is not a check-in, a
request answered already, a parent's space asking for the young person's check-in, words the writer kept for
the manager, and generated input to every form (the link's, the space's, the worker's), then the pages that
show what was saved."""

import pytest
from django.urls import reverse
from hypothesis import given

from cases import services as case_services
from cases.models import LinkUse, Person
from cases.tests.factories import CaseFactory
from dashboards.services import space_link_create
from feedback import services
from feedback.links import CHECK_IN_LINK, FEEDBACK_LINK
from feedback.models import CheckIn, FeedbackAnswer, Kind
from feedback.tests.voice_helpers import GOOD_CHECK_IN, GOOD_FEEDBACK, a_link_for, a_request, an_answer

from .checks import assert_shown, attempt
from .inputs import HOSTILE, choice, form, text

pytestmark = pytest.mark.django_db

SCORES = ["1", "2", "3", "4", "5"]
CHECK_IN_FORM = form(
    mood=choice(SCORES),
    outlook=choice(SCORES),
    healthy_relationships=choice(SCORES),
    self_feeling=choice(SCORES),
    relationships=choice(SCORES),
    anything_else=text("A good week", limit=1000),
)
FEEDBACK_FORM = form(
    listened=choice(SCORES),
    there_when_needed=choice(SCORES),
    better=text("More time", limit=1000),
    who_reads=choice(["manager", "worker"]),
)
PASSCODE = "heron42"


def _link(case, by, purpose, target_id, person=Person.YOUNG_PERSON, name=""):
    _made, token = case_services.link_create(
        case=case, purpose=purpose, target_id=target_id, person=person, name=name, by=by
    )
    return f"/s/{token}/"


def test_a_check_in_link_made_for_a_feedback_request_opens_nothing(client, case, key_worker):
    asked = a_request(case, key_worker, kind=Kind.FEEDBACK)
    path = _link(case, key_worker, CHECK_IN_LINK, asked.pk)
    assert client.get(path).status_code == 404
    assert client.post(path, GOOD_CHECK_IN).status_code == 404
    assert not CheckIn.objects.exists() and not FeedbackAnswer.objects.exists()


def test_a_feedback_link_made_for_a_check_in_request_opens_nothing(client, case, key_worker):
    asked = a_request(case, key_worker, kind=Kind.CHECK_IN)
    path = _link(case, key_worker, FEEDBACK_LINK, asked.pk)
    assert client.post(path, GOOD_FEEDBACK).status_code == 404
    assert not FeedbackAnswer.objects.exists()


def test_a_link_naming_another_cases_request_opens_nothing(client, case, key_worker, outsider, outsider_case):
    theirs = a_request(outsider_case, outsider)
    path = _link(case, key_worker, CHECK_IN_LINK, theirs.pk)
    assert client.post(path, GOOD_CHECK_IN).status_code == 404
    theirs.refresh_from_db()
    assert theirs.answered_at is None and not CheckIn.objects.exists()


def test_a_link_for_the_young_person_cannot_answer_a_parents_request(client, case, key_worker):
    parents = a_request(case, key_worker, kind=Kind.FEEDBACK, person=Person.PARENT_CARER, name="Sam")
    path = _link(case, key_worker, FEEDBACK_LINK, parents.pk)
    assert client.post(path, GOOD_FEEDBACK).status_code == 404
    assert not FeedbackAnswer.objects.exists()


def test_a_link_with_no_request_opens_nothing(client, case, key_worker):
    assert client.get(_link(case, key_worker, CHECK_IN_LINK, None)).status_code == 404
    assert client.get(_link(case, key_worker, CHECK_IN_LINK, 987654)).status_code == 404


def test_an_answered_request_takes_no_second_answer_and_shows_no_first(client, case, key_worker):
    asked = a_request(case, key_worker)
    path = a_link_for(asked, key_worker)
    client.post(path, {**GOOD_CHECK_IN, "anything_else": "First answer"})
    again = client.post(path, {**GOOD_CHECK_IN, "anything_else": "Second answer"})
    assert "already answered" in again.content.decode()
    assert "First answer" not in again.content.decode()
    assert list(CheckIn.objects.values_list("anything_else", flat=True)) == ["First answer"]
    assert LinkUse.objects.filter(event=LinkUse.Event.SAVED).count() == 1


def test_the_service_refuses_a_second_answer_and_a_score_out_of_range(case, key_worker):
    asked = a_request(case, key_worker)
    scores = {measure: 3 for measure in CheckIn.MEASURES}
    record = {"case": case, "person": Person.YOUNG_PERSON, "anything_else": "", "entered_by": None}
    services.check_in_record(**record, scores=scores, request=asked)
    with pytest.raises(services.VoiceError):
        services.check_in_record(**record, scores=scores, request=asked)
    for bad in (0, 6, "3", None, True):
        with pytest.raises(services.VoiceError):
            services.check_in_record(**record, scores={**scores, "mood": bad}, request=None)
    assert CheckIn.objects.count() == 1


def test_a_parents_space_cannot_open_the_young_persons_check_in(client, case, key_worker):
    a_request(case, key_worker)
    _link_made, token = space_link_create(
        case=case, person=Person.PARENT_CARER, name="Sam", by=key_worker, days=14, passcode=PASSCODE
    )
    client.post(f"/s/{token}/", {"action": "passcode", "passcode": PASSCODE})
    assert client.get(f"/s/{token}/check-in/").status_code == 404
    assert client.post(f"/s/{token}/check-in/", GOOD_CHECK_IN).status_code == 404
    assert not CheckIn.objects.exists()


def test_words_kept_for_the_manager_are_not_in_the_workers_page(client_for, case, key_worker, partner_with_grant):
    an_answer(case, "Kept-for-the-manager", worker_may_read=False)
    url = reverse("feedback:case-voice", args=[case.pk])
    assert "Kept-for-the-manager" not in client_for(key_worker).get(url).content.decode()
    assert "Kept-for-the-manager" not in client_for(partner_with_grant).get(url).content.decode()
    assert "Kept-for-the-manager" not in client_for(key_worker).get(reverse("feedback:team")).content.decode()


def test_the_team_page_of_one_team_shows_nothing_of_another(client_for, manager, outsider, other_team):
    other = CaseFactory(given_name="Jordan", team=other_team, key_worker=outsider)
    an_answer(other, "Wigan-words", worker_may_read=True)
    html = client_for(manager).get(reverse("feedback:team")).content.decode()
    assert "Wigan-words" not in html and "Jordan" not in html


@given(data=CHECK_IN_FORM)
@HOSTILE
def test_the_check_in_link(key_worker, manager, case, data):
    with attempt("voice: check-in link") as young_person:
        path = a_link_for(a_request(case, key_worker), key_worker)
        young_person.get(path)
        answer = young_person.post(path, data)
        assert answer.status_code in (200, 400)
        saved = CheckIn.objects.first()
        assert (answer.status_code == 200) == (saved is not None)
        if saved is not None:
            _shown_to(manager, case, saved.anything_else)


@given(data=FEEDBACK_FORM)
@HOSTILE
def test_the_feedback_link(key_worker, manager, case, data):
    with attempt("voice: feedback link") as parent:
        asked = a_request(case, key_worker, kind=Kind.FEEDBACK, person=Person.PARENT_CARER, name="Sam")
        path = a_link_for(asked, key_worker, person=Person.PARENT_CARER, name="Sam")
        parent.get(path)
        answer = parent.post(path, data)
        assert answer.status_code in (200, 400)
        saved = FeedbackAnswer.objects.first()
        assert (answer.status_code == 200) == (saved is not None)
        if saved is not None:
            _shown_to(manager, case, saved.better)
            with attempt("voice: team page", manager) as team_manager:
                shown = team_manager.get(reverse("feedback:team"))
                if saved.better and "\n" not in saved.better:
                    assert_shown(shown, saved.better)


@given(data=CHECK_IN_FORM)
@HOSTILE
def test_the_check_in_entered_by_the_worker(key_worker, case, data):
    with attempt("voice: worker's check-in", key_worker) as worker:
        url = reverse("feedback:case-check-in", args=[case.pk])
        answer = worker.submit(url, data)
        saved = CheckIn.objects.first()
        assert (answer.status_code == 302) == (saved is not None)
        if saved is not None:
            assert saved.entered_by == key_worker
            _shown_to(key_worker, case, saved.anything_else)


def _shown_to(user, case, words: str) -> None:
    with attempt("voice: case page", user) as reader:
        page = reader.get(reverse("feedback:case-voice", args=[case.pk]))
        if words and "\n" not in words:
            assert_shown(page, words)
