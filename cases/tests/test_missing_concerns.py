"""Who they were with on a missing episode, from the team's register of concerns: named on the episode, and
linked to the case in the register."""

from cases import services
from cases.models import ConcernLink, MissingEpisode
from cases.tests.test_missing_depth import details
from cases.tests.timeline_helpers import errors_shown, page_text, url


def a_concern(team, by, name="Older male known as Tee", kind="person"):
    return services.concern_add(team_id=team.pk, kind=kind, name=name, details="", by=by)


def test_a_person_of_concern_named_on_an_episode_is_linked_to_the_case_once(client_for, case, key_worker, back_home):
    tee = a_concern(case.team, key_worker)
    client = client_for(key_worker)
    assert "Older male known as Tee (person)" in page_text(client.get(url("timeline-episode", case, back_home.pk)))
    for _twice in range(2):
        response = client.post(url("timeline-episode", case, back_home.pk), details(with_concerns=[tee.pk]))
        assert response.status_code == 302
    assert list(MissingEpisode.objects.get(entry=back_home).with_concerns.all()) == [tee]
    link = ConcernLink.objects.get(entry=tee, case=case)
    assert link.source.startswith("With them when they went missing on") and link.created_by == key_worker
    shown = page_text(client.get(url("timeline-entry", case, back_home.pk)))
    assert "Of concern, with them" in shown and "Older male known as Tee" in shown


def test_an_entry_of_another_teams_register_cannot_be_named(client_for, case, key_worker, back_home, outsider):
    theirs = a_concern(outsider.team, outsider, name="Someone in Wigan")
    response = client_for(key_worker).post(
        url("timeline-episode", case, back_home.pk), details(with_concerns=[theirs.pk])
    )
    assert "Choose entries of the register from the list" in errors_shown(response)
    assert not ConcernLink.objects.exists()


def test_a_partner_who_reads_no_register_does_not_see_the_concern_named(
    client_for, case, key_worker, back_home, partner_with_grant
):
    tee = a_concern(case.team, key_worker)
    client_for(key_worker).post(url("timeline-episode", case, back_home.pk), details(with_concerns=[tee.pk]))
    partner_with_grant.agency.kind = "health"
    partner_with_grant.agency.save(update_fields=["kind"])
    shown = page_text(client_for(partner_with_grant).get(url("timeline-entry", case, back_home.pk)))
    assert "Older male known as Tee" not in shown
