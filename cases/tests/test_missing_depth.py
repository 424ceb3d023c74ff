"""A missing episode in depth: who reported it and when, the police reference and risk grade, the young
people (of the team, whose cases the recorder may see) and others they were with, how they got back; who may
record it, and bad input refused."""

import pytest

from cases import services
from cases.models import AuditEvent, MissingEpisode
from cases.services import EpisodeFacts
from cases.tests.factories import CaseFactory
from cases.tests.timeline_helpers import TOMORROW, ago, entry, errors_shown, moment, page_text, to_the_minute, url


@pytest.fixture
def emily(case, key_worker):
    """Another young person of the team whose case the key worker holds."""
    return CaseFactory(given_name="Emily", team=case.team, key_worker=key_worker)


def details(**changes) -> dict:
    data = {
        "reported_by": "Sam, night staff at the children's home",
        **moment("reported_on", ago(days=1, hours=20)),
        "police_reference": "GMP-24-1187",
        "police_risk": "medium",
        "with_others": "An older male called 'T', silver car",
        "how_back": "Police brought her home",
    }
    data.update(changes)
    return data


def test_the_key_worker_records_the_details_of_an_episode(client_for, case, key_worker, back_home, emily):
    client = client_for(key_worker)
    page = client.get(url("timeline-episode", case, back_home.pk))
    assert "Emily" in page_text(page)
    assert list(page.context["form"].fields["with_cases"].queryset) == [emily]  # not with herself

    response = client.post(url("timeline-episode", case, back_home.pk), details(with_cases=[emily.pk]))

    assert response.status_code == 302
    episode = MissingEpisode.objects.get(entry=back_home)
    assert episode.reported_by == "Sam, night staff at the children's home"
    assert episode.reported_at == to_the_minute(ago(days=1, hours=20))
    assert (episode.police_reference, episode.police_risk) == ("GMP-24-1187", "medium")
    assert list(episode.with_cases.all()) == [emily]
    assert (
        episode.with_others == "An older male called 'T', silver car" and episode.how_back == "Police brought her home"
    )
    assert AuditEvent.objects.filter(
        case=case, user=key_worker, what=f"missing episode {back_home.pk} details"
    ).exists()
    shown = page_text(client.get(url("timeline-entry", case, back_home.pk)))
    for words in ("GMP-24-1187", "Medium", "Emily", "Police brought her home", "Change the details of the episode"):
        assert words in shown, words


def test_correcting_the_details_keeps_one_row_and_shows_what_was_saved(client_for, case, key_worker, back_home):
    client = client_for(key_worker)
    client.post(url("timeline-episode", case, back_home.pk), details())
    again = page_text(client.get(url("timeline-episode", case, back_home.pk)))
    assert 'value="GMP-24-1187"' in again

    client.post(url("timeline-episode", case, back_home.pk), details(police_risk="high", police_reference="GMP-2"))

    episode = MissingEpisode.objects.get()
    assert (episode.police_reference, episode.police_risk) == ("GMP-2", "high")


def test_a_partner_who_contributes_records_the_police_reference_while_they_are_still_missing(
    client_for, case, partner_with_grant, still_missing
):
    data = details(**moment("reported_on", ago(hours=13)))
    response = client_for(partner_with_grant).post(url("timeline-episode", case, still_missing.pk), data)

    assert response.status_code == 302
    assert MissingEpisode.objects.get(entry=still_missing).police_reference == "GMP-24-1187"


@pytest.mark.parametrize("who", ["viewing_partner", "partner_without_grant", "outsider", "administrator"])
def test_people_who_may_not_record_a_missing_episode_get_404_and_change_nothing(
    request, client_for, case, back_home, who
):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url("timeline-episode", case, back_home.pk)).status_code == 404
    assert client.post(url("timeline-episode", case, back_home.pk), details()).status_code == 404
    assert not MissingEpisode.objects.exists()


def test_a_restricted_episode_is_404_to_someone_who_may_not_see_it(client_for, case, key_worker, coordinator):
    hidden = entry(
        case, key_worker, kind="missing", summary="Police operation", restricted=True, occurred_at=ago(hours=3)
    )
    assert client_for(coordinator).get(url("timeline-episode", case, hidden.pk)).status_code == 404


def test_a_contact_has_no_episode_details(client_for, case, key_worker):
    visit = entry(case, key_worker)
    assert client_for(key_worker).get(url("timeline-episode", case, visit.pk)).status_code == 404


def test_a_young_person_whose_case_the_recorder_may_not_see_is_refused(client_for, case, key_worker, back_home, lily):
    client = client_for(key_worker)
    assert "Lily" not in page_text(client.get(url("timeline-episode", case, back_home.pk)))

    response = client.post(url("timeline-episode", case, back_home.pk), details(with_cases=[lily.pk]))

    assert "Choose young people from the list" in errors_shown(response)
    assert not MissingEpisode.objects.exists()


def test_a_case_of_another_team_is_refused_even_to_its_own_worker_by_the_service(back_home, key_worker, outsider_case):
    with pytest.raises(services.CaseError):
        services.episode_record(entry=back_home, by=key_worker, facts=EpisodeFacts(), with_cases=[outsider_case])
    with pytest.raises(services.CaseError):
        services.episode_record(entry=back_home, by=key_worker, facts=EpisodeFacts(), with_cases=[back_home.case])
    assert not MissingEpisode.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (moment("reported_on", ago(days=3)), "They cannot have been reported missing before they went missing"),
        (moment("reported_on", TOMORROW), "The date they were reported missing cannot be in the future"),
        ({"reported_time": "25:00"}, "Enter a real time"),
        ({"reported_time": ""}, "Enter the time they were reported missing"),
        ({"police_risk": "extreme"}, "Choose one of the risk grades"),
        ({"police_reference": "x" * 51}, "Use 50 characters or fewer"),
        ({"with_cases": ["not-a-case"]}, "Choose young people from the list"),
    ],
)
def test_bad_details_are_refused_with_a_clear_message(client_for, case, key_worker, back_home, changes, message):
    response = client_for(key_worker).post(url("timeline-episode", case, back_home.pk), details(**changes))

    assert message in errors_shown(response)
    assert not MissingEpisode.objects.exists()


def test_the_reader_sees_only_the_young_people_whose_cases_they_may_see(
    client_for, case, key_worker, manager, back_home, lily
):
    services.episode_record(entry=back_home, by=manager, facts=EpisodeFacts(), with_cases=[lily])

    assert "Lily" in page_text(client_for(manager).get(url("timeline-entry", case, back_home.pk)))
    shown = page_text(client_for(key_worker).get(url("timeline-entry", case, back_home.pk)))
    assert "Lily" not in shown and "Only young people whose cases you may see are named here." in shown


def test_a_correction_by_someone_who_may_not_see_a_named_young_person_keeps_them(
    client_for, case, key_worker, manager, back_home, lily, emily
):
    services.episode_record(entry=back_home, by=manager, facts=EpisodeFacts(), with_cases=[lily])

    client_for(key_worker).post(url("timeline-episode", case, back_home.pk), details(with_cases=[emily.pk]))

    assert set(MissingEpisode.objects.get().with_cases.all()) == {lily, emily}
