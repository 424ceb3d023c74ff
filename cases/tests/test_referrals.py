import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import PartnerFactory, UserFactory
from act.testing import assert_query_budget
from cases import access
from cases.models import Case, Referral, YoungPerson
from cases.models.referral import add_working_days
from cases.tests.factories import CaseFactory, ReferralFactory, YoungPersonFactory

FORM = {
    "given_name": "Mia",
    "family_name": "Roberts",
    "date_of_birth_0": "2",
    "date_of_birth_1": "4",
    "date_of_birth_2": "2012",
    "living_situation": "foster_care",
    "education_setting": "Falinge Park High School",
    "referrer_name": "Dee Shaw",
    "referrer_agency": "Falinge Park High School",
    "referrer_contact": "d.shaw@school.example",
    "worries": ["online", "older_peers"],
    "worries_details": "Talking to adults on Snapchat",
    "going_well": "Loves art",
    "young_person_knows": "yes",
    "parent_knows": "not_sure",
    "urgency": "soon",
    "consent": "Mia agreed to meet an ACT worker",
    "anything_else": "Text before calling",
}

# The second step of a decision: the answers sent again from the confirmation page.
CONFIRMED = {"confirmed": "true"}


@pytest.fixture
def waiting(team):
    return ReferralFactory(team=team, given_name="Mia", family_name="Roberts")


def test_any_staff_member_can_refer(client_for, key_worker, team):
    response = client_for(key_worker).post(reverse("referrals:new"), FORM)
    referral = Referral.objects.get()
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    assert referral.team == team and referral.created_by == key_worker
    assert referral.worries == ["online", "older_peers"] and referral.date_of_birth == date(2012, 4, 2)
    assert referral.status == Referral.Status.WAITING
    assert (referral.consent, referral.anything_else) == ("Mia agreed to meet an ACT worker", "Text before calling")


def test_a_partner_without_a_team_chooses_the_team(client_for, partner_without_grant, team):
    client = client_for(partner_without_grant)
    assert "Which ACT team is this for?" in client.get(reverse("referrals:new")).content.decode()
    client.post(reverse("referrals:new"), {**FORM, "team": team.pk})
    assert Referral.objects.get().team == team


@pytest.mark.parametrize(
    "change,message",
    [
        ({"given_name": ""}, "Enter their first name"),
        ({"worries": []}, "Select at least one worry"),
        ({"worries": ["aliens"]}, "Select at least one worry"),
        ({"urgency": ""}, "Say how urgent it is"),
        ({"young_person_knows": "perhaps"}, "Say whether the young person knows"),
        ({"date_of_birth_2": "2090"}, "The date cannot be in the future"),
        ({"date_of_birth_1": "13"}, "Enter a real date"),
        ({"referrer_contact": ""}, "Enter a phone number or email address"),
        ({"living_situation": ""}, "Say where they live now"),
    ],
)
def test_a_bad_referral_is_refused_with_a_clear_message(client_for, key_worker, change, message):
    response = client_for(key_worker).post(reverse("referrals:new"), {**FORM, **change})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    assert "Talking to adults on Snapchat" in content
    assert not Referral.objects.exists()


def test_an_empty_referral_form_shows_errors(client_for, key_worker):
    response = client_for(key_worker).post(reverse("referrals:new"), {})
    assert "There is a problem" in response.content.decode()
    assert not Referral.objects.exists()


def test_same_name_and_birthday_is_flagged_as_a_possible_duplicate(client_for, key_worker, team):
    known = YoungPersonFactory(team=team, given_name="mia", family_name="ROBERTS", date_of_birth=date(2012, 4, 2))
    client_for(key_worker).post(reverse("referrals:new"), FORM)
    assert Referral.objects.get().possible_duplicate == known


def test_a_young_person_of_another_team_is_not_a_duplicate(client_for, key_worker, other_team):
    YoungPersonFactory(team=other_team, given_name="Mia", family_name="Roberts", date_of_birth=date(2012, 4, 2))
    client_for(key_worker).post(reverse("referrals:new"), FORM)
    assert Referral.objects.get().possible_duplicate is None


