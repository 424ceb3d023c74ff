import pytest
from django.urls import reverse

from accounts.models import Notification
from act.testing import assert_query_budget
from assessments import services
from assessments.models import Contribution, Revision
from assessments.sections import Audience, SectionKind
from cases import services as case_services
from cases.models import AuditEvent, SharedLink

# The case's list of links and revoking one are the case's pages; making a link to a part is the assessment's.
CASE_PAGES = {"links": "cases:shared-links", "link-revoke": "cases:shared-link-revoke"}


def url(name, case, *args):
    return reverse(CASE_PAGES.get(name, f"assessments:{name}"), args=[case.pk, *args])


def own_words(**fields):
    """The words form of a part's page, as posted (its fields carry the form's prefix)."""
    return {"form": "words", **{f"words-{name}": value for name, value in fields.items()}}


def judgement(**fields):
    return {"form": "judgement", **{f"judgement-{name}": value for name, value in fields.items()}}


@pytest.fixture
def about_me(case):
    return case.assessment.sections.get(kind=SectionKind.ABOUT_ME)


@pytest.fixture
def sent_words(about_me, key_worker):
    link, _ = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    words = services.contribution_save(
        contribution=link.section_link.contribution,
        text="I love music and my youth club",
        expected_version=0,
        label="Destiny",
    )
    return services.contribution_send(contribution=words, label="Destiny")


@pytest.mark.parametrize("who", ["key_worker", "manager", "partner_with_grant"])
def test_people_on_the_case_see_the_assessment(request, client_for, case, who):
    client = client_for(request.getfixturevalue(who))
    assert "About me and what I enjoy" in client.get(url("overview", case)).content.decode()
    assert client.get(url("section", case, "about_me")).status_code == 200
    assert client.get(url("history", case, "about_me")).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "partner_without_grant", "administrator"])
def test_everyone_else_gets_404_on_every_assessment_page(request, client_for, case, about_me, sent_words, who):
    client = client_for(request.getfixturevalue(who))
    link = SharedLink.objects.get()
    for page in [
        url("overview", case),
        url("section", case, "about_me"),
        url("history", case, "about_me"),
        url("links", case),
        url("link-new", case),
        url("link-revoke", case, link.pk),
    ]:
        assert client.get(page).status_code == 404, page
    assert client.post(url("contribution-add", case, sent_words.pk)).status_code == 404
    assert client.post(url("section", case, "about_me"), own_words(text="x", version=0)).status_code == 404
    sent_words.refresh_from_db()
    assert sent_words.status == Contribution.Status.SENT


def test_an_unknown_section_is_404(client_for, key_worker, case):
    assert client_for(key_worker).get(url("section", case, "secrets")).status_code == 404


def test_the_worker_sees_new_words_reads_them_and_adds_them(client_for, key_worker, case, sent_words):
    client = client_for(key_worker)
    overview = client.get(url("overview", case)).content.decode()
    assert "1 new" in overview
    page = client.get(url("section", case, "about_me")).content.decode()
    assert "I love music and my youth club" in page and "add it to the assessment" in page
    client.post(url("contribution-add", case, sent_words.pk))
    sent_words.refresh_from_db()
    assert sent_words.status == Contribution.Status.ADDED and sent_words.added_by == key_worker
    assert AuditEvent.objects.filter(case=case, what__contains="added Destiny").exists()


def test_words_still_being_written_are_not_shown_to_the_worker(client_for, key_worker, case, about_me):
    link, _ = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    services.contribution_save(
        contribution=link.section_link.contribution, text="Private draft", expected_version=0, label="D"
    )
    client = client_for(key_worker)
    page = client.get(url("section", case, "about_me")).content.decode()
    assert "Private draft" not in page and "still writing" in page
    assert "Private draft" not in client.get(url("history", case, "about_me")).content.decode()
    assert client.post(url("contribution-add", case, link.section_link.contribution.pk)).status_code == 404


def test_the_worker_writes_their_own_words_and_judgement(client_for, key_worker, case, about_me):
    client = client_for(key_worker)
    client.post(url("section", case, "about_me"), own_words(text="Loves music; wary of new adults", version=0))
    mine = Contribution.objects.get(section=about_me, author=key_worker)
    assert mine.text == "Loves music; wary of new adults" and mine.contributor == Audience.KEY_WORKER
    client.post(
        url("section", case, "about_me"),
        judgement(going_well="Engaging", worries="Older group", why="Seen twice", version=0),
    )
    about_me.refresh_from_db()
    assert about_me.judgement_worries == "Older group" and about_me.judgement_version == 1
    assert Revision.objects.filter(section=about_me).count() == 2


