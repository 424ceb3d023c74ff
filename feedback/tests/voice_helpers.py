"""Rhythms, requests and the links made for them, for the tests of the answering and reading pages."""

import html
import re
from datetime import time, timedelta

from django.utils import timezone

from cases import services as case_services
from cases.models import Person

from .. import services
from ..links import CHECK_IN_LINK, FEEDBACK_LINK
from ..models import Kind, Request, Rhythm

GOOD_CHECK_IN = {
    "mood": "4",
    "outlook": "3",
    "healthy_relationships": "5",
    "self_feeling": "2",
    "relationships": "4",
    "anything_else": "Had a good week at college",
}
GOOD_FEEDBACK = {"listened": "5", "there_when_needed": "4", "better": "More time on Fridays", "who_reads": "worker"}


def a_rhythm(case, by, kind=Kind.CHECK_IN, person=Person.YOUNG_PERSON, name="") -> Rhythm:
    return Rhythm.objects.create(
        case=case,
        kind=kind,
        person=person,
        person_name=name,
        every_days=7,
        weekday=0,
        earliest=time(9),
        latest=time(18),
        next_due_at=timezone.now() + timedelta(days=7),
        created_by=by,
    )


def a_request(case, by, kind=Kind.CHECK_IN, person=Person.YOUNG_PERSON, name="", days_ago=1, sent=True) -> Request:
    rhythm = Rhythm.objects.filter(case=case, kind=kind, person=person, person_name=name).first()
    rhythm = rhythm or a_rhythm(case, by, kind, person, name)
    due = timezone.now() - timedelta(days=days_ago)
    return Request.objects.create(rhythm=rhythm, case=case, kind=kind, due_at=due, sent_at=due if sent else None)


def a_link_for(asked: Request, by, person=Person.YOUNG_PERSON, name="") -> str:
    """The path of a one-thing link (no passcode) made for a request."""
    purpose = CHECK_IN_LINK if asked.kind == Kind.CHECK_IN else FEEDBACK_LINK
    _link, token = case_services.link_create(
        case=asked.case, purpose=purpose, target_id=asked.pk, person=person, name=name, by=by
    )
    return f"/s/{token}/"


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def an_answer(case, words, worker_may_read, person=Person.YOUNG_PERSON, name=""):
    """Feedback with these words, given through the service as the page would."""
    return services.feedback_record(
        case=case,
        person=person,
        name=name,
        listened=4,
        there_when_needed=2,
        better=words,
        worker_may_read=worker_may_read,
        request=None,
    )
