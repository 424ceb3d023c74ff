"""Honest part pages: each part, and the list of parts, says how many people have written and what is waiting
to be added; "In their own words" holds only the young person's and family's words; professionals' words carry
their writer's role and agency; a draft is never shown to anyone but its writer; the page's two forms have ids
of their own."""

import re
from collections import Counter

import pytest
from django.urls import reverse

from act.testing import assert_query_budget
from assessments import services
from assessments.sections import Audience, SectionKind
from cases.tests.budgets import case_page_budget

DESTINY = "I love music and my youth club"
WORKER = "Warm with me; wary of new adults"
POLICE = "Seen twice at the retail park with older males"


def url(name, case, *args):
    return reverse(f"assessments:{name}", args=[case.pk, *args])


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())).replace("&#x27;", "'")


def write(client, case, text, kind=SectionKind.ABOUT_ME):
    response = client.post(url("section", case, kind), {"form": "words", "words-text": text, "words-version": 0})
    assert response.status_code == 302


@pytest.fixture
def about_me(case):
    return case.assessment.sections.get(kind=SectionKind.ABOUT_ME)


def destiny_writes(section, by, *, send=True, text=DESTINY):
    link, _token = services.section_link_create(section=section, person=Audience.YOUNG_PERSON, name="", by=by)
    words = services.contribution_save(
        contribution=link.section_link.contribution, text=text, expected_version=0, label="Destiny"
    )
    return services.contribution_send(contribution=words, label="Destiny") if send else words


@pytest.fixture
def everyone_wrote(browser_for, case, about_me, key_worker, partner_with_grant):
    """The key worker, Destiny (sent, not yet added) and the police officer have all written about her."""
    write(browser_for(key_worker), case, WORKER)
    destiny_writes(about_me, key_worker)
    write(browser_for(partner_with_grant), case, POLICE)


def test_the_list_of_parts_counts_the_people_who_wrote_and_what_is_waiting(
    browser_for, case, key_worker, everyone_wrote
):
    overview = browser_for(key_worker).get(url("overview", case)).content.decode()
    row = re.search(r"About me and what I enjoy</a>.*?</tr>", overview, re.S).group(0)
    cells = re.findall(r'<td class="govuk-table__cell">(.*?)</td>', row, re.S)
    assert cells[0].strip() == "3" and "1 new" in cells[1]
    other = re.search(r"What is going well</a>.*?</tr>", overview, re.S).group(0)
    assert re.findall(r'<td class="govuk-table__cell">(.*?)</td>', other, re.S)[0].strip() == "0"


def test_the_part_says_who_wrote_and_keeps_their_own_words_apart(browser_for, case, key_worker, everyone_wrote):
    page = text_of(browser_for(key_worker).get(url("section", case, "about_me")))
    assert "3 people have written here." in page and "1 waiting for you to add" in page
    assert "Nobody has written" not in page
    own_words, professionals = page.split("In their own words")[1].split("From the people working with them")
    assert DESTINY in own_words and WORKER not in own_words and POLICE not in own_words
    assert WORKER in professionals and POLICE in professionals and DESTINY not in professionals


def test_professional_words_carry_the_writers_role_and_agency(
    browser_for, case, key_worker, partner_with_grant, everyone_wrote
):
    page = text_of(browser_for(key_worker).get(url("section", case, "about_me")))
    assert f"{partner_with_grant.get_full_name()} Police CSE officer, {partner_with_grant.agency.name}" in page
    assert "Jo Bennett (you) Key worker, ACT Rochdale" in page


def test_a_worker_who_saved_their_words_sees_them_on_the_part(browser_for, case, key_worker):
    client = browser_for(key_worker)
    write(client, case, WORKER)
    page = text_of(client.get(url("section", case, "about_me")))
    assert "1 person has written here." in page and "Nobody has written" not in page
    assert page.count(WORKER) == 2  # shown among the professionals' words, and in the box to change them
    assert "Change your words" in page and "Everyone working on this case can read what you save here" in page


def test_a_partner_counts_only_what_she_chose_to_share_with_them(browser_for, case, partner_with_grant, everyone_wrote):
    client = browser_for(partner_with_grant)
    page = text_of(client.get(url("section", case, "about_me")))
    assert "2 people have written here." in page and DESTINY not in page and "waiting" not in page
    assert "Nothing they wrote here has been shared with you." in page
    overview = client.get(url("overview", case)).content.decode()
    assert "1 new" not in overview


def test_a_draft_is_never_shown_or_counted_as_written(
    browser_for, case, about_me, key_worker, manager, partner_with_grant
):
    destiny_writes(about_me, key_worker, send=False, text="My private draft")
    for person in (key_worker, manager, partner_with_grant):
        client = browser_for(person)
        for page in (url("section", case, "about_me"), url("overview", case), url("history", case, "about_me")):
            assert "My private draft" not in client.get(page).content.decode(), (person, page)
    staff = text_of(browser_for(key_worker).get(url("section", case, "about_me")))
    assert "Nobody has written here yet." in staff and "1 still writing through a link." in staff
    assert "Destiny (The young person) Being written" in staff
    partner = text_of(browser_for(partner_with_grant).get(url("section", case, "about_me")))
    assert "still writing" not in partner and "Being written" not in partner


def test_the_parts_two_forms_have_ids_of_their_own(browser_for, case, key_worker, everyone_wrote):
    page = browser_for(key_worker).get(url("section", case, "about_me")).content.decode()
    ids = Counter(re.findall(r'\bid="([^"]+)"', page))
    assert not [name for name, count in ids.items() if count > 1], ids
    assert 'id="id_words-version"' in page and 'id="id_judgement-version"' in page


def test_the_list_of_parts_query_count_does_not_grow(client_for, key_worker, case):
    sections = list(case.assessment.sections.all())

    def add(n):
        for i in range(n):
            section = sections[i % len(sections)]
            words = services.contribution_start(section=section, contributor=Audience.PARENT_CARER, name=f"Carer {i}")
            services.contribution_save(contribution=words, text="words", expected_version=0, label="Carer")
            if i % 2:
                services.contribution_send(contribution=words, label="Carer")

    assert_query_budget(
        client_for(key_worker), url("overview", case), add_rows=add, budget=case_page_budget(), large=60
    )
