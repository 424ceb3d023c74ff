"""Missing episodes: recording one while they are missing or after they are back, recording that they
are back, the 72-hour return home interview and its countdown, who may do each, and bad input refused."""

from datetime import timedelta

import pytest

from act.testing import assert_closed_case_refused
from cases import services
from cases.models import RETURN_INTERVIEW_WITHIN, AuditEvent, TimelineEntry
from cases.tests.timeline_helpers import (
    TOMORROW,
    ago,
    entry,
    errors_shown,
    missing_form,
    moment,
    page_text,
    to_the_minute,
    url,
)

# Who may record them.


@pytest.mark.parametrize("who", ["viewing_partner", "partner_without_grant", "outsider", "administrator"])
def test_people_who_may_not_add_to_the_record_neither_record_nor_end_missing_episodes(
    request, client_for, case, still_missing, who
):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url("timeline-add", case, "missing")).status_code == 404
    assert client.post(url("timeline-add", case, "missing"), missing_form()).status_code == 404
    returned = {**moment("returned_on", ago(hours=1)), "where_found": "At a friend's house"}
    assert client.post(url("timeline-returned", case, still_missing.pk), returned).status_code == 404
    assert TimelineEntry.objects.filter(case=case).count() == 1
    still_missing.refresh_from_db()
    assert still_missing.returned_at is None and still_missing.where_found == ""


@pytest.mark.parametrize("who", ["partner_with_grant", "viewing_partner", "partner_without_grant", "outsider"])
def test_only_people_who_may_change_the_case_record_the_return_home_interview(
    request, client_for, case, back_home, who
):
    client = client_for(request.getfixturevalue(who))
    interview = moment("done_on", ago(hours=1))
    assert client.post(url("timeline-interview-done", case, back_home.pk), interview).status_code == 404
    back_home.refresh_from_db()
    assert back_home.return_interview_done_at is None


def test_a_partner_who_contributes_records_a_missing_episode_and_the_return(client_for, case, partner_with_grant):
    client = client_for(partner_with_grant)
    timeline = page_text(client.get(url("timeline", case)))
    assert "Record a missing episode" in timeline
    response = client.post(url("timeline-add", case, "missing"), missing_form(**moment("occurred_on", ago(hours=9))))
    assert response.status_code == 302
    episode = TimelineEntry.objects.get(case=case)
    assert episode.kind == "missing" and episode.author == partner_with_grant and episode.returned_at is None
    assert "They are back" in page_text(client.get(url("timeline-entry", case, episode.pk)))
    back = ago(hours=1)
    data = {**moment("returned_on", back), "where_found": "Found by police at a flat in Oldham"}
    assert client.post(url("timeline-returned", case, episode.pk), data).status_code == 302
    episode.refresh_from_db()
    assert episode.returned_at == to_the_minute(back) and episode.where_found == "Found by police at a flat in Oldham"
    assert episode.return_interview_due_at == episode.returned_at + RETURN_INTERVIEW_WITHIN
    assert AuditEvent.objects.filter(case=case, user=partner_with_grant, what="missing episode ended").exists()
    # The return home interview is the team's to arrange: the partner is not offered it.
    detail = page_text(client.get(url("timeline-entry", case, episode.pk)))
    assert "Due by" in detail and "Record the return home interview" not in detail


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


# Recording a missing episode.


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


# They are back, and the return home interview.


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
