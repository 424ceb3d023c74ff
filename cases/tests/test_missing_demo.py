"""The demo's missing episodes in depth: Destiny and Lily went missing together (each names the other), and
Lily's return home interview was held; each worker sees the other young person named only where they may
see her case, and what Lily said (restricted) only her worker and the manager read."""

import pytest
from django.urls import reverse

from accounts import demo as accounts_demo
from cases import demo as cases_demo
from cases.demo import missing as missing_demo
from cases.models import MissingEpisode, ReturnInterview

LILY_SAID = "taken to a flat in Oldham where there was a party"


@pytest.fixture
def demo(db):
    people = accounts_demo.seed()
    cases = cases_demo.seed(people)
    missing_demo.seed(people, cases)
    return people, cases


def _episode_page(client_for, people, who, case):
    entry = case.timeline.get(kind="missing")
    response = client_for(people[who]).get(reverse("cases:timeline-entry", args=[case.pk, entry.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_destiny_and_lily_each_name_the_other_and_lily_s_interview_is_recorded(demo):
    people, cases = demo
    destiny, lily = cases["destiny"], cases["lily"]
    assert list(MissingEpisode.objects.get(entry__case=destiny).with_cases.all()) == [lily]
    assert list(MissingEpisode.objects.get(entry__case=lily).with_cases.all()) == [destiny]
    interview = ReturnInterview.objects.get(entry__case=lily)
    assert interview.accepted and interview.said_restricted and interview.shared_with_police
    assert interview.push_factors and interview.pull_factors
    assert ReturnInterview.objects.count() == 1  # Destiny's is still due: the countdown shows

    missing_demo.seed(people, cases)  # seeding again adds nothing
    assert MissingEpisode.objects.count() == 2 and ReturnInterview.objects.count() == 1


def test_each_person_sees_what_they_may(client_for, demo):
    people, cases = demo
    assert "Lily" in _episode_page(client_for, people, "manager", cases["destiny"])
    assert "Lily" not in _episode_page(client_for, people, "worker", cases["destiny"]).split("About the episode", 1)[1]
    assert LILY_SAID in _episode_page(client_for, people, "worker2", cases["lily"])
    assert LILY_SAID in _episode_page(client_for, people, "manager", cases["lily"])
    assert "GMP-MFH-20417" in _episode_page(client_for, people, "partner", cases["destiny"])
