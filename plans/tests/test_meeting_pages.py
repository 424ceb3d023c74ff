"""The meeting pages: who may read them and who may change them, what they show, and what planning one
does."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Notification
from act.testing import assert_closed_case_refused, assert_query_budget
from cases import services as case_services
from cases.tests.budgets import case_page_budget
from plans.models import Attendee, Meeting
from plans.services.meetings import meeting_cancel

from .meeting_helpers import choices_of, make_coordinator, page_text, plan_form, plan_meeting, url

CHANGE_PAGES = ["meeting-choices", "meeting-change", "meeting-cancel", "meeting-record"]


@pytest.fixture
def meeting(case, key_worker):
    return plan_meeting(case, key_worker)


def every_page(case, meeting):
    return [url("meetings", case), url("meeting-new", case), url("meeting", case, meeting)] + [
        url(name, case, meeting) for name in CHANGE_PAGES
    ]


def test_a_partner_without_a_grant_gets_404_on_every_meeting_page(client_for, case, meeting, partner_without_grant):
    client = client_for(partner_without_grant)
    for address in every_page(case, meeting):
        assert client.get(address).status_code == 404, address
    for address in [url("meeting-new", case)] + [url(name, case, meeting) for name in CHANGE_PAGES]:
        assert client.post(address, {"reason": "Gone"}).status_code == 404, address
    assert Meeting.objects.get().status == Meeting.Status.PLANNED


def test_a_partner_with_a_grant_reads_the_meetings_but_may_not_change_them(
    client_for, case, meeting, partner_with_grant
):
    client = client_for(partner_with_grant)
    assert client.get(url("meetings", case)).status_code == 200
    assert client.get(url("meeting", case, meeting)).status_code == 200
    assert "Plan a meeting" not in page_text(client.get(url("meetings", case)))
    assert client.post(url("meeting-new", case), plan_form()).status_code == 404
    for name in CHANGE_PAGES:
        assert client.post(url(name, case, meeting), {"reason": "Gone"}).status_code == 404, name
    assert Meeting.objects.count() == 1 and Meeting.objects.get().status == Meeting.Status.PLANNED


def test_the_coordinator_plans_a_meeting_and_everyone_with_an_email_is_invited(client_for, committed, case, key_worker):
    coordinator = make_coordinator(case)
    client = client_for(coordinator)
    form = plan_form(attendees=[f"user:{key_worker.pk}"])
    response = committed(lambda: client.post(url("meeting-new", case), form))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == url("meeting", case, meeting)
    assert (meeting.kind, meeting.place, meeting.organiser, meeting.sequence) == (
        "ambitions",
        "Youth club, Hope Street",
        coordinator,
        0,
    )
    assert sorted(Attendee.objects.values_list("name", "user")) == sorted(
        [("Nan", None), (key_worker.get_full_name(), key_worker.pk)]
    )
    invitations = [m for m in mail.outbox if m.subject.startswith("Invitation")]
    assert sorted(m.to[0] for m in invitations) == sorted(["nan@example.org", key_worker.email])
    told = Notification.objects.get(recipient=key_worker, kind="meeting-invited")
    assert told.message.startswith("You are invited to") and "Destiny" in told.message


def test_a_network_member_with_an_email_in_their_contact_details_is_offered_with_it(client_for, case, key_worker):
    member = case_services.network_add(
        case=case,
        by=key_worker,
        kind="family",
        name="Aunt Jo",
        contact_details="07700 900123, jo@example.org",
        closeness="close",
    )
    content = page_text(client_for(key_worker).get(url("meeting-new", case)))
    assert f'value="member:{member.pk}"' in content and "Aunt Jo" in content and "jo@example.org" in content


def test_a_closed_case_refuses_changes(client_for, case, key_worker, meeting):
    case_services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    client = client_for(key_worker)
    assert_closed_case_refused(client.post(url("meeting-new", case), plan_form()), "Youth club, Hope Street")
    assert_closed_case_refused(client.post(url("meeting-cancel", case, meeting), {"reason": "Nan is ill"}))
    assert Meeting.objects.count() == 1 and Meeting.objects.get().status == Meeting.Status.PLANNED
    assert client.get(url("meeting", case, meeting)).status_code == 200


def test_another_cases_meeting_is_not_found_through_this_case(client_for, case, key_worker, outsider, outsider_case):
    theirs = plan_meeting(outsider_case, outsider)
    assert client_for(key_worker).get(url("meeting", case, theirs)).status_code == 404


def test_the_meetings_page_shows_what_is_coming_and_what_was(client_for, case, key_worker, meeting):
    choices_of(meeting)
    later = plan_meeting(case, key_worker, kind="safety", days=9)
    cancelled = plan_meeting(case, key_worker, kind="network", days=2)
    meeting_cancel(meeting=cancelled, reason="Nan is ill", by=key_worker)
    content = page_text(client_for(key_worker).get(url("meetings", case)))
    coming, past = content.split("Coming up", 1)[1].split("Held, cancelled and past", 1)
    assert coming.index("Ambitions meeting") < coming.index(later.name)
    assert "Given" in coming and "Not given yet" in coming
    assert "Network meeting" in past and "Cancelled" in past


def test_the_meeting_page_puts_the_young_persons_choices_first_beside_their_contact_preferences(
    client_for, case, key_worker, meeting
):
    case.young_person.contact_preferences = "Texts after 4pm, never during school"
    case.young_person.save()
    choices_of(meeting)
    content = page_text(client_for(key_worker).get(url("meeting", case, meeting)))
    choices = content.split('id="choices"', 1)[1].split("</dl>", 1)[0]
    for words in ("the youth club", "after school", "the police officer", "Chair it with someone", "college"):
        assert words in choices
    assert "Sam from Barnardo&#x27;s" in choices
    assert content.index('id="choices"') < content.index("Who is invited")
    assert "Texts after 4pm, never during school" in content and "Destiny chose: after school" in content


def test_the_meetings_page_needs_the_same_queries_however_many_meetings(client_for, case, key_worker):
    def add(n):
        for _ in range(n):
            plan_meeting(case, key_worker)

    assert_query_budget(client_for(key_worker), url("meetings", case), add_rows=add, budget=20, large=30)


def test_the_meeting_page_needs_the_same_queries_however_many_people_are_invited(client_for, case, key_worker):
    meeting = plan_meeting(case, key_worker)

    def add(n):
        Attendee.objects.bulk_create([Attendee(meeting=meeting, name=f"Person {i}") for i in range(n)])

    assert_query_budget(
        client_for(key_worker), url("meeting", case, meeting), add_rows=add, budget=case_page_budget(), large=30
    )


def test_a_meeting_that_has_started_and_is_not_recorded_says_so(client_for, case, key_worker):
    meeting = plan_meeting(case, key_worker)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=3))
    content = page_text(client_for(key_worker).get(url("meetings", case)))
    assert "To record" in content.split("Held, cancelled and past", 1)[1]


def test_the_meetings_page_says_when_the_ambitions_meeting_is_due(client_for, case, key_worker):
    case_services.timeline_add(
        case=case,
        by=key_worker,
        kind="contact",
        method="visit",
        summary="First visit",
        occurred_at=timezone.now() - timedelta(weeks=3),
    )
    due = timezone.localdate() - timedelta(weeks=3) + timedelta(weeks=8)
    content = page_text(client_for(key_worker).get(url("meetings", case)))
    assert f"The Ambitions meeting is due by {due.day} {due:%B %Y}" in content


def test_a_page_that_prompts_a_my_safety_plan_meeting_opens_the_form_with_it_chosen(client_for, key_worker, case):
    new = url("meeting-new", case)
    page = " ".join(client_for(key_worker).get(f"{new}?kind=safety").content.decode().split())
    assert 'value="safety" checked="checked"' in page
    page = " ".join(client_for(key_worker).get(f"{new}?kind=<b>party</b>").content.decode().split())
    assert 'checked="checked"' not in page and "<b>party</b>" not in page
