import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from assessments import services
from assessments.models import Contribution
from assessments.sections import Audience, SectionKind
from cases import services as case_services
from cases.models import LinkUse, SharedLink

JARGON = re.compile(r"\b(CSE|CIN|CP|LAC|IRO|intervention|assessment domain|exploitation|risk)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def about_me(case):
    return case.assessment.sections.get(kind=SectionKind.ABOUT_ME)


@pytest.fixture
def link_and_token(about_me, key_worker):
    return services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)


@pytest.fixture
def link(link_and_token):
    return link_and_token[0]


@pytest.fixture
def path(link_and_token):
    return f"/s/{link_and_token[1]}/"


def visible_text(response) -> str:
    return re.sub(r"<[^>]+>", " ", response.content.decode())


def test_the_link_opens_the_section_for_the_young_person_in_plain_words(client, db, link, path):
    response = client.get(path)
    assert response.status_code == 200
    text = visible_text(response)
    assert "Hi Destiny" in text and "About me" in text and "Send to Jo" in text
    assert not JARGON.search(text), JARGON.search(text)
    assert response["Cache-Control"].startswith("max-age=0")
    assert LinkUse.objects.filter(link=link, event="opened").count() == 1
    link.refresh_from_db()
    assert link.last_used_at is not None


def test_it_shows_only_that_persons_own_words(client, about_me, key_worker, case):
    yp_link, _ = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    services.contribution_save(
        contribution=yp_link.section_link.contribution,
        text="Destiny's own secret words",
        expected_version=0,
        label="Destiny",
    )
    services.judgement_save(
        section=about_me, going_well="Worker judgement text", worries="", why="", expected_version=0, by=key_worker
    )
    _, parent_token = services.section_link_create(
        section=about_me, person=Audience.PARENT_CARER, name="Sarah", by=key_worker
    )
    page = client.get(f"/s/{parent_token}/").content.decode()
    assert "Hi Sarah" in page
    assert "secret words" not in page and "Worker judgement text" not in page and "Walker" not in page


@pytest.mark.parametrize("token", ["not-a-real-token", "x" * 43, "a" * 500, "%00"])
def test_unknown_tokens_show_the_kind_page_and_nothing_else(client, db, link, token):
    response = client.get(f"/s/{token}/")
    assert response.status_code == 404
    assert "This link is not working" in response.content.decode()
    assert "Destiny" not in response.content.decode()


def test_the_raw_token_is_not_a_key_to_anything(client, link, link_and_token):
    # Only the hash is stored: the hash itself, used as a token, opens nothing.
    assert client.get(f"/s/{link.token_hash}/").status_code == 404


def test_expired_revoked_and_closed_links_show_the_same_kind_page(client, link, path, key_worker, case):
    SharedLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    expired = client.get(path)
    assert expired.status_code == 404 and "This link is not working" in expired.content.decode()
    SharedLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() + timedelta(days=1))
    case_services.link_revoke(link=link, by=key_worker)
    assert "Destiny" not in client.get(path).content.decode()
    assert LinkUse.objects.filter(link=link, event="refused").count() == 2


def test_words_are_saved_as_they_type_and_kept_on_reload(client, link, path):
    saved = client.post(path, {"action": "autosave", "text": "I like music", "version": 0})
    assert saved.status_code == 200 and saved.json() == {"version": 1, "saved": True}
    assert "I like music" in client.get(path).content.decode()
    link.section_link.contribution.refresh_from_db()
    assert (
        link.section_link.contribution.text == "I like music"
        and link.section_link.contribution.status == Contribution.Status.DRAFT
    )


def test_a_stale_autosave_is_refused_and_says_what_is_saved(client, link, path):
    client.post(path, {"action": "autosave", "text": "From my phone", "version": 0})
    clash = client.post(path, {"action": "autosave", "text": "From the tablet", "version": 0})
    assert clash.status_code == 409
    assert clash.json() == {"conflict": True, "current": "From my phone", "version": 1}
    link.section_link.contribution.refresh_from_db()
    assert link.section_link.contribution.text == "From my phone"


def test_without_javascript_a_stale_save_shows_both_versions(client, link, path):
    client.post(path, {"action": "autosave", "text": "From my phone", "version": 0})
    response = client.post(path, {"action": "save", "text": "From the tablet", "version": 0})
    assert response.status_code == 409
    page = response.content.decode()
    assert "From my phone" in page and "From the tablet" in page


@pytest.mark.parametrize(
    "data",
    [
        {"action": "autosave", "text": "x" * 20001, "version": 0},
        {"action": "autosave", "text": "x", "version": "one"},
        {"action": "autosave", "text": "x"},
    ],
)
def test_bad_saves_are_refused(client, link, path, data):
    assert client.post(path, data).status_code in (400, 409)
    link.section_link.contribution.refresh_from_db()
    assert link.section_link.contribution.text == ""


def test_sending_to_the_worker(client, link, path):
    assert "Write something first" in client.post(path, {"action": "send", "text": " ", "version": 0}).content.decode()
    response = client.post(path, {"action": "send", "text": "I like music", "version": 1})
    assert response.status_code == 302
    link.section_link.contribution.refresh_from_db()
    assert link.section_link.contribution.status == Contribution.Status.SENT
    page = client.get(path).content.decode()
    # A link without a passcode does not show the words again: anyone who has the link could read them.
    assert "Sent to Jo" in page and "I like music" not in page and "<textarea" not in page
    again = client.post(path, {"action": "autosave", "text": "changed", "version": 2})
    assert again.status_code == 409
    assert {u.event for u in LinkUse.objects.filter(link=link)} >= {"saved", "sent", "opened"}


