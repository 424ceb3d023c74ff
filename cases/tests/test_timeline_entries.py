"""Adding contacts and significant events to the timeline: who may, what is kept, and bad input refused
with a GOV.UK error summary, nothing typed lost and nothing saved."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import PartnerFactory
from act.testing import assert_closed_case_refused
from cases import services
from cases.models import AuditEvent, TimelineEntry
from cases.tests.timeline_helpers import (
    TOMORROW,
    ago,
    contact_form,
    entry,
    errors_shown,
    event_form,
    missing_form,
    moment,
    page_text,
    to_the_minute,
    url,
)

# Who may add.


@pytest.mark.parametrize("who", ["partner_without_grant", "outsider", "administrator"])
@pytest.mark.parametrize("kind", ["contact", "event", "missing"])
def test_people_without_access_cannot_add_to_the_timeline(request, client_for, case, who, kind):
    client = client_for(request.getfixturevalue(who))
    data = {"contact": contact_form, "event": event_form, "missing": missing_form}[kind]()
    assert client.post(url("timeline-add", case, kind), data).status_code == 404
    assert not TimelineEntry.objects.filter(case=case).exists()


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


# Bad input.


@pytest.mark.parametrize(
    "change,message",
    [
        (moment("occurred_on", TOMORROW + timedelta(days=400)), "The date cannot be in the future"),
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


def test_a_contact_later_today_is_refused(client_for, key_worker, case):
    # Taken when the test runs, not when the tests are collected: a slow run must not turn it into the past.
    later = moment("occurred_on", timezone.now() + timedelta(minutes=5))
    response = client_for(key_worker).post(url("timeline-add", case, "contact"), contact_form(**later))
    assert "cannot be in the future" in errors_shown(response)
    content = page_text(response)
    assert "I just want people to stop asking me where I was" in content
    assert "Talked about the college course." in content
    assert not TimelineEntry.objects.filter(case=case).exists()


def test_a_new_contact_is_dated_today_and_its_time_is_left_to_the_worker(client_for, key_worker, case):
    today = timezone.localdate()
    form = page_text(client_for(key_worker).get(url("timeline-add", case, "contact")))
    for name, value in (("occurred_on_0", today.day), ("occurred_on_1", today.month), ("occurred_on_2", today.year)):
        assert re.search(rf'name="{name}"[^>]*value="{value}"', form), name
    assert not re.search(r'name="occurred_time"[^>]*value="', form)


def test_a_contact_whose_date_was_emptied_is_still_refused(client_for, key_worker, case):
    blank = {"occurred_on_0": "", "occurred_on_1": "", "occurred_on_2": ""}
    response = client_for(key_worker).post(url("timeline-add", case, "contact"), contact_form(**blank))
    assert "Enter the date of the contact" in errors_shown(response)
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