def test_a_stale_save_is_refused_with_both_versions_and_nothing_lost(client_for, key_worker, manager, case, about_me):
    client_for(manager).post(
        url("section", case, "about_me"),
        judgement(going_well="Manager's view", worries="", why="", version=0),
    )
    response = client_for(key_worker).post(
        url("section", case, "about_me"),
        judgement(going_well="Worker's view typed at the same time", worries="", why="", version=0),
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this while you were writing" in page
    assert "Manager&#x27;s view" in page or "Manager's view" in page
    assert "Worker&#x27;s view typed at the same time" in page or "Worker's view typed at the same time" in page
    about_me.refresh_from_db()
    assert about_me.judgement_going_well == "Manager's view"
    assert 'name="judgement-version" value="1"' in page  # saving again is now a knowing choice


@pytest.mark.parametrize(
    "data",
    [
        own_words(text="x", version="abc"),
        own_words(text="x"),
        own_words(text="x" * 20001, version=0),
        {"text": "x", "version": 0},
    ],
)
def test_bad_input_on_the_words_form_is_refused(client_for, key_worker, case, about_me, data):
    response = client_for(key_worker).post(url("section", case, "about_me"), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Contribution.objects.filter(author=key_worker).exclude(text="").exists()


def test_a_partner_who_contributes_writes_under_their_agency_but_not_the_judgement(
    client_for, partner_with_grant, case, about_me
):
    client = client_for(partner_with_grant)
    client.post(url("section", case, "about_me"), own_words(text="Seen at the retail park", version=0))
    words = Contribution.objects.get(author=partner_with_grant)
    assert words.contributor == Audience.PARTNER
    response = client.post(
        url("section", case, "about_me"),
        judgement(going_well="x", worries="", why="", version=0),
    )
    assert response.status_code == 404
    assert client.post(url("contribution-add", case, words.pk)).status_code == 404


def test_making_a_link_shows_the_token_once_and_stores_only_its_hash(client_for, key_worker, case):
    client = client_for(key_worker)
    response = client.post(url("link-new", case), {"section": "about_me", "contributor": "young_person", "days": 14})
    page = response.content.decode()
    link = SharedLink.objects.get()
    token = page.split("/s/")[1].split("/")[0]
    assert case_services.token_hash(token) == link.token_hash and token not in link.token_hash
    assert "<svg" in page and "only time the link is shown" in page
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    assert token not in client.get(url("links", case)).content.decode()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"section": "about_me", "contributor": "parent_carer", "days": 14, "name": ""}, "parent’s or carer’s name"),
        ({"section": "nowhere", "contributor": "young_person", "days": 14}, "Choose one of the parts"),
        ({"section": "about_me", "contributor": "manager", "days": 14}, "Choose who the link is for"),
        ({"section": "about_me", "contributor": "young_person", "days": 0}, "at least 1 day"),
        ({"section": "about_me", "contributor": "young_person", "days": 91}, "90 days at most"),
        ({"section": "about_me", "contributor": "young_person", "days": "soon"}, "Enter a number of days"),
        ({"section": "about_me", "contributor": "young_person", "days": 14, "passcode": "ab"}, "at least 4"),
        ({}, "Choose the part of the assessment"),
    ],
)
def test_bad_link_requests_are_refused(client_for, key_worker, case, data, message):
    response = client_for(key_worker).post(url("link-new", case), data)
    page = response.content.decode().replace("&#x27;", "’").replace("'", "’")
    assert "There is a problem" in page and message in page
    assert not SharedLink.objects.exists()


def test_links_are_listed_with_their_state_and_can_be_revoked(client_for, key_worker, case, about_me):
    link, _ = services.section_link_create(
        section=about_me, person=Audience.PARENT_CARER, name="Sarah (mum)", by=key_worker
    )
    client = client_for(key_worker)
    listing = client.get(url("links", case)).content.decode()
    assert "Sarah (mum)" in listing and "Working" in listing and "Not opened yet" in listing
    assert "Revoke the link" in client.get(url("link-revoke", case, link.pk)).content.decode()
    link.refresh_from_db()
    assert link.revoked_at is None
    client.post(url("link-revoke", case, link.pk))
    link.refresh_from_db()
    assert link.revoked_at is not None
    assert "Revoked" in client.get(url("links", case)).content.decode()


def test_the_links_page_query_count_does_not_grow(client_for, key_worker, case, about_me):
    def add(n):
        for _ in range(n):
            services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)

    # 17: the page's audit entry takes three, two-factor one (the chain's lock, the last entry's hash, the insert).
    assert_query_budget(client_for(key_worker), url("links", case), add_rows=add, budget=17, large=60)


def test_the_section_page_query_count_does_not_grow(client_for, key_worker, case, about_me):
    def add(n):
        for i in range(n):
            c = services.contribution_start(section=about_me, contributor=Audience.PARENT_CARER, name=f"Carer {i}")
            services.contribution_save(contribution=c, text="words", expected_version=0, label="Carer")
            services.contribution_send(contribution=c, label="Carer")

    # 21: two of them are the audit chain's (its lock and its last hash) on PostgreSQL.
    assert_query_budget(client_for(key_worker), url("section", case, "about_me"), add_rows=add, budget=22, large=60)


def test_notifications_page_shows_mine_and_marks_them_read(client_for, key_worker, manager):
    Notification.objects.create(recipient=key_worker, key="k1", message="Destiny's review is due", url="/cases/")
    Notification.objects.create(recipient=manager, key="k1", message="Not yours", url="/cases/")
    client = client_for(key_worker)
    header = client.get(reverse("cases:list")).content.decode()
    assert "moj-notification-badge" in header
    page = client.get(reverse("accounts:notifications")).content.decode()
    assert "Destiny's review is due" in page.replace("&#x27;", "'") and "Not yours" not in page
    mine = Notification.objects.get(recipient=key_worker)
    assert client.post(reverse("accounts:notification-open", args=[mine.pk]))["Location"] == "/cases/"
    mine.refresh_from_db()
    assert mine.read_at is not None
    other = Notification.objects.get(recipient=manager)
    assert client.post(reverse("accounts:notification-open", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_the_links_page_lists_every_link_of_the_case_named_by_its_purpose(
    monkeypatch, client_for, key_worker, case, about_me
):
    from cases import shared_links

    monkeypatch.setitem(shared_links._purposes, "plan", shared_links.Purpose("plan", "My plan", lambda *args: None))
    services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    case_services.link_create(
        case=case, purpose="plan", target_id=1, person=Audience.PARENT_CARER, name="Sarah (mum)", by=key_worker
    )
    listing = client_for(key_worker).get(url("links", case)).content.decode()
    assert "About me and what I enjoy" in listing and "A part of the assessment" in listing
    assert "Sarah (mum)" in listing and "My plan" in listing
