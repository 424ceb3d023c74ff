"""Closing a case with the manager's agreement: the key worker asks (why, the outcome and a closing summary
for the young person), the team's manager agrees (the case closes) or sends it back with a comment, or
closes it directly; the manager is told when asked and the worker when answered, once each."""

import pytest
from django.urls import reverse

from accounts.models import Notification
from cases import services
from cases.models import AuditEvent, CloseRequest, Stage

ASKED = {"outcome": "goals_met", "reason": "She met her goals", "summary": "You kept yourself safe, well done"}


def close_url(case):
    return reverse("cases:close", args=[case.pk])


def decide_url(case, request):
    return reverse("cases:close-decide", args=[case.pk, request.pk])


def ask(case, key_worker):
    return services.close_ask(case=case, by=key_worker, **ASKED)


def test_the_key_worker_asks_and_the_case_stays_open_until_the_manager_agrees(client_for, key_worker, case):
    response = client_for(key_worker).post(close_url(case), ASKED)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage != Stage.CLOSED
    request = CloseRequest.objects.get(case=case)
    assert (request.state, request.asked_by, request.summary) == ("asked", key_worker, ASKED["summary"])
    assert AuditEvent.objects.filter(case=case, what="asked to close the case", user=key_worker).exists()


def test_the_managers_are_told_once_when_asked_and_the_worker_once_when_answered(case, key_worker, manager):
    request = ask(case, key_worker)
    told = Notification.objects.get(key=f"close-asked:{request.pk}")
    assert told.recipient == manager and "Destiny" in told.message
    assert told.url == decide_url(case, request)
    services.close_agree(request=request, by=manager)
    answered = Notification.objects.get(key=f"close-answered:{request.pk}")
    assert answered.recipient == key_worker and "agreed" in answered.message
    assert Notification.objects.count() == 2


def test_the_manager_agrees_and_the_case_closes_with_what_the_worker_gave(client_for, case, key_worker, manager):
    request = ask(case, key_worker)
    page = client_for(manager).get(decide_url(case, request)).content.decode()
    assert ASKED["summary"] in page and "Agree and close the case" in page
    assert client_for(manager).post(decide_url(case, request), {"agree": "yes"}).status_code == 302
    case.refresh_from_db()
    request.refresh_from_db()
    assert case.is_closed and case.close_reason == ASKED["reason"] and case.close_outcome == "goals_met"
    assert (request.state, request.answered_by) == ("agreed", manager)


def test_the_manager_sends_it_back_with_a_comment_which_the_worker_reads(client_for, case, key_worker, manager):
    request = ask(case, key_worker)
    sent = client_for(manager).post(decide_url(case, request), {"comment": "Hold the Ambitions review first"})
    assert sent.status_code == 302
    case.refresh_from_db()
    request.refresh_from_db()
    assert not case.is_closed and request.state == "sent_back" and request.comment.startswith("Hold")
    assert "sent back" in Notification.objects.get(key=f"close-answered:{request.pk}").message
    page = client_for(key_worker).get(close_url(case)).content.decode()
    assert "Hold the Ambitions review first" in page and "Ask the manager to agree" in page  # may ask again


@pytest.mark.parametrize("comment", ["", "   ", "x" * 2001])
def test_sending_back_needs_a_comment(client_for, case, key_worker, manager, comment):
    request = ask(case, key_worker)
    response = client_for(manager).post(decide_url(case, request), {"comment": comment})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()
    request.refresh_from_db()
    assert request.state == "asked"


@pytest.mark.parametrize(
    "data,message",
    [
        ({**ASKED, "summary": ""}, "Write the closing summary for the young person"),
        ({**ASKED, "summary": "   "}, "Write the closing summary for the young person"),
        ({**ASKED, "reason": ""}, "Say why the case is closing"),
        ({**ASKED, "outcome": "nonsense"}, "Select a valid choice"),
        ({**ASKED, "outcome": ""}, "Choose the outcome"),
        ({**ASKED, "summary": "x" * 4001}, "Ensure this value has at most 4000 characters"),
    ],
)
def test_asking_needs_a_reason_an_outcome_and_a_summary(client_for, key_worker, case, data, message):
    response = client_for(key_worker).post(close_url(case), data)
    assert message in response.content.decode()
    assert not CloseRequest.objects.exists()


def test_while_a_request_waits_the_worker_cannot_ask_again(client_for, key_worker, case):
    ask(case, key_worker)
    client = client_for(key_worker)
    page = client.get(close_url(case)).content.decode()
    assert "waiting for the manager" in page and "Ask the manager to agree" not in page
    assert client.post(close_url(case), ASKED).status_code == 302
    assert CloseRequest.objects.count() == 1
    with pytest.raises(services.CaseError):
        ask(case, key_worker)


def test_the_manager_closes_directly_answering_any_request_waiting(client_for, case, key_worker, manager):
    waiting = ask(case, key_worker)
    assert "Close the case" in client_for(manager).get(close_url(case)).content.decode()
    assert client_for(manager).post(close_url(case), ASKED).status_code == 302
    case.refresh_from_db()
    assert case.is_closed
    assert set(CloseRequest.objects.values_list("state", "answered_by")) == {("agreed", manager.pk)}
    assert CloseRequest.objects.count() == 2 and CloseRequest.objects.get(pk=waiting.pk).state == "agreed"


def test_a_plan_coordinator_neither_asks_nor_closes(client_for, case, coordinator):
    client = client_for(coordinator)
    page = client.get(close_url(case)).content.decode()
    assert "The key worker asks the team" in page and "<textarea" not in page
    assert client.post(close_url(case), ASKED).status_code == 302
    case.refresh_from_db()
    assert not case.is_closed and not CloseRequest.objects.exists()


def test_only_the_teams_manager_opens_a_request(
    client_for, case, key_worker, coordinator, outsider, partner_with_grant
):
    request = ask(case, key_worker)
    for person in (key_worker, coordinator, outsider, partner_with_grant):
        assert client_for(person).get(decide_url(case, request)).status_code == 404
        assert client_for(person).post(decide_url(case, request), {"agree": "yes"}).status_code == 404
    case.refresh_from_db()
    assert not case.is_closed


def test_a_request_answered_cannot_be_answered_again(client_for, case, key_worker, manager):
    request = ask(case, key_worker)
    services.close_send_back(request=request, comment="Not yet", by=manager)
    assert client_for(manager).post(decide_url(case, request), {"agree": "yes"}).status_code == 404
    with pytest.raises(services.CaseError):
        services.close_agree(request=request, by=manager)
    case.refresh_from_db()
    assert not case.is_closed


def test_the_services_refuse_what_the_forms_would(case, key_worker, manager):
    for bad in ({"summary": " "}, {"reason": ""}, {"outcome": "nonsense"}):
        with pytest.raises(services.CaseError):
            services.close_ask(case=case, by=key_worker, **{**ASKED, **bad})
    request = ask(case, key_worker)
    with pytest.raises(services.CaseError):
        services.close_send_back(request=request, comment=" ", by=manager)
    services.close_directly(case=case, by=manager, **ASKED)
    with pytest.raises(services.CaseError):
        services.close_directly(case=case, by=manager, **ASKED)


def test_a_partner_never_reaches_the_close_page(client_for, case, partner_with_grant):
    assert client_for(partner_with_grant).get(close_url(case)).status_code == 404
