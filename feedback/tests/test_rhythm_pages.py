"""The staff pages for asking: setting check-ins and feedback with the young person or family (how often,
which day, between which hours, how), stopping them, and saying what was done about a low check-in. For
those who may change the case; a partner who may only look, and anyone outside the team, get 404."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from act.testing import assert_closed_case_refused, assert_query_budget
from cases import services as case_services
from cases.models import AuditEvent
from feedback.models import CheckIn, CheckInAlert, Kind, Rhythm
from feedback.services import alert_handled, check_in_record

from .helpers import a_rhythm


def url(name, case, *more):
    return reverse(f"feedback:{name}", args=[case.pk, *more])


def check_in_form(**changes) -> dict:
    return {
        "every_days": "14",
        "weekday": "2",
        "earliest": "16:00",
        "latest": "8pm",
        "channel": "email",
        "address": "destiny@example.org",
        **changes,
    }


def feedback_form(**changes) -> dict:
    return {
        "person": "parent_carer",
        "name": "Lorraine Okafor",
        "every_days": "42",
        "weekday": "4",
        "earliest": "18:00",
        "latest": "20:30",
        "channel": "none",
        "address": "",
        "after_meetings": "on",
        **changes,
    }


def low_check_in(case):
    scores = {**dict.fromkeys(CheckIn.MEASURES, 3), "mood": 1}
    check_in_record(
        case=case, person="young_person", scores=scores, anything_else="Bad week", request=None, entered_by=None
    )
    return CheckInAlert.objects.get(case=case, handled_at__isnull=True)


def test_the_key_worker_sets_check_ins_with_the_young_person(client_for, case, key_worker):
    client = client_for(key_worker)
    assert client.get(url("check-in-rhythm", case)).status_code == 200
    response = client.post(url("check-in-rhythm", case), check_in_form())
    assert response.status_code == 302 and response["Location"] == url("case-rhythms", case)
    rhythm = Rhythm.objects.get()
    assert (rhythm.kind, rhythm.person, rhythm.every_days, rhythm.weekday) == (Kind.CHECK_IN, "young_person", 14, 2)
    assert (rhythm.earliest, rhythm.latest, rhythm.channel) == (time(16), time(20), "email")
    assert rhythm.address == "destiny@example.org" and rhythm.created_by == key_worker
    assert rhythm.next_due_at > timezone.now()
    assert timezone.localtime(rhythm.next_due_at).weekday() == 2
    assert timezone.localtime(rhythm.next_due_at).time() == time(16)
    # The address is not in the audit.
    assert not AuditEvent.objects.filter(what__contains="destiny@").exists()
    content = client.get(url("case-rhythms", case)).content.decode()
    assert "Every 2 weeks" in content and "Wednesday, between 16:00 and 20:00" in content


def test_changing_check_ins_replaces_them_and_keeps_the_old_on_record(client_for, case, key_worker):
    client = client_for(key_worker)
    client.post(url("check-in-rhythm", case), check_in_form())
    first = Rhythm.objects.get()
    response = client.get(url("check-in-rhythm", case))
    assert 'value="destiny@example.org"' in response.content.decode()
    client.post(url("rhythm-change", case, first.pk), check_in_form(address="new@example.org"))
    live = Rhythm.objects.get(stopped_at__isnull=True)
    assert live.pk != first.pk and live.address == "new@example.org"
    assert live.next_due_at == first.next_due_at  # the same day and hours: the same next time
    assert Rhythm.objects.get(pk=first.pk).stopped_at is not None


def test_the_manager_may_set_feedback_from_a_parent(client_for, case, manager):
    client = client_for(manager)
    assert client.get(url("feedback-rhythm-new", case)).status_code == 200
    response = client.post(url("feedback-rhythm-new", case), feedback_form())
    assert response.status_code == 302
    rhythm = Rhythm.objects.get()
    assert (rhythm.kind, rhythm.person, rhythm.person_name) == (Kind.FEEDBACK, "parent_carer", "Lorraine Okafor")
    assert (rhythm.every_days, rhythm.after_meetings, rhythm.channel, rhythm.address) == (42, True, "", "")


def test_the_feedback_form_starts_at_every_42_days(client_for, case, key_worker):
    content = client_for(key_worker).get(url("feedback-rhythm-new", case)).content.decode()
    assert 'name="every_days" value="42"' in content


def test_text_is_offered_only_when_texts_can_be_sent(client_for, case, key_worker, settings):
    client = client_for(key_worker)
    assert 'value="text"' not in client.get(url("check-in-rhythm", case)).content.decode()
    response = client.post(url("check-in-rhythm", case), check_in_form(channel="text", address="07700900982"))
    assert response.status_code == 400 and not Rhythm.objects.exists()
    settings.MESSAGES_BACKEND = "notify"
    assert 'value="text"' in client.get(url("check-in-rhythm", case)).content.decode()
    response = client.post(url("check-in-rhythm", case), check_in_form(channel="text", address="07700 900-982"))
    assert response.status_code == 302 and Rhythm.objects.get().address == "07700900982"


BAD_CHECK_INS = [
    ({"every_days": ""}, "Choose how often"),
    ({"every_days": "3"}, "Choose how often"),
    ({"weekday": ""}, "Choose a day of the week"),
    ({"weekday": "7"}, "Choose a day of the week"),
    ({"earliest": ""}, "Enter the time to send it from"),
    ({"earliest": "25:00"}, "Enter a real time"),
    ({"latest": ""}, "Enter the time to send it until"),
    ({"latest": "teatime"}, "Enter a real time"),
    ({"earliest": "20:00", "latest": "16:00"}, "must be after the time to send it from"),
    ({"earliest": "16:00", "latest": "16:00"}, "must be after the time to send it from"),
    ({"channel": "pigeon"}, "Choose how they are asked"),
    ({"channel": ""}, "Choose how they are asked"),
    ({"channel": None}, "Choose how they are asked"),
    ({"address": ""}, "Enter an email address"),
    ({"address": "not an email"}, "Enter an email address"),
]


@pytest.mark.parametrize("changes,error", BAD_CHECK_INS)
def test_bad_check_in_settings_are_refused_with_a_message(client_for, case, key_worker, changes, error):
    form = {k: v for k, v in check_in_form(**changes).items() if v is not None}
    response = client_for(key_worker).post(url("check-in-rhythm", case), form)
    content = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in content and error in content
    assert not Rhythm.objects.exists()


BAD_FEEDBACK = [
    ({"person": ""}, "Choose who is asked"),
    ({"person": "key_person"}, "Choose who is asked"),
    ({"name": "  "}, "Enter the parent"),
    ({"every_days": ""}, "Enter how often, in days"),
    ({"every_days": "six"}, "Enter how often as a number of days"),
    ({"every_days": "6"}, "from 7 to 91"),
    ({"every_days": "92"}, "from 7 to 91"),
    ({"channel": "text", "address": "07700900982"}, "Choose how they are asked"),
]


@pytest.mark.parametrize("changes,error", BAD_FEEDBACK)
def test_bad_feedback_settings_are_refused_with_a_message(client_for, case, key_worker, changes, error):
    response = client_for(key_worker).post(url("feedback-rhythm-new", case), feedback_form(**changes))
    content = response.content.decode()
    assert response.status_code == 400 and error in content
    assert not Rhythm.objects.exists()


@pytest.mark.parametrize("number", ["0161 496 0000", "0770090098", "077009009821", "+1 415 555 0100", "phone"])
def test_a_text_needs_a_uk_mobile_number(client_for, case, key_worker, settings, number):
    settings.MESSAGES_BACKEND = "notify"
    response = client_for(key_worker).post(url("check-in-rhythm", case), check_in_form(channel="text", address=number))
    assert response.status_code == 400 and "Enter a UK mobile number" in response.content.decode()
    assert not Rhythm.objects.exists()


def test_stopping_asks_first_then_stops(client_for, case, key_worker):
    rhythm = a_rhythm(case, key_worker)
    client = client_for(key_worker)
    assert "Stop the check-ins?" in client.get(url("rhythm-stop", case, rhythm.pk)).content.decode()
    assert Rhythm.objects.get().stopped_at is None
    response = client.post(url("rhythm-stop", case, rhythm.pk))
    assert response.status_code == 302 and Rhythm.objects.get().stopped_at is not None
    assert client.get(url("rhythm-stop", case, rhythm.pk)).status_code == 404


def test_outsiders_and_partners_get_404_on_every_page(client_for, case, key_worker, outsider, partner_with_grant):
    rhythm = a_rhythm(case, key_worker)
    alert = low_check_in(case)
    pages = [
        url("case-rhythms", case),
        url("check-in-rhythm", case),
        url("feedback-rhythm-new", case),
        url("rhythm-change", case, rhythm.pk),
        url("rhythm-stop", case, rhythm.pk),
        url("case-alerts", case),
    ]
    for person in (outsider, partner_with_grant):
        client = client_for(person)
        for page in pages:
            assert client.get(page).status_code == 404, (person, page)
            assert client.post(page, check_in_form()).status_code in (404, 405), (person, page)
        response = client.post(url("alert-handled", case, alert.pk), {f"alert-{alert.pk}-what_was_done": "x"})
        assert response.status_code == 404
    assert Rhythm.objects.count() == 1 and Rhythm.objects.get().stopped_at is None
    assert CheckInAlert.objects.get().handled_at is None


def test_another_cases_rhythm_is_not_found_through_this_case(client_for, case, key_worker, outsider, outsider_case):
    theirs = a_rhythm(outsider_case, outsider)
    client = client_for(key_worker)
    assert client.get(url("rhythm-change", case, theirs.pk)).status_code == 404
    assert client.post(url("rhythm-stop", case, theirs.pk)).status_code == 404
    assert Rhythm.objects.get().stopped_at is None


def test_a_closed_case_refuses_changes_and_still_shows_its_rhythms(client_for, case, key_worker):
    rhythm = a_rhythm(case, key_worker)
    case_services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    client = client_for(key_worker)
    assert_closed_case_refused(client.post(url("check-in-rhythm", case), check_in_form()), "destiny@example.org")
    assert_closed_case_refused(client.post(url("rhythm-stop", case, rhythm.pk)))
    assert Rhythm.objects.get().stopped_at is None
    assert client.get(url("case-rhythms", case)).status_code == 200


def test_the_worker_marks_what_they_did_about_a_low_check_in(client_for, case, key_worker):
    alert = low_check_in(case)
    client = client_for(key_worker)
    content = client.get(url("case-alerts", case)).content.decode()
    assert "Bad week" in content and "Mark what I did" in content
    assert "low check-in is waiting" in client.get(url("case-rhythms", case)).content.decode()
    field = f"alert-{alert.pk}-what_was_done"
    response = client.post(url("alert-handled", case, alert.pk), {field: "Visited her the next morning"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.handled_by == key_worker and alert.what_was_done == "Visited her the next morning"
    content = client.get(url("case-alerts", case)).content.decode()
    assert "No low check-ins are waiting" in content and "Visited her the next morning" in content
    assert client.post(url("alert-handled", case, alert.pk), {field: "Again"}).status_code == 404


def test_saying_nothing_about_a_low_check_in_is_refused(client_for, case, key_worker):
    alert = low_check_in(case)
    response = client_for(key_worker).post(
        url("alert-handled", case, alert.pk), {f"alert-{alert.pk}-what_was_done": " "}
    )
    assert response.status_code == 400 and "Say what you did" in response.content.decode()
    assert CheckInAlert.objects.get().handled_at is None


def test_the_alerts_page_needs_the_same_queries_however_many_alerts(client_for, case, key_worker):
    def add(n):
        for i in range(n):
            check_in_record(
                case=case,
                person="young_person",
                scores={**dict.fromkeys(CheckIn.MEASURES, 2), "outlook": 1},
                anything_else=f"Week {i}",
                request=None,
                entered_by=key_worker,
            )
        # Half of them dealt with: both lists grow.
        for alert in CheckInAlert.objects.filter(handled_at__isnull=True)[: n // 2]:
            alert_handled(alert=alert, what_was_done="Talked", by=key_worker)

    assert_query_budget(client_for(key_worker), url("case-alerts", case), add_rows=add, budget=25, large=20)


def test_the_rhythms_page_needs_the_same_queries_however_many_are_asked(client_for, case, key_worker):
    def add(n):
        start = Rhythm.objects.count()
        for i in range(n):
            a_rhythm(case, key_worker, kind=Kind.FEEDBACK, person="parent_carer", name=f"Carer {start + i}")

    assert_query_budget(client_for(key_worker), url("case-rhythms", case), add_rows=add, budget=20, large=20)


def test_a_rhythm_stopped_long_ago_is_not_shown(client_for, case, key_worker):
    rhythm = a_rhythm(case, key_worker, kind=Kind.FEEDBACK, person="parent_carer", name="Old Carer")
    Rhythm.objects.filter(pk=rhythm.pk).update(stopped_at=timezone.now() - timedelta(days=3))
    assert "Old Carer" not in client_for(key_worker).get(url("case-rhythms", case)).content.decode()


def test_another_cases_alert_is_not_handled_through_this_case(client_for, case, key_worker, outsider, outsider_case):
    theirs = low_check_in(outsider_case)
    field = f"alert-{theirs.pk}-what_was_done"
    response = client_for(key_worker).post(url("alert-handled", case, theirs.pk), {field: "Nothing to do with me"})
    assert response.status_code == 404
    assert CheckInAlert.objects.get().handled_at is None
