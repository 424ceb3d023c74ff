"""The case's timeline page: who may open each of the timeline's pages, restricted entries, the filter,
the pages and their query budget, and what the audit records of it."""

import re

import pytest

from accounts.tests.factories import PartnerFactory
from act.testing import assert_query_budget
from cases import services
from cases.models import AuditEvent
from cases.tests.budgets import case_page_budget
from cases.tests.timeline_helpers import ago, entry, page_text, url

SECRET_SUMMARY = "Seen getting into a silver car with an older man"
SECRET_DETAILS = "Intelligence log 4471: vehicle registration known to the CSE team"


@pytest.fixture
def other_partner(case):
    """A second partner agency worker on the same case, who may also add to it."""
    partner = PartnerFactory(username="other-partner")
    services.case_add_partner(case=case, partner=partner, contribute=True, by=None, role="School nurse")
    return partner


@pytest.fixture
def restricted_entry(case, partner_with_grant):
    return entry(
        case,
        partner_with_grant,
        kind="event",
        summary=SECRET_SUMMARY,
        details=SECRET_DETAILS,
        restricted=True,
        occurred_at=ago(hours=5),
    )


# Who may open what: each role on each page.

PAGES = ["timeline", "entry", "add-contact", "add-event", "add-missing", "returned", "interview-done"]
EVERYTHING = dict.fromkeys(PAGES, 200)
NOTHING = dict.fromkeys(PAGES, 404)
ROLES = {
    "key_worker": EVERYTHING,
    "manager": EVERYTHING,
    # A partner who contributes records a missing episode and the return; the interview is the team's.
    "partner_with_grant": {**EVERYTHING, "interview-done": 404},
    "viewing_partner": {
        **EVERYTHING,
        "add-contact": 404,
        "add-event": 404,
        "add-missing": 404,
        "returned": 404,
        "interview-done": 404,
    },
    "partner_without_grant": NOTHING,
    "outsider": NOTHING,
    "administrator": NOTHING,
}


def page_url(url_name, case, still_missing, back_home):
    if url_name == "timeline":
        return url("timeline", case)
    if url_name == "entry":
        return url("timeline-entry", case, still_missing.pk)
    if url_name.startswith("add-"):
        return url("timeline-add", case, url_name.removeprefix("add-"))
    if url_name == "returned":
        return url("timeline-returned", case, still_missing.pk)
    return url("timeline-interview-done", case, back_home.pk)


@pytest.mark.parametrize("who", list(ROLES))
@pytest.mark.parametrize("url_name", PAGES)
def test_each_role_gets_what_the_access_policy_allows_on_each_timeline_page(
    request, client_for, case, still_missing, back_home, who, url_name
):
    client = client_for(request.getfixturevalue(who))
    response = client.get(page_url(url_name, case, still_missing, back_home))
    assert response.status_code == ROLES[who][url_name]
    if response.status_code == 404:
        assert "Missing since last night" not in page_text(response)
        assert case.young_person.given_name not in page_text(response)


# Restricted entries.


def test_the_partner_who_wrote_a_restricted_entry_sees_it(client_for, case, partner_with_grant, restricted_entry):
    client = client_for(partner_with_grant)
    assert SECRET_SUMMARY in page_text(client.get(url("timeline", case)))
    detail = client.get(url("timeline-entry", case, restricted_entry.pk))
    assert detail.status_code == 200 and SECRET_DETAILS in page_text(detail)


@pytest.mark.parametrize("who", ["key_worker", "manager"])
def test_the_key_worker_and_the_manager_see_restricted_entries(request, client_for, case, restricted_entry, who):
    client = client_for(request.getfixturevalue(who))
    listed = page_text(client.get(url("timeline", case)))
    assert SECRET_SUMMARY in listed and "Restricted" in listed
    detail = client.get(url("timeline-entry", case, restricted_entry.pk))
    assert detail.status_code == 200 and SECRET_DETAILS in page_text(detail)


@pytest.mark.parametrize("who", ["other_partner", "coordinator"])
def test_a_restricted_entry_does_not_leak_to_people_who_may_not_see_it(
    request, client_for, case, key_worker, restricted_entry, who
):
    entry(case, key_worker, summary="Open visit everyone may see")
    client = client_for(request.getfixturevalue(who))
    responses = [
        client.get(url("timeline", case)),
        client.get(url("timeline", case), {"kind": "event"}),
        client.get(url("timeline", case), {"kind": "contact"}),
        client.get(url("timeline", case), {"page": "2"}),
    ]
    assert all(response.status_code == 200 for response in responses)
    assert "Open visit everyone may see" in page_text(responses[0])
    detail = client.get(url("timeline-entry", case, restricted_entry.pk))
    assert detail.status_code == 404
    responses.append(detail)
    for response in responses:
        content = page_text(response)
        assert SECRET_SUMMARY not in content and SECRET_DETAILS not in content
        assert "Restricted</strong>" not in content
    # The counts in the filter are of what they may see: one contact, no events.
    everything = page_text(responses[0])
    assert "Everything (1)" in everything and "Significant events (0)" in everything
    assert "There are no entries of this kind yet." in page_text(responses[1])