def test_managers_see_waiting_referrals_longest_waiting_first(client_for, manager, team):
    now = timezone.now()
    ReferralFactory(team=team, given_name="Newer", received_at=now - timedelta(hours=1))
    ReferralFactory(team=team, given_name="Older", received_at=now - timedelta(days=2))
    content = client_for(manager).get(reverse("referrals:list")).content.decode()
    assert content.index("Older") < content.index("Newer")
    assert "Overdue" in content


def test_workers_see_only_the_referrals_they_made(client_for, key_worker, team):
    ReferralFactory(team=team, given_name="Someone", created_by=None)
    mine = ReferralFactory(team=team, given_name="Mine", created_by=key_worker)
    content = client_for(key_worker).get(reverse("referrals:list")).content.decode()
    assert "Mine" in content and "Someone" not in content
    assert client_for(key_worker).get(reverse("referrals:detail", args=[mine.pk])).status_code == 200


@pytest.mark.parametrize("who", ["key_worker", "outsider", "partner_without_grant", "administrator"])
def test_only_the_teams_managers_open_and_decide_a_referral(request, client_for, waiting, who, team):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("referrals:detail", args=[waiting.pk])).status_code == 404
    for action in ("accept", "decline", "signpost", "duplicate"):
        response = client.post(reverse(f"referrals:{action}", args=[waiting.pk]), {"reason": "x", "service": "y"})
        assert response.status_code == 404
    waiting.refresh_from_db()
    assert waiting.status == Referral.Status.WAITING


def test_another_teams_manager_gets_404(client_for, waiting, other_team):
    other_manager = UserFactory(role=User.Role.MANAGER, team=other_team)
    assert client_for(other_manager).get(reverse("referrals:detail", args=[waiting.pk])).status_code == 404


def test_manager_accepts_and_allocates(client_for, manager, waiting, team):
    worker2 = UserFactory(username="worker2", team=team)
    response = client_for(manager).post(
        reverse("referrals:accept", args=[waiting.pk]), {"key_worker": worker2.pk, **CONFIRMED}
    )
    waiting.refresh_from_db()
    case = Case.objects.get(young_person__given_name="Mia")
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    assert waiting.status == Referral.Status.ACCEPTED and waiting.case == case and waiting.decided_by == manager
    assert case.key_worker == worker2 and access.can_change(worker2, case)
    assert case.young_person.date_of_birth == waiting.date_of_birth
    assert waiting.decided_within_target


def test_accepting_beyond_capacity_asks_for_a_reason(client_for, manager, waiting, team, key_worker):
    team.case_capacity = 1
    team.save()
    CaseFactory(team=team, key_worker=key_worker)
    client = client_for(manager)
    refused = client.post(reverse("referrals:accept", args=[waiting.pk]), {"key_worker": key_worker.pk})
    assert refused.status_code == 400
    assert "Give a reason to accept beyond the team" in refused.content.decode()
    assert not Case.objects.filter(young_person__given_name="Mia").exists()
    client.post(
        reverse("referrals:accept", args=[waiting.pk]),
        {"key_worker": key_worker.pk, "over_capacity_reason": "Sibling of a current case", **CONFIRMED},
    )
    waiting.refresh_from_db()
    assert waiting.status == Referral.Status.ACCEPTED and waiting.over_capacity_reason == "Sibling of a current case"


def test_allocating_a_worker_of_another_team_is_refused(client_for, manager, waiting, outsider):
    response = client_for(manager).post(reverse("referrals:accept", args=[waiting.pk]), {"key_worker": outsider.pk})
    assert response.status_code == 400
    waiting.refresh_from_db()
    assert waiting.status == Referral.Status.WAITING


def test_decline_needs_a_reason(client_for, manager, waiting):
    client = client_for(manager)
    assert (
        "Give the reason for declining"
        in client.post(reverse("referrals:decline", args=[waiting.pk]), {}).content.decode()
    )
    client.post(
        reverse("referrals:decline", args=[waiting.pk]), {"reason": "Not CSE related; early help better", **CONFIRMED}
    )
    waiting.refresh_from_db()
    assert waiting.status == Referral.Status.DECLINED and waiting.decision_reason.startswith("Not CSE")


def test_signpost_names_the_service(client_for, manager, waiting):
    client = client_for(manager)
    assert (
        "Name the service"
        in client.post(reverse("referrals:signpost", args=[waiting.pk]), {"service": ""}).content.decode()
    )
    client.post(reverse("referrals:signpost", args=[waiting.pk]), {"service": "Early help", "reason": "", **CONFIRMED})
    waiting.refresh_from_db()
    assert waiting.status == Referral.Status.SIGNPOSTED and waiting.signposted_to == "Early help"


