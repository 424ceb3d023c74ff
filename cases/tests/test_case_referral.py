"""The referral travels with the case: what the referrer said is on the case's overview and is the first
entry of its timeline, for everyone who may see the case and nobody else; what the referrer wrote (and who
they are) for the key worker and the team's managers, as on the referral's own page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from act.testing import assert_query_budget, count_queries
from cases.models import Referral
from cases.tests.factories import ReferralFactory
from cases.tests.timeline_helpers import ago, entry, page_text, url

WORDS = "Seen getting into cars with older men after school; she says they are her friends"
CONTACT = "PC Hughes, 0161 555 0101"


@pytest.fixture
def referral(case):
    return ReferralFactory(
        team=case.team,
        status=Referral.Status.ACCEPTED,
        case=case,
        received_at=ago(days=40),
        referrer_name="PC Hughes",
        referrer_agency="Greater Manchester Police",
        referrer_contact=CONTACT,
        worries=["exploitation", "missing"],
        worries_details=WORDS,
        going_well="Close to her nan; loves drawing",
        young_person_knows="no",
        parent_knows="yes",
        urgency="urgent",
    )


def overview(client, case) -> str:
    return page_text(client.get(reverse("cases:detail", args=[case.pk])))


SEEN_BY = ["key_worker", "manager", "partner_with_grant", "viewing_partner", "coordinator"]
READS_WORDS = {"key_worker", "manager"}


@pytest.mark.parametrize("who", SEEN_BY)
def test_everyone_who_may_see_the_case_reads_the_referral_on_its_overview(request, client_for, case, referral, who):
    text = overview(client_for(request.getfixturevalue(who)), case)
    assert "Why they were referred" in text
    assert "Greater Manchester Police" in text
    assert "Exploitation, Going missing" in text and "Urgent: today" in text
    assert "Does the young person know about the referral?" in text
    assert reverse("referrals:detail", args=[referral.pk]) in text
    reads = who in READS_WORDS
    assert (CONTACT in text, WORDS in text, "PC Hughes" in text) == (reads, reads, reads)
    assert ("is seen by the key worker and the team's managers" in text) is not reads


@pytest.mark.parametrize("who", SEEN_BY)
def test_the_referral_is_the_first_entry_of_the_timeline(request, client_for, case, key_worker, referral, who):
    entry(case, key_worker, summary="First visit", occurred_at=ago(days=30))
    text = page_text(client_for(request.getfixturevalue(who)).get(url("timeline", case)))
    assert "Referral received from Greater Manchester Police" in text
    assert text.index("First visit") < text.index("Referral received from")
    reads = who in READS_WORDS
    assert (WORDS in text, "Close to her nan; loves drawing" in text, CONTACT in text) == (reads, reads, reads)


@pytest.mark.parametrize("who", ["partner_without_grant", "outsider", "administrator"])
def test_people_who_may_not_see_the_case_read_nothing_of_its_referral(request, client_for, case, referral, who):
    client = client_for(request.getfixturevalue(who))
    for address in (reverse("cases:detail", args=[case.pk]), url("timeline", case)):
        response = client.get(address)
        assert response.status_code == 404
        assert WORDS not in page_text(response) and CONTACT not in page_text(response)


def test_a_case_with_no_referral_says_nothing_of_one(client_for, key_worker, case):
    client = client_for(key_worker)
    assert "Why they were referred" not in overview(client, case)
    timeline = page_text(client.get(url("timeline", case)))
    assert "Referral received" not in timeline and "Nothing is on the timeline yet" in timeline


def test_only_the_referrals_accepted_into_this_case_are_shown(client_for, key_worker, case, referral, outsider_case):
    ReferralFactory(
        team=outsider_case.team, status=Referral.Status.ACCEPTED, case=outsider_case, worries_details="Not hers"
    )
    text = overview(client_for(key_worker), case)
    assert WORDS in text and "Not hers" not in text


def test_a_second_referral_is_shown_as_a_referral_again_in_its_place(client_for, key_worker, case, referral):
    ReferralFactory(
        team=case.team,
        status=Referral.Status.ACCEPTED,
        case=case,
        received_at=ago(days=10),
        referrer_agency="Rochdale High School",
        worries_details="Missing school on Fridays",
    )
    entry(case, key_worker, summary="Visit before the school referral", occurred_at=ago(days=20))
    entry(case, key_worker, summary="Visit after the school referral", occurred_at=ago(days=5))
    client = client_for(key_worker)
    text = overview(client, case)
    assert text.index("Why they were referred") < text.index("Referred again on") < text.index("Missing school")
    timeline = page_text(client.get(url("timeline", case)))
    order = [
        "Visit after the school referral",
        "Referral received from Rochdale High School",
        "Visit before the school referral",
        "Referral received from Greater Manchester Police",
    ]
    assert [timeline.index(words) for words in order] == sorted(timeline.index(words) for words in order)


def test_the_referral_ends_the_last_page_of_a_long_timeline(client_for, key_worker, case, referral):
    for day in range(30):
        entry(case, key_worker, summary=f"Visit {day}", occurred_at=ago(days=day + 1))
    client = client_for(key_worker)
    assert "Referral received from" not in page_text(client.get(url("timeline", case)))
    last = page_text(client.get(url("timeline", case), {"page": "2"}))
    assert "Referral received from" in last and last.index("Visit 29") < last.index("Referral received from")


def test_a_referral_newer_than_a_page_is_not_repeated_on_it(client_for, key_worker, case, referral):
    referral.received_at = ago(days=2, hours=12)
    referral.save(update_fields=["received_at"])
    for day in range(30):
        entry(case, key_worker, summary=f"Visit {day}", occurred_at=ago(days=day + 1))
    client = client_for(key_worker)
    first = page_text(client.get(url("timeline", case)))
    assert first.index("Visit 1<") < first.index("Referral received from") < first.index("Visit 2<")
    assert "Referral received from" not in page_text(client.get(url("timeline", case), {"page": "2"}))


def test_a_filter_by_kind_shows_no_referral(client_for, key_worker, case, referral):
    entry(case, key_worker, summary="A visit")
    text = page_text(client_for(key_worker).get(url("timeline", case), {"kind": "contact"}))
    assert "A visit" in text and "Referral received from" not in text


def test_the_overview_and_timeline_make_no_query_per_referral_or_entry(client_for, key_worker, case, referral):
    client = client_for(key_worker)
    detail = reverse("cases:detail", args=[case.pk])
    before = count_queries(client, detail)
    for days in (3, 2):
        ReferralFactory(team=case.team, status=Referral.Status.ACCEPTED, case=case, received_at=ago(days=days))
    assert count_queries(client, detail) == before

    def add_rows(count):
        for _ in range(count):
            entry(case, key_worker, occurred_at=ago(days=1) - timedelta(minutes=count))

    assert_query_budget(client, url("timeline", case) + "?page=2", add_rows=add_rows, budget=20, small=30)
