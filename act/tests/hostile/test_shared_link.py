"""Hostile input to the young person's shared link, /s/<token>/: its POST fields (`action`: autosave,
save, send, passcode, share or more; `text`; `version`; `passcode`; `agencies`) in any order and number, with
or without a passcode on the link; then the worker's pages that show what was sent, and adding it to the assessment."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from assessments import services
from assessments.models import Contribution
from assessments.sections import Audience, SectionKind

from . import tally
from .checks import Visitor, assert_shown, attempt
from .inputs import HOSTILE, Field, bad, choice, chosen, form, hostile_number, hostile_text, pick, text

SHARED = "shared-link"
PASSCODE = "sunflower"

step = form(
    action=choice(["autosave", "save", "send", "passcode", "share", "more"]),
    text=text("I like drawing and my dog"),
    version=pick("current", "old"),
    passcode=pick("right", "wrong"),
    agencies=Field(st.lists(st.just("police"), max_size=1), bad(st.one_of(hostile_number, st.lists(hostile_number)))),
)
steps = st.lists(step, min_size=1, max_size=4)


def as_posted(data: dict, contribution: Contribution, police) -> dict:
    contribution.refresh_from_db()
    versions = {"current": contribution.version, "old": max(contribution.version - 1, 0)}
    agencies = data["agencies"]
    return {
        **data,
        "agencies": [chosen(pick, {"police": police.pk}) for pick in agencies]
        if isinstance(agencies, list)
        else agencies,
        "version": chosen(data["version"], versions),
        "passcode": chosen(data["passcode"], {"right": PASSCODE, "wrong": "tulip"}),
    }


@given(drawn=steps, with_passcode=st.booleans(), kind=st.sampled_from(SectionKind.values), urlencoded=st.booleans())
@HOSTILE
def test_the_shared_link(key_worker, case, partner_with_grant, drawn, with_passcode, kind, urlencoded):
    with attempt(SHARED) as young_person:
        section = case.assessment.sections.get(kind=kind)
        link, token = services.section_link_create(
            section=section,
            person=Audience.YOUNG_PERSON,
            name="",
            by=key_worker,
            passcode=PASSCODE if with_passcode else "",
        )
        url = reverse(SHARED, args=[token])
        young_person.get(url)
        answers = [
            _post(
                young_person,
                url,
                as_posted(data, link.section_link.contribution, partner_with_grant.agency),
                urlencoded,
            )
            for data in drawn
        ]
        if any(answer.status_code == 302 or b'"saved": true' in answer.content for answer in answers):
            tally.accepted(SHARED)
        young_person.get(url, ok=False)
        _workers_pages(key_worker, case, kind, link.section_link.contribution)
        # The partner reads what the young person chose to share with them, if anything.
        partner = Visitor(SHARED, partner_with_grant)
        partner.get(reverse("assessments:section", args=[case.pk, kind]))
        partner.get(reverse("assessments:history", args=[case.pk, kind]))


def _post(visitor, url: str, data: dict, urlencoded: bool):
    response = visitor.post(url, data, urlencoded=urlencoded)
    assert response.status_code in (200, 302, 400, 409, 429), f"POST {url} answered {response.status_code}"
    return response


@pytest.mark.parametrize("action", ["autosave", "save", "send"])
def test_a_nul_byte_in_the_words_is_refused(key_worker, case, action):
    # PostgreSQL cannot keep a NUL byte (SQLite can): the form refuses it on both.
    section = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    link, token = services.section_link_create(section=section, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    with attempt(SHARED) as young_person:
        url = reverse(SHARED, args=[token])
        response = _post(young_person, url, {"action": action, "text": "a\x00b", "version": "0"}, False)
        assert response.status_code == 400
        link.section_link.contribution.refresh_from_db()
        assert link.section_link.contribution.text == "" and link.section_link.contribution.version == 0


def _workers_pages(key_worker, case, kind: str, contribution: Contribution) -> None:
    worker = Visitor(SHARED, key_worker)
    section_page = reverse("assessments:section", args=[case.pk, kind])
    worker.get(section_page)
    worker.get(reverse("assessments:history", args=[case.pk, kind]))
    contribution.refresh_from_db()
    if contribution.status == Contribution.Status.SENT:
        shown = worker.get(section_page)
        assert_shown(shown, contribution.text.strip().splitlines()[0].strip())
        worker.submit(reverse("assessments:contribution-add", args=[case.pk, contribution.pk]), {}, times=2)
        worker.get(section_page)
        worker.get(reverse("assessments:overview", args=[case.pk]))


@given(token=st.one_of(hostile_text, st.just("x" * 5000)), data=step)
@HOSTILE
def test_a_link_that_does_not_exist(case, token, data):
    with attempt(SHARED + " (unknown token)") as visitor:
        url = f"/s/{quote(token, safe='')}/"
        for response in (visitor.get(url, ok=False), visitor.post(url, data)):
            assert response.status_code in (404, 429), f"{url} answered {response.status_code}"
            assert case.young_person.given_name not in response.content.decode()