# The filter and the pages.


def test_the_timeline_is_filtered_by_kind(client_for, key_worker, case):
    entry(case, key_worker, summary="Phone call with mum", method="call")
    entry(case, key_worker, kind="event", summary="Excluded from school")
    entry(case, key_worker, kind="missing", summary="Missing overnight", occurred_at=ago(days=3))
    client = client_for(key_worker)
    everything = page_text(client.get(url("timeline", case)))
    assert all(text in everything for text in ["Phone call with mum", "Excluded from school", "Missing overnight"])
    assert "Everything (3)" in everything and "Contacts (1)" in everything and "Missing episodes (1)" in everything
    expected = {"contact": "Phone call with mum", "event": "Excluded from school", "missing": "Missing overnight"}
    for kind, shown in expected.items():
        content = page_text(client.get(url("timeline", case), {"kind": kind}))
        assert shown in content
        assert all(other not in content for other in expected.values() if other != shown)


def test_an_unknown_kind_in_the_filter_shows_everything_with_an_error(client_for, key_worker, case):
    entry(case, key_worker, summary="Phone call with mum")
    entry(case, key_worker, kind="event", summary="Excluded from school")
    response = client_for(key_worker).get(url("timeline", case), {"kind": "gossip"})
    assert response.status_code == 200
    content = page_text(response)
    assert "Phone call with mum" in content and "Excluded from school" in content
    assert "Choose one of the kinds of entry" in content


def test_the_timeline_is_newest_first_and_paginated_by_25(client_for, key_worker, case):
    for day in range(30):
        entry(case, key_worker, summary=f"Visit number {day:02d}", occurred_at=ago(days=day + 1))
    entry(case, key_worker, kind="event", summary="An event between", occurred_at=ago(days=40))
    client = client_for(key_worker)
    first = page_text(client.get(url("timeline", case), {"kind": "contact"}))
    shown = re.findall(r"Visit number (\d\d)", first)
    assert shown == [f"{day:02d}" for day in range(25)]
    assert "Showing 1 to 25 of 30 entries" in first
    assert "kind=contact&amp;page=2" in first  # the next page keeps the filter
    second = page_text(client.get(url("timeline", case), {"kind": "contact", "page": "2"}))
    assert re.findall(r"Visit number (\d\d)", second) == ["25", "26", "27", "28", "29"]
    assert "An event between" not in second
    beyond = client.get(url("timeline", case), {"page": "99"})
    assert beyond.status_code == 200  # the last page, not an error


@pytest.mark.parametrize("who", ["key_worker", "partner_with_grant"])
def test_the_timeline_page_makes_the_same_number_of_queries_for_3_and_300_entries(
    request, client_for, case, key_worker, partner_with_grant, who
):
    client = client_for(request.getfixturevalue(who))
    kinds = ["contact", "event", "missing"]

    def add_rows(n):
        for i in range(n):
            kind = kinds[i % 3]
            extra = {"returned_at": ago(hours=i % 90), "where_found": "Home"} if kind == "missing" else {}
            author = partner_with_grant if i % 4 == 0 else key_worker
            entry(case, author, kind=kind, occurred_at=ago(days=4, hours=i), restricted=i % 5 == 0, **extra)

    # The timeline's own queries: the counts, one page of entries with their authors; the rest is what every
    # case page and the staff layout ask (the audit's entry among them).
    assert_query_budget(client, url("timeline", case), add_rows=add_rows, budget=case_page_budget())


# Audit.


def test_viewing_the_timeline_and_an_entry_is_audited(client_for, manager, case, key_worker):
    visit = entry(case, key_worker)
    client = client_for(manager)
    client.get(url("timeline", case))
    client.get(url("timeline-entry", case, visit.pk))
    views = AuditEvent.objects.filter(case=case, user=manager, action="view").values_list("what", flat=True)
    assert sorted(views) == ["timeline", f"timeline entry {visit.pk}"]


def test_a_refused_entry_page_is_not_audited_as_seen(client_for, case, other_partner, restricted_entry):
    client_for(other_partner).get(url("timeline-entry", case, restricted_entry.pk))
    assert not AuditEvent.objects.filter(user=other_partner, what__startswith="timeline entry").exists()
