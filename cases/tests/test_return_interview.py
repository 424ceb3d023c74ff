"""The return home interview in full: offered when and by whom, accepted (and held when) or declined (and
why), what was said (restricted where the worker says so: read only by those who read restricted entries),
push and pull factors, shared with the police; the 72-hour countdown ends with it; bad input refused."""

import pytest

from accounts.models import Notification
from cases import access, notices, services
from cases.models import AuditEvent, ReturnInterview
from cases.services import InterviewFacts
from cases.tests.timeline_helpers import TOMORROW, ago, entry, errors_shown, moment, page_text, to_the_minute, url

SAID = "Said she stayed at a flat in Oldham and was given vodka"


def interview(**changes) -> dict:
    data = {
        **moment("offered_on", ago(hours=8), "offered_time"),
        "offered_by": "Jo Bennett, ACT",
        "accepted": "yes",
        **moment("held_on", ago(hours=6), "held_time"),
        "declined_why": "",
        "said": SAID,
        "said_restricted": "no",
        "push_factors": "Arguments with staff at the home",
        "pull_factors": "Friends, an older boyfriend, gifts",
        "shared_with_police": "yes",
    }
    data.update(changes)
    return data


def restricted_interview(back_home, by) -> ReturnInterview:
    facts = InterviewFacts(
        offered_at=ago(hours=8),
        offered_by="Jo Bennett, ACT",
        accepted=True,
        done_at=ago(hours=6),
        said=SAID,
        said_restricted=True,
        push_factors="Arguments with staff at the home",
    )
    return services.return_interview_record(entry=back_home, by=by, facts=facts)


def test_the_key_worker_records_an_interview_that_was_held_and_the_countdown_ends(
    client_for, case, key_worker, back_home
):
    notices.return_recorded(entry=back_home, by=None)  # the key worker was told it is due
    client = client_for(key_worker)
    assert "Record the return home interview" in page_text(client.get(url("timeline-entry", case, back_home.pk)))

    response = client.post(url("timeline-interview", case, back_home.pk), interview())

    assert response.status_code == 302
    saved = ReturnInterview.objects.get(entry=back_home)
    assert saved.offered_at == to_the_minute(ago(hours=8)) and saved.offered_by == "Jo Bennett, ACT"
    assert saved.accepted and saved.said == SAID and not saved.said_restricted
    assert saved.push_factors == "Arguments with staff at the home" and saved.shared_with_police is True
    assert saved.recorded_by == key_worker
    back_home.refresh_from_db()
    assert back_home.return_interview_done_at == to_the_minute(ago(hours=6))
    assert not back_home.return_interview_outstanding
    assert Notification.objects.get(key=f"rhi-recorded:{back_home.pk}").done_at is not None
    assert AuditEvent.objects.filter(case=case, what=f"return home interview (episode {back_home.pk})").exists()
    shown = page_text(client.get(url("timeline-entry", case, back_home.pk)))
    for words in (SAID, "Friends, an older boyfriend, gifts", "Jo Bennett, ACT", "Change the return home interview"):
        assert words in shown, words
    assert "Record the return home interview<" not in shown


def test_an_interview_declined_ends_the_countdown_when_it_was_offered(client_for, case, key_worker, back_home):
    data = interview(accepted="no", held_on_0="", held_on_1="", held_on_2="", held_time="", declined_why="Said no")
    assert client_for(key_worker).post(url("timeline-interview", case, back_home.pk), data).status_code == 302

    saved = ReturnInterview.objects.get()
    assert not saved.accepted and saved.declined_why == "Said no"
    back_home.refresh_from_db()
    assert back_home.return_interview_done_at == saved.offered_at
    assert "No, they declined: Said no" in page_text(
        client_for(key_worker).get(url("timeline-entry", case, back_home.pk))
    )


def test_a_correction_moves_the_end_of_the_countdown_and_keeps_one_row(client_for, case, key_worker, back_home):
    client = client_for(key_worker)
    client.post(url("timeline-interview", case, back_home.pk), interview())
    assert SAID in page_text(client.get(url("timeline-interview", case, back_home.pk)))

    client.post(
        url("timeline-interview", case, back_home.pk), interview(**moment("held_on", ago(hours=5), "held_time"))
    )

    assert ReturnInterview.objects.count() == 1
    back_home.refresh_from_db()
    assert back_home.return_interview_done_at == to_the_minute(ago(hours=5))


@pytest.mark.parametrize("who", ["partner_with_grant", "viewing_partner", "partner_without_grant", "outsider"])
def test_only_people_who_may_change_the_case_record_the_interview(request, client_for, case, back_home, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url("timeline-interview", case, back_home.pk)).status_code == 404
    assert client.post(url("timeline-interview", case, back_home.pk), interview()).status_code == 404
    assert not ReturnInterview.objects.exists()


