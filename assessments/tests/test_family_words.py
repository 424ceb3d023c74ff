"""A promise to a child must be true. The young person's page names who will read their words (from the
policy), and their words reach a partner agency only where they chose to share that part with it: on the
assessment part, its history and the reviews' snapshots, for every kind of visitor."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.models import PartnerAgency, User
from accounts.tests.factories import PartnerAgencyFactory, PartnerFactory, UserFactory
from assessments import services
from assessments.models import ContributionShare
from assessments.sections import Audience, SectionKind
from cases import services as case_services
from cases.models import AuditEvent, LinkUse

WORDS = "I feel safest at my nan's house"


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


@pytest.fixture
def police(partner_with_grant):
    return partner_with_grant.agency


@pytest.fixture
def nurse(case):
    """A health partner on the case too, from another agency."""
    health = PartnerAgencyFactory(name="Rochdale Health", kind=PartnerAgency.Kind.HEALTH)
    person = PartnerFactory(username="nurse", first_name="Ama", last_name="Osei", agency=health)
    case_services.case_add_partner(case=case, partner=person, contribute=False, by=None, role="School nurse")
    return person


@pytest.fixture
def about_me(case):
    return case.assessment.sections.get(kind=SectionKind.ABOUT_ME)


@pytest.fixture
def destiny(about_me, key_worker, partner_with_grant, nurse):
    """Destiny's link, with her words written but not sent."""
    link, token = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    services.contribution_save(
        contribution=link.section_link.contribution, text=WORDS, expected_version=0, label="Destiny"
    )
    return link, f"/s/{token}/"


def send(client, path):
    response = client.post(path, {"action": "send", "text": WORDS, "version": 1})
    assert response.status_code == 302


def share(client, path, *agencies):
    response = client.post(path, {"action": "share", "agencies": [a.pk for a in agencies]})
    assert response.status_code == 302
    return response


def reads_words(client, case) -> bool:
    """Can this person read Destiny's words on any page that could show them?"""
    pages = [
        reverse("assessments:section", args=[case.pk, SectionKind.ABOUT_ME]),
        reverse("assessments:history", args=[case.pk, SectionKind.ABOUT_ME]),
    ]
    found = []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        found.append(WORDS.replace("'", "&#x27;") in response.content.decode())
    assert len(set(found)) == 1, f"the part and its history disagree: {dict(zip(pages, found, strict=True))}"
    return found[0]


@pytest.fixture
def visitors(browser_for, key_worker, manager, partner_with_grant, nurse):
    return {
        "key worker": browser_for(key_worker),
        "manager": browser_for(manager),
        "police officer": browser_for(partner_with_grant),
        "school nurse": browser_for(nurse),
    }


def who_reads(visitors, case) -> set[str]:
    return {name for name, client in visitors.items() if reads_words(client, case)}


def test_who_reads_destinys_words_before_and_after_she_shares_a_part(client, case, destiny, visitors, police):
    link, path = destiny
    assert who_reads(visitors, case) == set(), "a draft is hers alone"
    send(client, path)
    assert who_reads(visitors, case) == {"key worker", "manager"}
    share(client, path, police)
    assert who_reads(visitors, case) == {"key worker", "manager", "police officer"}
    share(client, path)  # she changes her mind
    assert who_reads(visitors, case) == {"key worker", "manager"}


def test_a_review_snapshot_keeps_her_choice(client, case, destiny, visitors, police, key_worker):
    link, path = destiny
    send(client, path)
    services.contribution_add(contribution=link.section_link.contribution, by=key_worker)
    review = case.assessment.reviews.get(held_at__isnull=True)
    services.review_hold(
        review=review, what_changed="Settled", next_due_on=timezone.localdate() + timedelta(days=30), by=key_worker
    )
    reviews = reverse("assessments:reviews", args=[case.pk])
    escaped = WORDS.replace("'", "&#x27;")
    assert escaped in visitors["key worker"].get(reviews).content.decode()
    assert escaped not in visitors["police officer"].get(reviews).content.decode()


def test_her_page_names_who_will_read_it_from_the_policy(client, case, destiny, manager, key_worker):
    coordinator = UserFactory(
        username="coordinator", first_name="Helen", last_name="Moss", role=User.Role.PLAN_COORDINATOR, team=case.team
    )
    case_services.case_set_plan_coordinator(case=case, coordinator=coordinator, by=manager)
    link, path = destiny
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get(path).content.decode()))
    assert "Nobody who works with you can see it until you send it" in text
    assert "anyone who has this link can open this page" in text  # no passcode: the truth, said
    assert f"{key_worker.get_full_name()} (your worker)" in text
    assert f"{manager.get_full_name()} (manages Jo’s team)" in text
    assert "Helen Moss (helps organise your plan)" in text
    # Partners are offered as a choice, never listed as readers.
    assert "Do you want anyone else to read it?" in text
    assert "Dan" not in text.split("Do you want anyone else")[0]
    assert "Only Jo will read it" not in text


def test_a_former_manager_is_not_named(client, case, destiny, manager):
    manager.role = User.Role.ACT_WORKER
    manager.save()
    link, path = destiny
    assert manager.get_full_name() not in client.get(path).content.decode()


def test_the_choice_is_recorded_and_audited(client, case, destiny, police, nurse):
    link, path = destiny
    send(client, path)
    share(client, path, police, nurse.agency)
    share(client, path, nurse.agency)
    shares = ContributionShare.objects.filter(contribution=link.section_link.contribution).order_by("pk")
    assert [(s.agency_id, s.withdrawn_at is None) for s in shares] == [(police.pk, False), (nurse.agency_id, True)]
    assert LinkUse.objects.filter(link=link, event=LinkUse.Event.SHARED).count() == 2
    assert AuditEvent.objects.filter(case=case, what__contains="which partner agencies may read").count() == 2
    page = client.get(path).content.decode()
    assert re.search(rf'value="{nurse.agency_id}" checked', page)
    assert not re.search(rf'value="{police.pk}" checked', page)


@pytest.mark.parametrize("bad", [["999999"], ["not-a-number"], ["1\x00"]])
def test_sharing_with_an_agency_not_on_the_case_is_refused(client, case, destiny, bad):
    other = PartnerAgencyFactory(name="Not on this case")
    link, path = destiny
    for agencies in (bad, [str(other.pk)]):
        response = client.post(path, {"action": "share", "agencies": agencies})
        assert response.status_code == 400
    assert not ContributionShare.objects.exists()


def test_partners_do_not_see_the_list_of_shared_links(browser_for, partner_with_grant, case, destiny):
    response = browser_for(partner_with_grant).get(reverse("cases:shared-links", args=[case.pk]))
    assert response.status_code == 404


def test_the_staff_page_says_what_she_chose(client, case, destiny, visitors, police):
    link, path = destiny
    send(client, path)
    section = reverse("assessments:section", args=[case.pk, SectionKind.ABOUT_ME])
    assert "They have not shared this with any partner agency" in visitors["key worker"].get(section).content.decode()
    share(client, path, police)
    assert f"They chose to share this with: {police.name}" in visitors["key worker"].get(section).content.decode()
    assert "Nothing they wrote here has been shared with you" in visitors["school nurse"].get(section).content.decode()
