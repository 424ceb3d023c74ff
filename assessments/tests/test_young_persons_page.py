"""The young person's page (a shared link) is kind and true: "Save for later" says what it did in words true
for that link; after sending, it says what happens next and who reads it, and lets them write more; words
already sent are shown again only behind a passcode; "Exit this page" is on every page they see."""

import re

import pytest
from django.core.cache import cache
from django.test import override_settings

from assessments import services
from assessments.models import Contribution
from assessments.sections import Audience, SectionKind
from cases import services as case_services
from cases.models import LinkUse, SharedLink

from .test_shared_link import JARGON

WORDS = "I like drawing and my dog"
PASSCODE = "purple cat"


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


@pytest.fixture
def about_me(case):
    return case.assessment.sections.get(kind=SectionKind.ABOUT_ME)


def link_to(section, by, passcode=""):
    link, token = services.section_link_create(
        section=section, person=Audience.YOUNG_PERSON, name="", by=by, passcode=passcode
    )
    return link, f"/s/{token}/"


def opened(client, path, passcode=""):
    if passcode:
        assert client.post(path, {"action": "passcode", "passcode": passcode}).status_code == 302
    return path


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def send(client, path, text=WORDS):
    version = Contribution.objects.get(links__link__token_hash=case_services.token_hash(path.split("/")[2])).version
    assert client.post(path, {"action": "send", "text": text, "version": version}).status_code == 302


@pytest.fixture
def plain(client, about_me, key_worker):
    """A link with no passcode."""
    link, path = link_to(about_me, key_worker)
    return link, opened(client, path)


@pytest.fixture
def private(client, about_me, key_worker):
    """A link behind a passcode, opened with it."""
    link, path = link_to(about_me, key_worker, PASSCODE)
    return link, opened(client, path, PASSCODE)


def test_save_for_later_says_it_worked_and_what_is_true_without_a_passcode(client, plain):
    link, path = plain
    response = client.post(path, {"action": "save", "text": WORDS, "version": 0}, follow=True)
    page = text_of(response)
    assert "Saved. Nobody who works with you can see this until you send it." in page
    assert "anyone who has this link can open it" in page and "Only you" not in page
    assert "Saved." not in text_of(client.get(path))  # said once


def test_save_for_later_with_a_passcode_says_only_they_can_see_it(client, private):
    link, path = private
    page = text_of(client.post(path, {"action": "save", "text": WORDS, "version": 0}, follow=True))
    assert "Saved. Only you can see this until you send it: the page needs your passcode." in page
    assert "Nobody else can see it until you send it: this page needs your passcode." in page


def test_after_sending_it_says_what_happens_next_and_who_reads_it(client, plain, partner_with_grant):
    link, path = plain
    send(client, path)
    page = text_of(client.get(path))
    assert "Sent to Jo" in page and "What happens next" in page and "Jo will read what you wrote" in page
    assert "Jo Bennett (your worker)" in page
    agency = partner_with_grant.agency.name
    assert f"{agency} cannot read it unless you tick them below." in page
    client.post(path, {"action": "share", "agencies": [partner_with_grant.agency_id]})
    page = text_of(client.get(path))
    assert "because you chose to share it" in page and f"{agency} cannot read it" not in page


def test_a_link_without_a_passcode_never_shows_sent_words_again(client, plain):
    link, path = plain
    send(client, path)
    page = text_of(client.get(path))
    assert WORDS not in page and "We do not show your words again here" in page


def test_behind_a_passcode_they_may_see_what_they_sent(client, private):
    link, path = private
    send(client, path)
    page = text_of(client.get(path))
    assert "What you sent" in page and WORDS in page


def test_after_sending_they_can_write_more_as_new_words(client, plain, about_me, key_worker):
    link, path = plain
    send(client, path)
    first = link.section_link.contribution
    assert client.post(path, {"action": "more"}).status_code == 302
    link.refresh_from_db()
    assert (
        link.section_link.contribution != first and link.section_link.contribution.status == Contribution.Status.DRAFT
    )
    first.refresh_from_db()
    assert first.status == Contribution.Status.SENT and first.text == WORDS
    assert LinkUse.objects.filter(link=link, event=LinkUse.Event.MORE).count() == 1
    page = text_of(client.get(path))
    assert "<textarea" in client.get(path).content.decode() and WORDS not in page
    assert "Jo already has what you sent before" in page
    # Asking again while writing changes nothing.
    client.post(path, {"action": "more"})
    link.refresh_from_db()
    assert Contribution.objects.filter(section=about_me).count() == 2
    send(client, path, "And I have a cat")
    assert set(Contribution.objects.filter(section=about_me).values_list("status", flat=True)) == {"sent"}


