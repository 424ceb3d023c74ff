"""The check-in and feedback pages are valid HTML, as the Nu Html Checker reads them: the young person's
(blank, with errors, thanked, already answered; through a link and in their space) and the team's (the case's
check-ins with their lines and feedback, a check-in entered with errors, the team's feedback)."""

import pytest
from django.test import Client
from django.urls import reverse

from act import htmlcheck
from act.testing import sign_in_fully
from cases.models import Person
from dashboards.services import space_link_create
from feedback import services
from feedback.models import CheckInAlert, Kind

from .voice_helpers import GOOD_CHECK_IN, GOOD_FEEDBACK, a_link_for, a_request, an_answer

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(htmlcheck.unavailable() is not None, reason=htmlcheck.unavailable() or ""),
]


def _young_persons_pages(case, key_worker) -> dict:
    client = Client()
    pages = {}
    check_in = a_link_for(a_request(case, key_worker), key_worker)
    pages["check-in"] = client.get(check_in)
    pages["check-in with errors"] = client.post(check_in, {"mood": "2", "anything_else": "x" * 1001})
    pages["check-in thanks, a score of 1"] = client.post(check_in, {**GOOD_CHECK_IN, "mood": "1"})
    pages["check-in already answered"] = client.get(check_in)
    feedback = a_link_for(a_request(case, key_worker, kind=Kind.FEEDBACK), key_worker)
    pages["feedback"] = client.get(feedback)
    pages["feedback with errors"] = client.post(feedback, {"who_reads": "everyone"})
    pages["feedback thanks"] = client.post(feedback, GOOD_FEEDBACK)
    _link, token = space_link_create(
        case=case, person=Person.YOUNG_PERSON, name="", by=key_worker, days=14, passcode="otter7"
    )
    client.post(f"/s/{token}/", {"action": "passcode", "passcode": "otter7"})
    pages["space check-in"] = client.get(f"/s/{token}/check-in/")
    pages["space feedback"] = client.get(f"/s/{token}/feedback/")
    pages["space thanks"] = client.post(f"/s/{token}/check-in/", GOOD_CHECK_IN)
    return pages


def _teams_pages(case, manager) -> dict:
    client = sign_in_fully(Client(), manager)
    return {
        "case voice": client.get(reverse("feedback:case-voice", args=[case.pk])),
        "staff check-in with errors": client.post(reverse("feedback:case-check-in", args=[case.pk]), {"mood": "9"}),
        "team": client.get(reverse("feedback:team")),
    }


def test_the_pages_are_valid_html(case, key_worker, manager):
    for _n in range(3):
        check = services.check_in_record(
            case=case,
            person=Person.YOUNG_PERSON,
            scores={"mood": 2, "outlook": 2, "healthy_relationships": 3, "self_feeling": 4, "relationships": 5},
            anything_else="Line one\nline two",
            request=None,
            entered_by=key_worker,
        )
    CheckInAlert.objects.create(check_in=check, case=case, reasons="mood: 1")
    an_answer(case, "More time", worker_may_read=False, person=Person.PARENT_CARER, name="Sam")
    responses = {**_young_persons_pages(case, key_worker), **_teams_pages(case, manager)}
    assert all(response.status_code in (200, 400) for response in responses.values()), {
        name: response.status_code for name, response in responses.items()
    }
    found, _unused = htmlcheck.errors({name: response.content.decode() for name, response in responses.items()})
    assert not found, "\n".join(map(str, found))