def test_each_form_on_a_referrals_page_has_ids_of_its_own(client_for, manager, waiting):
    # Declining and signposting both ask for a reason: each label and error link must find its own box.
    client = client_for(manager)
    for name in ("detail", "accept", "decline", "signpost"):
        page = client.get(reverse(f"referrals:{name}", args=[waiting.pk])).content.decode()
        ids = re.findall(r'\sid="([^"]+)"', page)
        assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    page = client.get(reverse("referrals:decline", args=[waiting.pk])).content.decode()
    assert 'for="decline-reason"' in page
    refused = client.post(reverse("referrals:decline", args=[waiting.pk]), {}).content.decode()
    assert 'href="#decline-reason"' in refused and 'id="decline-reason"' in refused


def test_a_decided_referral_cannot_be_decided_again(client_for, manager, waiting, key_worker):
    client = client_for(manager)
    client.post(reverse("referrals:decline", args=[waiting.pk]), {"reason": "No", **CONFIRMED})
    response = client.post(reverse("referrals:accept", args=[waiting.pk]), {"key_worker": key_worker.pk, **CONFIRMED})
    assert response.status_code == 400
    waiting.refresh_from_db()
    assert (
        waiting.status == Referral.Status.DECLINED and not Case.objects.filter(young_person__given_name="Mia").exists()
    )


def test_a_possible_duplicate_must_be_resolved_before_accepting(client_for, manager, team, key_worker):
    known_case = CaseFactory(given_name="Mia", team=team, key_worker=key_worker)
    yp = known_case.young_person
    referral = ReferralFactory(
        team=team, given_name="Mia", family_name=yp.family_name, date_of_birth=yp.date_of_birth, possible_duplicate=yp
    )
    client = client_for(manager)
    accept = reverse("referrals:accept", args=[referral.pk])
    assert client.post(accept, {"key_worker": key_worker.pk, **CONFIRMED}).status_code == 400
    client.post(reverse("referrals:duplicate", args=[referral.pk]), {"choice": "linked"})
    response = client.post(accept, {"key_worker": key_worker.pk, **CONFIRMED})
    assert response["Location"] == reverse("cases:detail", args=[known_case.pk])
    assert YoungPerson.objects.filter(given_name="Mia").count() == 1


def test_keeping_a_possible_duplicate_separate_makes_a_new_young_person(client_for, manager, team, key_worker):
    yp = YoungPersonFactory(team=team, given_name="Mia", family_name="Roberts", date_of_birth=date(2012, 4, 2))
    referral = ReferralFactory(
        team=team, given_name="Mia", family_name="Roberts", date_of_birth=date(2012, 4, 2), possible_duplicate=yp
    )
    client = client_for(manager)
    assert client.post(reverse("referrals:duplicate", args=[referral.pk]), {"choice": "maybe"}).status_code == 400
    client.post(reverse("referrals:duplicate", args=[referral.pk]), {"choice": "separate"})
    client.post(reverse("referrals:accept", args=[referral.pk]), {"key_worker": key_worker.pk, **CONFIRMED})
    assert YoungPerson.objects.filter(given_name="Mia").count() == 2


def test_the_decision_target_is_one_working_day():
    friday = datetime(2026, 11, 20, 16, 0, tzinfo=ZoneInfo("Europe/London"))
    assert add_working_days(friday, 1).weekday() == 0  # Monday
    tuesday = datetime(2026, 11, 24, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    assert add_working_days(tuesday, 1).date() == date(2026, 11, 25)


def test_referrals_page_query_count_does_not_grow(client_for, manager, team):
    def add(n):
        ReferralFactory.create_batch(n, team=team)

    assert_query_budget(client_for(manager), reverse("referrals:list"), add_rows=add, budget=12)


def test_partner_makes_a_referral_and_follows_it(client_for, team):
    partner = PartnerFactory()
    client = client_for(partner)
    client.post(reverse("referrals:new"), {**FORM, "team": team.pk})
    referral = Referral.objects.get()
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 200
    assert "Referral" in client.get(reverse("referrals:list")).content.decode()