def test_behind_a_passcode_writing_more_shows_what_they_sent_before(client, private):
    link, path = private
    send(client, path)
    client.post(path, {"action": "more"})
    page = client.get(path).content.decode()
    assert "What you sent before" in page and WORDS in page


def test_write_more_before_sending_does_nothing(client, plain):
    link, path = plain
    first = link.section_link.contribution
    assert client.post(path, {"action": "more"}).status_code == 302
    link.refresh_from_db()
    assert link.section_link.contribution == first and not LinkUse.objects.filter(event=LinkUse.Event.MORE).exists()


def test_the_worker_is_named_with_an_initial_and_the_questions_show_progress(client, plain):
    link, path = plain
    response = client.get(path)
    page = response.content.decode()
    assert re.search(r'<span class="act-yp__initial" aria-hidden="true">J</span>', page)
    text = text_of(response)
    assert "Jo, your worker, would like to hear what you think." in text
    assert "1 of 2 What do you like doing?" in text and "2 of 2 What should people know" in text


def every_young_persons_page(client, about_me, key_worker):
    """Each kind of page a young person or family member can see, as they see it."""
    _link, path = link_to(about_me, key_worker)
    yield "the part", client.get(path)
    yield "saved", client.post(path, {"action": "save", "text": WORDS, "version": 0}, follow=True)
    send(client, path)
    yield "sent", client.get(path)
    client.post(path, {"action": "more"})
    yield "writing more", client.get(path)
    yield "a bad save", client.post(path, {"action": "send", "text": " ", "version": 2})
    _link, locked = link_to(about_me, key_worker, PASSCODE)
    yield "passcode", client.get(locked)
    yield "wrong passcode", client.post(locked, {"action": "passcode", "passcode": "nope"})
    yield "not working", client.get("/s/no-such-link/")
    for _ in range(12):
        client.get("/s/another-guess/")
    yield "slow down", client.get("/s/and-another/")


@override_settings(EXIT_PAGE_URL="https://www.bbc.co.uk/weather")
def test_every_page_they_see_has_exit_this_page_and_plain_words(client, about_me, key_worker):
    seen = []
    for name, response in every_young_persons_page(client, about_me, key_worker):
        page = response.content.decode()
        assert 'data-module="govuk-exit-this-page"' in page, name
        assert re.search(r'<a href="https://www\.bbc\.co\.uk/weather"[^>]*govuk-exit-this-page__button', page), name
        assert 'rel="nofollow noreferrer"' in page and "/static/js/young_person.js" in page, name
        assert "press the Shift key 3 times" in text_of(response), name
        assert not JARGON.search(text_of(response)), (name, JARGON.search(text_of(response)))
        seen.append(name)
    assert len(seen) == 9


def test_a_revoked_link_cannot_write_more(client, plain, key_worker):
    link, path = plain
    send(client, path)
    case_services.link_revoke(link=SharedLink.objects.get(pk=link.pk), by=key_worker)
    assert client.post(path, {"action": "more"}).status_code == 404
    assert Contribution.objects.filter(section=link.section_link.section).count() == 1


def test_her_choice_of_who_else_reads_holds_for_more_words_and_withdrawing_reaches_them_all(
    client, plain, partner_with_grant, browser_for, case
):
    from django.urls import reverse

    from assessments.models import ContributionShare

    link, path = plain
    police = partner_with_grant.agency
    send(client, path)
    client.post(path, {"action": "share", "agencies": [police.pk]})
    client.post(path, {"action": "more"})
    assert "because you chose to share it" in text_of(client.get(path))
    send(client, path, "And I have a cat")
    officer = browser_for(partner_with_grant)
    part = reverse("assessments:section", args=[case.pk, SectionKind.ABOUT_ME])
    seen = officer.get(part).content.decode()
    assert WORDS in seen and "And I have a cat" in seen
    client.post(path, {"action": "share", "agencies": []})
    assert not ContributionShare.objects.filter(withdrawn_at=None).exists()
    seen = officer.get(part).content.decode()
    assert WORDS not in seen and "And I have a cat" not in seen