def test_a_passcode_protects_the_link(client, about_me, key_worker):
    link, token = services.section_link_create(
        section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker, passcode="purple cat"
    )
    path = f"/s/{token}/"
    first = client.get(path).content.decode()
    assert "Type your passcode" in first and "About me" not in first
    assert client.post(path, {"action": "autosave", "text": "sneaky", "version": 0}).status_code == 200
    link.section_link.contribution.refresh_from_db()
    assert link.section_link.contribution.text == ""  # no save before the passcode
    wrong = client.post(path, {"action": "passcode", "passcode": "purple dog"})
    assert wrong.status_code == 400 and "not the passcode" in wrong.content.decode()
    assert client.post(path, {"action": "passcode", "passcode": "purple cat"}).status_code == 302
    assert "About me" in client.get(path).content.decode()
    assert LinkUse.objects.filter(link=link, event="wrong_passcode").count() == 1


def test_repeated_wrong_tokens_from_one_address_are_slowed_down(client, link, path):
    for _ in range(10):
        client.get("/s/guess-number-something/")
    blocked = client.get("/s/another-guess/")
    assert blocked.status_code == 429 and "Please wait" in blocked.content.decode()
    assert int(blocked["Retry-After"]) > 0
    assert client.get("/s/another-guess/", REMOTE_ADDR="10.1.2.3").status_code == 404


def test_other_peoples_wrong_tokens_never_block_a_valid_link(client, link, path):
    """One address for a whole school or care home: one child's mistyped links lock nobody else out."""
    for _ in range(30):
        client.get("/s/mistyped-link/")
    assert client.get("/s/mistyped-link/").status_code == 429
    opened = client.get(path)
    assert opened.status_code == 200 and "About me" in opened.content.decode()
    saved = client.post(path, {"action": "autosave", "text": "still here", "version": 0})
    assert saved.status_code == 200


def test_wrong_passcodes_slow_down_that_link_only(client, about_me, key_worker, path):
    _, token = services.section_link_create(
        section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker, passcode="1234"
    )
    for _ in range(10):
        client.post(f"/s/{token}/", {"action": "passcode", "passcode": "0000"})
    assert client.post(f"/s/{token}/", {"action": "passcode", "passcode": "1234"}).status_code == 429
    # The same address still opens another child's link, and still gets the plain page for a bad token.
    assert client.get(path).status_code == 200
    assert client.get("/s/unknown/").status_code == 404


def test_a_passcode_needs_at_least_four_characters(about_me, key_worker):
    with pytest.raises(services.AssessmentError, match="at least 4"):
        services.section_link_create(
            section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker, passcode="123"
        )


def test_repeated_wrong_passcodes_are_slowed_down(client, about_me, key_worker):
    _, token = services.section_link_create(
        section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker, passcode="1234"
    )
    for _ in range(10):
        client.post(f"/s/{token}/", {"action": "passcode", "passcode": "0000"})
    assert client.post(f"/s/{token}/", {"action": "passcode", "passcode": "1234"}).status_code == 429


@pytest.mark.parametrize("kind", SectionKind.values)
@pytest.mark.parametrize("audience", [Audience.YOUNG_PERSON, Audience.PARENT_CARER])
def test_no_prompt_a_young_person_or_carer_sees_has_jargon(kind, audience):
    from assessments.sections import prompts_for

    prompts = prompts_for(kind, audience)
    for text in (prompts.title, *prompts.questions):
        assert not JARGON.search(str(text)), f"{kind}/{audience}: {text}"


def test_a_link_cannot_be_turned_towards_another_section_or_case(client, about_me, key_worker, case, outsider_case):
    other_section = case.assessment.sections.get(kind=SectionKind.WORRIES)
    other_words = services.contribution_start(section=other_section, contributor=Audience.PARENT_CARER, name="Mum")
    outsider_words = services.contribution_start(
        section=outsider_case.assessment.sections.get(kind=SectionKind.ABOUT_ME), contributor=Audience.YOUNG_PERSON
    )
    link, token = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    path = f"/s/{token}/"
    for extra in (
        {"contribution": other_words.pk},
        {"section": "worries"},
        {"case": outsider_case.pk},
        {"contribution_id": outsider_words.pk},
    ):
        client.post(path, {"action": "autosave", "text": "mine", "version": 0, **extra})
    other_words.refresh_from_db()
    outsider_words.refresh_from_db()
    link.section_link.contribution.refresh_from_db()
    assert other_words.text == "" and outsider_words.text == ""
    assert link.section_link.contribution.text == "mine"
    page = client.get(f"{path}?section=worries&case={outsider_case.pk}").content.decode()
    assert "About me" in page and "Worries" not in page and "Jordan" not in page
    assert client.get(f"/s/{token}/worries/").status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"action": "save", "text": "null \x00 byte", "version": "0"},
        {"action": "autosave", "text": "fine", "version": "not a number"},
        {"action": "autosave", "text": "fine", "version": "99999999999999999999"},
        {"action": "delete-everything", "text": "fine", "version": "0"},
        {"action": "send"},
    ],
)
def test_bad_input_from_a_link_is_refused_plainly_and_nothing_is_stored(client, link, path, data):
    response = client.post(path, data)
    assert response.status_code == 400
    link.section_link.contribution.refresh_from_db()
    assert link.section_link.contribution.text == "" and link.section_link.contribution.status == "draft"
