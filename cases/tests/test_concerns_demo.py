"""The demo's register of concerns: Tee, his car and the flat in Oldham, linked to Destiny and Lily. The manager
sees both young people; `worker` (who does not see Lily's case) sees only Destiny, and nothing of Lily."""

import pytest
from django.urls import reverse

from accounts import demo as accounts_demo
from cases import demo as cases_demo
from cases.demo import concerns as concerns_demo
from cases.models import ConcernEntry, ConcernLink


@pytest.fixture
def demo(db):
    people = accounts_demo.seed()
    cases = cases_demo.seed(people)
    entries = concerns_demo.seed(people, cases)
    return people, cases, entries


def test_the_manager_sees_tee_linked_to_destiny_and_lily_on_the_map(client_for, demo):
    people, cases, entries = demo
    lily, destiny = str(cases["lily"].young_person), str(cases["destiny"].young_person)
    client = client_for(people["manager"])
    assert lily in client.get(reverse("concerns:entry", args=[entries["tee"].pk])).content.decode()
    picture = client.get(reverse("concerns:map")).content.decode()
    assert destiny in picture and lily in picture and "known as" in picture


def test_the_worker_sees_only_destinys_links_and_nothing_of_lily(client_for, demo):
    people, cases, entries = demo
    lily = cases["lily"].young_person
    client = client_for(people["worker"])
    pages = [
        client.get(reverse("concerns:register")),
        client.get(reverse("concerns:entry", args=[entries["tee"].pk])),
        client.get(reverse("concerns:entry", args=[entries["flat"].pk])),
        client.get(reverse("cases:concerns", args=[cases["destiny"].pk])),
    ]
    for page in pages:
        text = page.content.decode()
        assert page.status_code == 200 and "MACE" not in text
        assert lily.given_name not in text and str(lily) not in text and lily.family_name not in text
    assert str(cases["destiny"].young_person) in pages[1].content.decode()
    assert [entry.case_count for entry in pages[0].context["page"]] == [1, 1, 1]
    assert client.get(reverse("concerns:map")).status_code == 404
    assert client.get(reverse("cases:concerns", args=[cases["lily"].pk])).status_code == 404


def test_seeding_the_register_again_adds_nothing(demo):
    people, cases, _entries = demo
    concerns_demo.seed(people, cases)
    assert (ConcernEntry.objects.count(), ConcernLink.objects.count()) == (3, 5)
