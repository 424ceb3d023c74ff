"""The case's timeline: who sees and adds what, restricted entries, the filter and pages, missing
episodes and the 72-hour return home interview, and bad input on every form."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import PartnerFactory, UserFactory
from act.testing import assert_closed_case_refused, assert_query_budget
from cases import services
from cases.forms.common import TimeOfDayField
from cases.models import RETURN_INTERVIEW_WITHIN, AuditEvent, TimelineEntry

SECRET_SUMMARY = "Seen getting into a silver car with an older man"
SECRET_DETAILS = "Intelligence log 4471: vehicle registration known to the CSE team"


def url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.pk, *args])


def ago(**delta) -> datetime:
    return timezone.now() - timedelta(**delta)


def entry(case, author, kind="contact", **fields) -> TimelineEntry:
    fields.setdefault("occurred_at", ago(days=1))
    fields.setdefault("summary", f"A {kind}")
    if kind == "contact":
        fields.setdefault("method", TimelineEntry.Method.VISIT)
    return services.timeline_add(case=case, by=author, kind=kind, **fields)


def moment(prefix: str, when: datetime, time_name: str | None = None) -> dict:
    """Form data for a date input and its time box, as a worker would type `when`."""
    local = timezone.localtime(when)
    return {
        f"{prefix}_0": str(local.day),
        f"{prefix}_1": str(local.month),
        f"{prefix}_2": str(local.year),
        time_name or prefix.replace("_on", "_time"): local.strftime("%H:%M"),
    }


def to_the_minute(when: datetime) -> datetime:
    return when.replace(second=0, microsecond=0)


def contact_form(**changes) -> dict:
    data = {
        **moment("occurred_on", ago(hours=3)),
        "method": "visit",
        "seen_alone": "yes",
        "summary": "Home visit after school",
        "their_words": "I just want people to stop asking me where I was",
        "details": "Talked about the college course.",
        "restricted": "no",
    }
    data.update(changes)
    return data


def event_form(**changes) -> dict:
    return {
        **moment("occurred_on", ago(days=2)),
        "summary": "Moved to a new foster placement",
        "restricted": "no",
        **changes,
    }


def missing_form(**changes) -> dict:
    return {
        **moment("occurred_on", ago(hours=20)),
        "summary": "Did not come home after school",
        "restricted": "no",
        **changes,
    }


def page_text(response) -> str:
    return response.content.decode()


def errors_shown(response) -> str:
    """The text of the GOV.UK error summary (and proof that there is one)."""
    content = page_text(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in content and "There is a problem" in content
    return content.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]


@pytest.fixture
def other_partner(case):
    """A second partner agency worker on the same case, who may also add to it."""
    partner = PartnerFactory(username="other-partner")
    services.case_add_partner(case=case, partner=partner, contribute=True, by=None, role="School nurse")
    return partner


@pytest.fixture
def coordinator(case):
    person = UserFactory(username="coordinator", role=User.Role.PLAN_COORDINATOR, team=None)
    services.case_set_plan_coordinator(case=case, coordinator=person, by=None)
    return person


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


@pytest.fixture
def still_missing(case, key_worker):
    return entry(case, key_worker, kind="missing", summary="Missing since last night", occurred_at=ago(hours=14))


@pytest.fixture
def back_home(case, key_worker):
    return entry(
        case,
        key_worker,
        kind="missing",
        summary="Missing for the weekend",
        occurred_at=ago(days=2),
        returned_at=ago(hours=10, minutes=30),
        where_found="Found by police in Oldham",
    )


# Who may do what: each role on each page.

PAGES = ["timeline", "entry", "add-contact", "add-event", "add-missing", "returned", "interview-done"]
EVERYTHING = dict.fromkeys(PAGES, 200)
NOTHING = dict.fromkeys(PAGES, 404)
ROLES = {
    "key_worker": EVERYTHING,
    "manager": EVERYTHING,
    "partner_with_grant": {**EVERYTHING, "add-missing": 404, "returned": 404, "interview-done": 404},
    "partner_without_grant": NOTHING,
    "outsider": NOTHING,
    "administrator": NOTHING,
}


def page_url(page, case, still_missing, back_home):
    if page == "timeline":
        return url("timeline", case)
    if page == "entry":
        return url("timeline-entry", case, still_missing.pk)
    if page.startswith("add-"):
        return url("timeline-add", case, page.removeprefix("add-"))
    if page == "returned":
        return url("timeline-returned", case, still_missing.pk)
    return url("timeline-interview-done", case, back_home.pk)


@pytest.mark.parametrize("who", list(ROLES))
@pytest.mark.parametrize("page", PAGES)
def test_each_role_gets_what_the_access_policy_allows_on_each_timeline_page(
    request, client_for, case, still_missing, back_home, who, page
):
    client = client_for(request.getfixturevalue(who))
    response = client.get(page_url(page, case, still_missing, back_home))
    assert response.status_code == ROLES[who][page]
    if response.status_code == 404:
        assert "Missing since last night" not in page_text(response)
        assert case.young_person.given_name not in page_text(response)


@pytest.mark.parametrize("who", ["partner_without_grant", "outsider", "administrator"])
@pytest.mark.parametrize("kind", ["contact", "event", "missing"])
def test_people_without_access_cannot_add_to_the_timeline(request, client_for, case, who, kind):
    client = client_for(request.getfixturevalue(who))
    data = {"contact": contact_form, "event": event_form, "missing": missing_form}[kind]()
    assert client.post(url("timeline-add", case, kind), data).status_code == 404
    assert not TimelineEntry.objects.filter(case=case).exists()


@pytest.mark.parametrize("who", ["partner_with_grant", "partner_without_grant", "outsider", "administrator"])
def test_only_people_who_may_change_the_case_end_missing_episodes_or_record_interviews(
    request, client_for, case, still_missing, back_home, who
):
    client = client_for(request.getfixturevalue(who))
    returned = {**moment("returned_on", ago(hours=1)), "where_found": "At a friend's house"}
    assert client.post(url("timeline-returned", case, still_missing.pk), returned).status_code == 404
    interview = moment("done_on", ago(hours=1))
    assert client.post(url("timeline-interview-done", case, back_home.pk), interview).status_code == 404
    still_missing.refresh_from_db()
    back_home.refresh_from_db()
    assert still_missing.returned_at is None and still_missing.where_found == ""
    assert back_home.return_interview_done_at is None


def test_a_partner_who_contributes_may_not_record_a_missing_episode(client_for, case, partner_with_grant):
    client = client_for(partner_with_grant)
    assert client.get(url("timeline-add", case, "missing")).status_code == 404
    assert client.post(url("timeline-add", case, "missing"), missing_form()).status_code == 404
    assert not TimelineEntry.objects.filter(case=case).exists()
    timeline = page_text(client.get(url("timeline", case)))
    assert "Add a contact" in timeline and "Record a missing episode" not in timeline


def test_a_partner_who_may_only_look_sees_the_timeline_but_cannot_add(client_for, case, key_worker):
    looker = PartnerFactory(username="looker")
    services.case_add_partner(case=case, partner=looker, contribute=False, by=None)
    entry(case, key_worker, summary="Visit at home")
    client = client_for(looker)
    response = client.get(url("timeline", case))
    assert response.status_code == 200 and "Visit at home" in page_text(response)
    assert "Add a contact" not in page_text(response)
    assert client.get(url("timeline-add", case, "contact")).status_code == 404
    assert client.post(url("timeline-add", case, "contact"), contact_form()).status_code == 404
    assert TimelineEntry.objects.filter(case=case).count() == 1


# Adding entries.


def test_the_key_worker_adds_a_contact_with_what_the_young_person_said(client_for, key_worker, case):
    when = ago(hours=3)
    response = client_for(key_worker).post(
        url("timeline-add", case, "contact"), contact_form(**moment("occurred_on", when))
    )
    assert response.status_code == 302 and response["Location"] == url("timeline", case)
    saved = TimelineEntry.objects.get(case=case)
    assert saved.kind == "contact" and saved.author == key_worker
    assert saved.occurred_at == to_the_minute(when)
    assert saved.method == "visit" and saved.seen_alone is True
    assert saved.their_words == "I just want people to stop asking me where I was"
    assert saved.summary == "Home visit after school" and saved.details == "Talked about the college course."
    assert saved.restricted is False
    assert AuditEvent.objects.filter(case=case, user=key_worker, action="create", what__startswith="timeline").exists()
    followed = page_text(client_for(key_worker).get(url("timeline", case)))
    assert "Contact added to the timeline." in followed and "Home visit after school" in followed


@pytest.mark.parametrize("answer,stored", [("yes", True), ("no", False), ("not_seen", None)])
def test_whether_the_young_person_was_seen_alone_is_kept(client_for, key_worker, case, answer, stored):
    client_for(key_worker).post(url("timeline-add", case, "contact"), contact_form(seen_alone=answer, method="call"))
    saved = TimelineEntry.objects.get(case=case)
    assert saved.seen_alone is stored and saved.method == "call"


def test_a_partner_who_contributes_adds_a_contact_and_a_restricted_event(client_for, case, partner_with_grant):
    client = client_for(partner_with_grant)
    assert (
        client.post(url("timeline-add", case, "contact"), contact_form(summary="School nurse drop-in")).status_code
        == 302
    )
    restricted = event_form(summary="Intelligence about a party in Oldham", restricted="yes")
    assert client.post(url("timeline-add", case, "event"), restricted).status_code == 302
    contact = TimelineEntry.objects.get(case=case, kind="contact")
    event = TimelineEntry.objects.get(case=case, kind="event")
    assert contact.author == partner_with_grant and not contact.restricted
    assert event.author == partner_with_grant and event.restricted
    assert event.summary == "Intelligence about a party in Oldham"
    # The audit names a restricted entry without repeating what it says.
    assert AuditEvent.objects.filter(case=case, what="timeline restricted entry").exists()
    assert not AuditEvent.objects.filter(what__contains="Oldham").exists()


def test_a_missing_episode_is_recorded_while_they_are_still_missing(client_for, key_worker, case):
    went = ago(hours=20)
    response = client_for(key_worker).post(
        url("timeline-add", case, "missing"), missing_form(**moment("occurred_on", went))
    )
    assert response.status_code == 302
    saved = TimelineEntry.objects.get(case=case)
    assert saved.kind == "missing" and saved.occurred_at == to_the_minute(went)
    assert saved.returned_at is None and saved.return_interview_due_at is None and saved.where_found == ""
    detail = page_text(client_for(key_worker).get(url("timeline-entry", case, saved.pk)))
    assert "Still missing" in detail and "They are back" in detail


def test_a_missing_episode_that_has_already_ended_starts_the_72_hour_clock(client_for, key_worker, case):
    back = ago(hours=2)
    data = missing_form(**moment("returned_on", back), where_found="Came home by herself")
    assert client_for(key_worker).post(url("timeline-add", case, "missing"), data).status_code == 302
    saved = TimelineEntry.objects.get(case=case)
    assert saved.returned_at == to_the_minute(back) and saved.where_found == "Came home by herself"
    assert saved.return_interview_due_at == saved.returned_at + RETURN_INTERVIEW_WITHIN


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


def test_the_plan_coordinator_may_not_end_a_restricted_missing_episode_they_cannot_see(
    client_for, case, key_worker, coordinator
):
    hidden = entry(
        case, key_worker, kind="missing", summary="Police operation", restricted=True, occurred_at=ago(hours=3)
    )
    client = client_for(coordinator)
    assert client.get(url("timeline-returned", case, hidden.pk)).status_code == 404
    data = {**moment("returned_on", ago(hours=1)), "where_found": "Home"}
    assert client.post(url("timeline-returned", case, hidden.pk), data).status_code == 404
    hidden.refresh_from_db()
    assert hidden.returned_at is None


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

    # The timeline's own queries are four (the counts, one page of entries with their authors, the audit
    # row, whether this person may add); the rest is what every case page and the staff layout ask.
    # 17: the page's audit entry takes three (the chain's lock, the last entry's hash, the insert).
    assert_query_budget(client, url("timeline", case), add_rows=add_rows, budget=18)


# Missing episodes and the return home interview.


def test_the_countdown_to_the_return_home_interview_is_shown_on_the_entry(client_for, key_worker, case, back_home):
    assert back_home.return_interview_due_at == back_home.returned_at + timedelta(hours=72)
    client = client_for(key_worker)
    for page in (url("timeline", case), url("timeline-entry", case, back_home.pk)):
        content = page_text(client.get(page))
        assert "Return home interview due" in content
        assert "The return home interview is due within 61 hours" in content  # 72 - 10.5, whole hours
        assert "overdue" not in content.lower()


def test_a_return_home_interview_past_72_hours_is_flagged_overdue(client_for, key_worker, case):
    late = entry(
        case,
        key_worker,
        kind="missing",
        summary="Missing from the children's home",
        occurred_at=ago(days=6),
        returned_at=ago(hours=80),
        where_found="Manchester Piccadilly station",
    )
    assert late.return_interview_overdue
    client = client_for(key_worker)
    for page in (url("timeline", case), url("timeline-entry", case, late.pk)):
        content = page_text(client.get(page))
        assert "Return home interview overdue" in content
        assert "The return home interview is overdue" in content


def test_a_worker_records_that_they_are_back_and_the_72_hour_clock_starts(client_for, key_worker, case, still_missing):
    back = ago(hours=1)
    data = {**moment("returned_on", back), "where_found": "At a friend's house in Heywood"}
    response = client_for(key_worker).post(url("timeline-returned", case, still_missing.pk), data)
    assert response.status_code == 302 and response["Location"] == url("timeline-entry", case, still_missing.pk)
    still_missing.refresh_from_db()
    assert still_missing.returned_at == to_the_minute(back)
    assert still_missing.where_found == "At a friend's house in Heywood"
    assert still_missing.return_interview_due_at == still_missing.returned_at + RETURN_INTERVIEW_WITHIN
    assert AuditEvent.objects.filter(case=case, user=key_worker, what="missing episode ended").exists()
    # Once ended, the page does not offer to end it again.
    again = client_for(key_worker).get(url("timeline-returned", case, still_missing.pk))
    assert again.status_code == 302
    assert "Record the return home interview" in page_text(client_for(key_worker).get(again["Location"]))


def test_the_manager_records_the_return_home_interview(client_for, manager, case, back_home):
    done = ago(hours=2)
    response = client_for(manager).post(url("timeline-interview-done", case, back_home.pk), moment("done_on", done))
    assert response.status_code == 302
    back_home.refresh_from_db()
    assert back_home.return_interview_done_at == to_the_minute(done)
    assert not back_home.return_interview_outstanding
    assert AuditEvent.objects.filter(case=case, user=manager, what="return home interview done").exists()
    content = page_text(client_for(manager).get(url("timeline-entry", case, back_home.pk)))
    assert "Return home interview done" in content and "Record the return home interview" not in content


def test_the_interview_cannot_be_recorded_before_they_are_back(client_for, key_worker, case, still_missing):
    response = client_for(key_worker).post(
        url("timeline-interview-done", case, still_missing.pk), moment("done_on", ago(hours=1))
    )
    assert response.status_code == 302
    still_missing.refresh_from_db()
    assert still_missing.return_interview_done_at is None


def test_only_missing_episodes_can_end(client_for, key_worker, case):
    visit = entry(case, key_worker)
    data = {**moment("returned_on", ago(hours=1)), "where_found": "Home"}
    assert client_for(key_worker).post(url("timeline-returned", case, visit.pk), data).status_code == 404
    assert client_for(key_worker).get(url("timeline-interview-done", case, visit.pk)).status_code == 404


# Bad input: a GOV.UK error summary, nothing typed lost, nothing saved.

TOMORROW = timezone.now() + timedelta(days=1)


@pytest.mark.parametrize(
    "change,message",
    [
        (moment("occurred_on", TOMORROW + timedelta(days=400)), "The date cannot be in the future"),
        (moment("occurred_on", timezone.now() + timedelta(minutes=5)), "cannot be in the future"),
        ({"summary": ""}, "Enter a summary"),
        ({"summary": "   "}, "Enter a summary"),
        ({"summary": "x" * 201}, "The summary must be 200 characters or fewer"),
        ({"occurred_on_0": "", "occurred_on_1": "", "occurred_on_2": ""}, "Enter the date of the contact"),
        ({"occurred_on_1": ""}, "Enter the date of the contact"),
        ({"occurred_on_0": "31", "occurred_on_1": "2"}, "Enter a real date"),
        ({"occurred_on_0": "first"}, "Enter a real date"),
        ({"occurred_on_2": "1999"}, "Enter a date after 1 January 2000"),
        ({"occurred_time": ""}, "Enter the time of the contact"),
        ({"occurred_time": "25:00"}, "Enter a real time"),
        ({"occurred_time": "teatime"}, "Enter a real time"),
        ({"method": ""}, "Choose how the contact happened"),
        ({"method": "carrier pigeon"}, "Choose one of the ways"),
        ({"seen_alone": ""}, "Say whether the young person was seen alone"),
        ({"restricted": ""}, "Say who may see this entry"),
        ({"restricted": "only-me"}, "Say who may see this entry"),
    ],
)
def test_bad_contact_details_are_refused_and_nothing_typed_is_lost(client_for, key_worker, case, change, message):
    response = client_for(key_worker).post(url("timeline-add", case, "contact"), contact_form(**change))
    assert message in errors_shown(response)
    content = page_text(response)
    assert "I just want people to stop asking me where I was" in content
    assert "Talked about the college course." in content
    assert not TimelineEntry.objects.filter(case=case).exists()


def test_the_error_summary_links_a_date_error_to_its_day_box(client_for, key_worker, case):
    client = client_for(key_worker)
    blank = {"occurred_on_0": "", "occurred_on_1": "", "occurred_on_2": ""}
    summary = errors_shown(client.post(url("timeline-add", case, "contact"), contact_form(**blank)))
    assert 'href="#id_occurred_on_0">Enter the date of the contact' in summary
    early = missing_form(**moment("returned_on", ago(days=2)), where_found="Home")
    summary = errors_shown(client.post(url("timeline-add", case, "missing"), early))
    assert 'href="#id_returned_on_0">They cannot have come back before they went missing' in summary
    assert summary.count("<li>") == 1


@pytest.mark.parametrize(
    "change,message",
    [
        (
            {**moment("returned_on", ago(days=2)), "where_found": "Home"},
            "They cannot have come back before they went missing",
        ),
        ({**moment("returned_on", TOMORROW), "where_found": "Home"}, "cannot be in the future"),
        (
            {**moment("returned_on", ago(hours=1)), "where_found": ""},
            "Say where they were found, or how they came back",
        ),
        (
            {**moment("returned_on", ago(hours=1)), "returned_time": "", "where_found": "Home"},
            "Enter the time they came back",
        ),
        ({"returned_time": "10:00", "where_found": "Home"}, "Enter the date they came back"),
        ({"where_found": "Home"}, "Enter when they came back, or leave where they were found blank"),
        (moment("occurred_on", TOMORROW), "The date cannot be in the future"),
        ({"summary": ""}, "Enter a summary"),
    ],
)
def test_bad_missing_episodes_are_refused(client_for, key_worker, case, change, message):
    data = missing_form(details="Reported by her carer at 22:00", **change)
    response = client_for(key_worker).post(url("timeline-add", case, "missing"), data)
    assert message in errors_shown(response)
    assert "Reported by her carer at 22:00" in page_text(response)
    assert not TimelineEntry.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"summary": ""}, "Enter a summary"),
        (moment("occurred_on", TOMORROW), "The date cannot be in the future"),
        ({"occurred_on_0": "", "occurred_on_1": "", "occurred_on_2": ""}, "Enter the date it happened"),
    ],
)
def test_bad_events_are_refused(client_for, partner_with_grant, case, change, message):
    data = event_form(details="Police attended the address", **change)
    response = client_for(partner_with_grant).post(url("timeline-add", case, "event"), data)
    assert message in errors_shown(response)
    assert "Police attended the address" in page_text(response)
    assert not TimelineEntry.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    "data,message",
    [
        (
            {**moment("returned_on", ago(days=1)), "where_found": "Home"},
            "They cannot have come back before they went missing",
        ),
        ({**moment("returned_on", TOMORROW), "where_found": "Home"}, "cannot be in the future"),
        (
            {**moment("returned_on", ago(hours=1)), "where_found": ""},
            "Say where they were found, or how they came back",
        ),
        ({"where_found": "A friend's flat"}, "Enter the date they came back"),
        ({**moment("returned_on", ago(hours=1)), "returned_time": "9", "where_found": "Home"}, "Enter a real time"),
    ],
)
def test_bad_ends_of_a_missing_episode_are_refused(client_for, key_worker, case, still_missing, data, message):
    response = client_for(key_worker).post(url("timeline-returned", case, still_missing.pk), data)
    assert message in errors_shown(response)
    if data.get("where_found"):
        assert data["where_found"] in page_text(response).replace("&#x27;", "'")
    still_missing.refresh_from_db()
    assert still_missing.returned_at is None and still_missing.return_interview_due_at is None


@pytest.mark.parametrize(
    "data,message",
    [
        (moment("done_on", TOMORROW), "cannot be in the future"),
        (moment("done_on", ago(hours=20)), "The interview cannot have been before they came back"),
        ({}, "Enter the date of the interview"),
        ({**moment("done_on", ago(hours=1)), "done_time": ""}, "Enter the time of the interview"),
    ],
)
def test_bad_return_home_interview_dates_are_refused(client_for, key_worker, case, back_home, data, message):
    response = client_for(key_worker).post(url("timeline-interview-done", case, back_home.pk), data)
    assert message in errors_shown(response)
    back_home.refresh_from_db()
    assert back_home.return_interview_done_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_unknown_kind_of_entry_is_404(client_for, key_worker, case, method):
    response = getattr(client_for(key_worker), method)(url("timeline-add", case, "rumour"), contact_form())
    assert response.status_code == 404
    assert not TimelineEntry.objects.filter(case=case).exists()


def test_nothing_is_added_to_a_closed_case(client_for, key_worker, manager, case, partner_with_grant):
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=manager)
    client = client_for(key_worker)
    timeline = page_text(client.get(url("timeline", case)))
    assert "Add a contact" not in timeline and "nothing more can be added" in timeline
    response = client.post(url("timeline-add", case, "contact"), contact_form())
    assert_closed_case_refused(response, "I just want people to stop asking me where I was")
    assert not TimelineEntry.objects.filter(case=case).exists()
    assert client.get(url("timeline-add", case, "contact")).url == url("detail", case)
    # Partners lose access when a case closes.
    assert client_for(partner_with_grant).post(url("timeline-add", case, "event"), event_form()).status_code == 404
    assert not TimelineEntry.objects.filter(case=case).exists()


def test_a_closed_cases_missing_episodes_are_not_changed(
    client_for, key_worker, manager, case, still_missing, back_home
):
    services.case_close(case=case, reason="Moved out of the area", outcome="moved_away", by=manager)
    client = client_for(key_worker)
    data = {**moment("returned_on", ago(hours=1)), "where_found": "At her nan's"}
    assert_closed_case_refused(client.post(url("timeline-returned", case, still_missing.pk), data), "At her nan&#x27;s")
    interview = client.post(url("timeline-interview-done", case, back_home.pk), moment("done_on", ago(hours=1)))
    assert_closed_case_refused(interview)
    still_missing.refresh_from_db()
    back_home.refresh_from_db()
    assert still_missing.returned_at is None and back_home.return_interview_done_at is None


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


# Times as people type them.


@pytest.mark.parametrize(
    "typed,meant",
    [
        ("14:30", time(14, 30)),
        ("14.30", time(14, 30)),
        ("9:05", time(9, 5)),
        ("2pm", time(14, 0)),
        ("2:30 pm", time(14, 30)),
        ("12am", time(0, 0)),
        ("12pm", time(12, 0)),
        ("midday", time(12, 0)),
        ("Midnight", time(0, 0)),
    ],
)
def test_times_are_understood_as_people_write_them(typed, meant):
    assert TimeOfDayField(label="Time", missing="Enter the time").clean(typed) == meant


@pytest.mark.parametrize("typed", ["24:00", "13pm", "14", "2:75", "quarter past"])
def test_times_that_are_not_real_are_refused(typed):
    from django import forms

    with pytest.raises(forms.ValidationError):
        TimeOfDayField(label="Time", missing="Enter the time").clean(typed)
