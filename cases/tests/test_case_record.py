import pytest
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases import access, services
from cases.models import AuditEvent, CaseLink, KeyWorkerSpell, Stage, StageChange
from cases.tests.factories import CaseFactory

YP_FORM = {
    "given_name": "Destiny",
    "family_name": "Walker",
    "preferred_name": "Des",
    "pronouns": "she/her",
    "date_of_birth_0": "3",
    "date_of_birth_1": "4",
    "date_of_birth_2": "2011",
    "ethnicity": "White British",
    "first_language": "English",
    "living_details": "",
    "education_setting": "PRU",
    "legal_status": "looked_after",
    "enjoys": "Music",
    "contact_preferences": "Text first, not during school",
    "avatar": "music",
}


def url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.pk, *args])


def test_overview_shows_the_young_person_and_is_audited(client_for, key_worker, case):
    response = client_for(key_worker).get(url("detail", case))
    assert response.status_code == 200
    assert "Destiny" in response.content.decode()
    assert AuditEvent.objects.filter(case=case, user=key_worker, action="view", what="case overview").exists()


def test_key_worker_changes_the_young_persons_details(client_for, key_worker, case):
    response = client_for(key_worker).post(url("young-person-edit", case), YP_FORM)
    assert response.status_code == 302
    young_person = case.young_person
    young_person.refresh_from_db()
    assert young_person.preferred_name == "Des"
    assert young_person.date_of_birth.isoformat() == "2011-04-03"
    assert young_person.display_name == "Des Walker"
    assert AuditEvent.objects.filter(case=case, action="change", what__startswith="young person's details").exists()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"given_name": ""}, "This field is required"),
        ({"date_of_birth_0": "31", "date_of_birth_1": "2", "date_of_birth_2": "2011"}, "Enter a real date"),
        ({"date_of_birth_2": "2099"}, "The date cannot be in the future"),
        ({"date_of_birth_0": "", "date_of_birth_1": "", "date_of_birth_2": ""}, "Enter the day, month and year"),
        ({"avatar": "dragon"}, "Select a valid choice"),
        ({"given_name": "x" * 101}, "at most 100 characters"),
    ],
)
def test_bad_young_person_details_are_refused_and_nothing_typed_is_lost(client_for, key_worker, case, change, message):
    data = {**YP_FORM, **change}
    response = client_for(key_worker).post(url("young-person-edit", case), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    assert "Text first, not during school" in content  # what was typed is still there
    case.young_person.refresh_from_db()
    assert case.young_person.preferred_name == ""


@pytest.mark.parametrize("who", ["partner_with_grant", "outsider", "partner_without_grant", "administrator"])
@pytest.mark.parametrize("url_name", ["young-person-edit", "people-edit", "stage", "close", "link-add", "allocate"])
def test_people_who_may_not_change_the_case_get_404_on_change_pages(request, client_for, case, who, url_name):
    client = client_for(request.getfixturevalue(who))
    assert client.get(url(url_name, case)).status_code == 404
    assert client.post(url(url_name, case), {"reason": "x", "stage": "support"}).status_code == 404
    case.refresh_from_db()
    assert case.stage == Stage.GETTING_TO_KNOW


def test_only_the_team_manager_reallocates_and_history_is_kept(client_for, key_worker, manager, case, team):
    new_worker = UserFactory(team=team)
    assert client_for(key_worker).get(url("allocate", case)).status_code == 404
    response = client_for(manager).post(url("allocate", case), {"key_worker": new_worker.pk})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.key_worker == new_worker
    spells = list(KeyWorkerSpell.objects.filter(case=case).order_by("started_at", "pk"))
    assert [s.worker for s in spells] == [key_worker, new_worker]
    assert spells[0].ended_at is not None and spells[1].ended_at is None
    assert not access.can_view(key_worker, case)


def test_allocating_someone_outside_the_team_is_refused(client_for, manager, case, outsider):
    response = client_for(manager).post(url("allocate", case), {"key_worker": outsider.pk})
    assert response.status_code == 200
    assert "Choose a worker from the team" in response.content.decode()
    case.refresh_from_db()
    assert case.key_worker.username == "worker"


def test_plan_coordinator_gets_access_through_the_people_page(client_for, key_worker, case):
    coordinator = UserFactory(role=User.Role.PLAN_COORDINATOR, team=None)
    data = {
        "social_worker_name": "Rachel Green",
        "social_worker_contact": "01706 1",
        "plan_coordinator": coordinator.pk,
    }
    assert client_for(key_worker).post(url("people-edit", case), data).status_code == 302
    case.refresh_from_db()
    assert case.plan_coordinator == coordinator and case.social_worker_name == "Rachel Green"
    assert access.can_change(coordinator, case)
    client_for(key_worker).post(url("people-edit", case), {**data, "plan_coordinator": ""})
    assert not access.can_view(coordinator, case)


def test_a_non_coordinator_cannot_be_plan_coordinator(client_for, key_worker, case, outsider):
    response = client_for(key_worker).post(url("people-edit", case), {"plan_coordinator": outsider.pk})
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.plan_coordinator is None


def test_stage_changes_are_kept(client_for, key_worker, case):
    response = client_for(key_worker).post(url("stage", case), {"stage": "support", "reason": "Trust built"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.SUPPORT
    assert StageChange.objects.filter(case=case, to_stage="support", reason="Trust built").exists()


@pytest.mark.parametrize("data", [{"stage": "closed"}, {"stage": "nonsense"}, {}])
def test_bad_stage_changes_are_refused(client_for, key_worker, case, data):
    response = client_for(key_worker).post(url("stage", case), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.GETTING_TO_KNOW


def test_closing_is_asked_by_the_key_worker_and_agreed_by_the_manager_which_takes_partner_access_away(
    client_for, key_worker, manager, case, partner_with_grant
):
    client = client_for(key_worker)
    close_page = client.get(url("close", case)).content.decode()
    assert "Ask the manager to agree" in close_page and "Closing summary for the young person" in close_page
    bad = client.post(url("close", case), {"outcome": "goals_met", "reason": "", "summary": "You did it"})
    assert "Say why the case is closing" in bad.content.decode()
    asked = {"outcome": "goals_met", "reason": "She met her goals", "summary": "You kept yourself safe"}
    assert client.post(url("close", case), asked).status_code == 302
    case.refresh_from_db()
    assert not case.is_closed  # asked, not closed
    assert access.can_view(partner_with_grant, case)
    request = case.close_requests.get()
    response = client_for(manager).post(url("close-decide", case, request.pk), {"agree": "yes"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.CLOSED and case.close_outcome == "goals_met" and case.closed_at
    assert case.close_reason == "She met her goals"
    assert not access.can_view(partner_with_grant, case)
    assert access.can_view(key_worker, case)


def test_a_closed_case_is_reopened_with_a_reason(client_for, key_worker, case, partner_with_grant):
    services.case_close(case=case, reason="Done", outcome="goals_met", by=key_worker)
    client = client_for(key_worker)
    assert "Say why the case is reopening" in client.post(url("reopen", case), {"reason": " "}).content.decode()
    assert client.post(url("reopen", case), {"reason": "New worries"}).status_code == 302
    case.refresh_from_db()
    assert case.stage == Stage.SUPPORT and case.closed_at is None
    assert access.can_view(partner_with_grant, case)


def test_links_are_shown_only_to_people_who_may_see_both_cases(client_for, key_worker, manager, case, team):
    lily = CaseFactory(given_name="Lily", team=team)
    client = client_for(manager)
    response = client.post(url("link-add", case), {"other": lily.pk, "reason": "Go missing together"})
    assert response.status_code == 302
    assert CaseLink.objects.count() == 1
    assert "Go missing together" in client.get(url("detail", case)).content.decode()
    # The key worker of Destiny cannot see Lily's case, so does not see the link either.
    key_worker_view = client_for(key_worker).get(url("detail", case)).content.decode()
    assert "Go missing together" not in key_worker_view and "Lily" not in key_worker_view


def linked_section(response) -> str:
    content = response.content.decode()
    section = content[content.index("Linked young people") :]
    return section[: section.index("</div>")]


def test_a_hidden_link_reads_exactly_like_no_link(client_for, key_worker, manager, case, team):
    client = client_for(key_worker)
    without = linked_section(client.get(url("detail", case)))
    assert "None that you can see" in without and "No linked young people" not in without
    lily = CaseFactory(given_name="Lily", team=team)
    services.case_link(case=case, other=lily, reason="Go missing together", by=manager)
    assert linked_section(client.get(url("detail", case))) == without
    assert "Go missing together" in linked_section(client_for(manager).get(url("detail", case)))


@pytest.mark.parametrize(
    "kind,details,shown,not_shown",
    [
        (
            "childrens_home",
            "Children's home in Manchester since she was 14",
            "Children's home in Manchester",
            "Children&#x27;s home: ",
        ),
        ("foster_care", "With the Ahmeds since May", "Foster care<br>With the Ahmeds since May", ": With"),
        ("family", "", "With family", "–"),
    ],
)
def test_where_they_live_is_said_once(client_for, key_worker, case, kind, details, shown, not_shown):
    young_person = case.young_person
    young_person.living_situation, young_person.living_details = kind, details
    young_person.save(update_fields=["living_situation", "living_details"])
    content = client_for(key_worker).get(url("detail", case)).content.decode()
    row = content[content.index("Where they live") :]
    row = row[: row.index("</dd>")]
    assert shown.replace("'", "&#x27;") in row and not_shown not in row
    assert row.count("home") <= 1


def test_a_case_cannot_be_linked_to_one_you_cannot_see(client_for, key_worker, case, outsider_case):
    response = client_for(key_worker).post(url("link-add", case), {"other": outsider_case.pk, "reason": "x"})
    assert response.status_code == 200
    assert "Choose one of the cases listed" in response.content.decode()
    assert not CaseLink.objects.exists()


def test_removing_a_link_needs_confirmation(client_for, manager, case, team):
    lily = CaseFactory(given_name="Lily", team=team)
    link = services.case_link(case=case, other=lily, reason="Friends", by=manager)
    client = client_for(manager)
    assert "Remove the link" in client.get(url("link-remove", case, link.pk)).content.decode()
    assert CaseLink.objects.exists()
    client.post(url("link-remove", case, link.pk))
    assert not CaseLink.objects.exists()


def test_audit_is_for_the_teams_managers(client_for, key_worker, manager, case):
    client_for(key_worker).get(url("detail", case))
    assert client_for(key_worker).get(url("audit", case)).status_code == 404
    audit_page = client_for(manager).get(url("audit", case)).content.decode()
    assert "case overview" in audit_page and "Jo Bennett" in audit_page