def test_there_is_no_interview_to_record_while_they_are_still_missing(client_for, case, key_worker, still_missing):
    response = client_for(key_worker).post(url("timeline-interview", case, still_missing.pk), interview())
    assert response.status_code == 302 and not ReturnInterview.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            moment("offered_on", ago(days=3), "offered_time"),
            "The interview cannot have been offered before they came back",
        ),
        (moment("offered_on", TOMORROW, "offered_time"), "The date it was offered cannot be in the future"),
        (moment("held_on", ago(hours=9), "held_time"), "The interview cannot have been held before it was offered"),
        (moment("held_on", TOMORROW, "held_time"), "The date of the interview cannot be in the future"),
        ({"held_on_0": "", "held_on_1": "", "held_on_2": "", "held_time": ""}, "Enter when the interview was held"),
        ({"accepted": "no"}, "Leave when it was held blank if they declined"),
        ({"accepted": ""}, "Say whether they accepted the interview"),
        ({"offered_by": ""}, "Enter who offered the interview"),
        ({"said_restricted": "maybe"}, "Say who may read what was said"),
        ({"shared_with_police": ""}, "Say whether it was shared with the police"),
    ],
)
def test_bad_interviews_are_refused_with_a_clear_message(client_for, case, key_worker, back_home, changes, message):
    response = client_for(key_worker).post(url("timeline-interview", case, back_home.pk), interview(**changes))

    assert message in errors_shown(response)
    assert not ReturnInterview.objects.exists()
    back_home.refresh_from_db()
    assert back_home.return_interview_done_at is None


def test_the_service_refuses_an_interview_before_the_return(back_home, key_worker):
    facts = InterviewFacts(offered_at=ago(days=3), offered_by="Jo", accepted=False)
    with pytest.raises(services.CaseError):
        services.return_interview_record(entry=back_home, by=key_worker, facts=facts)


# What was said, restricted.


@pytest.mark.parametrize("who", ["key_worker", "manager"])
def test_restricted_words_are_read_by_the_key_worker_and_the_team_s_managers(
    request, client_for, case, back_home, coordinator, who
):
    restricted_interview(back_home, coordinator)  # and by the person who recorded them
    for person in (request.getfixturevalue(who), coordinator):
        assert SAID in page_text(client_for(person).get(url("timeline-entry", case, back_home.pk)))


def test_restricted_words_never_reach_a_partner_on_the_case(
    client_for, case, key_worker, back_home, partner_with_grant, viewing_partner
):
    restricted_interview(back_home, key_worker)
    for partner in (partner_with_grant, viewing_partner):
        shown = page_text(client_for(partner).get(url("timeline-entry", case, back_home.pk)))
        assert SAID not in shown and "Restricted: only the key worker" in shown
        assert "Arguments with staff at the home" in shown  # push and pull factors are not restricted
        timeline = page_text(client_for(partner).get(url("timeline", case)))
        assert SAID not in timeline


def test_someone_who_may_change_the_case_but_not_read_the_words_may_not_correct_them(
    client_for, case, manager, back_home, coordinator
):
    restricted_interview(back_home, manager)
    client = client_for(coordinator)
    assert client.get(url("timeline-interview", case, back_home.pk)).status_code == 302
    assert client.post(url("timeline-interview", case, back_home.pk), interview(said="Changed")).status_code == 302
    assert ReturnInterview.objects.get().said == SAID
    assert SAID not in page_text(client.get(url("timeline-entry", case, back_home.pk)))


def test_the_quick_record_of_the_interview_still_ends_the_countdown(client_for, case, key_worker, back_home):
    data = moment("done_on", ago(hours=2))
    assert client_for(key_worker).post(url("timeline-interview-done", case, back_home.pk), data).status_code == 302
    back_home.refresh_from_db()
    assert back_home.return_interview_done_at is not None
    shown = page_text(client_for(key_worker).get(url("timeline-entry", case, back_home.pk)))
    assert "Add the details of the return home interview" in shown


def test_the_key_worker_s_restricted_interview_is_hidden_from_someone_who_wrote_the_episode(
    client_for, case, key_worker, back_home, partner_with_grant
):
    episode = entry(
        case, partner_with_grant, kind="missing", occurred_at=ago(days=2), returned_at=ago(days=1), where_found="Home"
    )
    restricted_interview(episode, key_worker)
    assert SAID not in page_text(client_for(partner_with_grant).get(url("timeline-entry", case, episode.pk)))


@pytest.mark.parametrize(
    "who",
    ["key_worker", "manager", "coordinator", "partner_with_grant", "viewing_partner", "outsider", "administrator"],
)
def test_who_reads_restricted_words_is_the_rule_of_restricted_entries(request, case, key_worker, coordinator, who):
    person = request.getfixturevalue(who)
    restricted = entry(case, key_worker, kind="event", restricted=True)
    sees_entry = access.timeline_for(person, case).filter(pk=restricted.pk).exists()
    assert access.may_read_restricted(person, case, key_worker.pk) == sees_entry
    assert access.may_read_restricted(person, case, person.pk)  # they wrote it
