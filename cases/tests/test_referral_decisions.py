"""The manager's three decisions on a referral, each its own page with its own confirmation step, and the
allocation of a key worker chosen with each worker's caseload in view."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from act.testing import assert_query_budget, count_queries
from cases import services
from cases.allocation import allocation_choices
from cases.models import AuditEvent, Case, Referral, Stage
from cases.tests.factories import CaseFactory, ReferralFactory, YoungPersonFactory

CONFIRMED = {"confirmed": "true"}


@pytest.fixture
def waiting(team):
    return ReferralFactory(team=team, given_name="Mia", family_name="Roberts", worries_details="Snapchat")


def url(action: str, referral: Referral) -> str:
    return reverse(f"referrals:{action}", args=[referral.pk])


def test_the_referral_offers_three_separate_decisions(client_for, manager, waiting):
    content = client_for(manager).get(reverse("referrals:detail", args=[waiting.pk])).content.decode()
    for action in ("accept", "signpost", "decline"):
        assert f'href="{url(action, waiting)}"' in content


@pytest.mark.parametrize(
    "action,data,button",
    [
        ("accept", None, "Accept and allocate"),
        ("signpost", {"service": "Early Help", "reason": "Family support first"}, "Signpost the referral"),
        ("decline", {"reason": "No worries of exploitation"}, "Decline the referral"),
    ],
)
def test_each_decision_asks_for_confirmation_before_anything_is_done(
    client_for, manager, key_worker, waiting, action, data, button
):
    client = client_for(manager)
    assert client.get(url(action, waiting)).status_code == 200
    data = data or {"key_worker": key_worker.pk}
    page = client.post(url(action, waiting), data)
    content = page.content.decode()
    assert page.status_code == 200 and button in content
    assert ("cannot be changed afterwards" in content) == (action != "accept")
    assert '<input type="hidden" name="confirmed" value="true">' in content
    for value in data.values():
        assert f'value="{value}"' in content  # carried to the confirmation, so nothing typed is lost
    waiting.refresh_from_db()
    assert waiting.status == Referral.Status.WAITING and not Case.objects.exists()

    done = client.post(url(action, waiting), {**data, **CONFIRMED})
    assert done.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status != Referral.Status.WAITING and waiting.decided_by == manager


def test_the_confirmation_pages_are_recorded_as_views_of_the_referral(client_for, manager, waiting):
    client = client_for(manager)
    client.get(url("decline", waiting))
    client.post(url("decline", waiting), {"reason": "Early help is better placed"})
    whats = list(
        AuditEvent.objects.filter(referral=waiting, action=AuditEvent.Action.VIEW)
        .order_by("pk")
        .values_list("what", flat=True)
    )
    assert whats == ["referral: decline", "referral: decline confirmation"]


@pytest.mark.parametrize(
    "action,data,message",
    [
        ("accept", {}, "Choose the key worker"),
        ("accept", {"key_worker": "999999"}, "Choose the key worker"),
        ("accept", {"key_worker": "<b>x</b>", **CONFIRMED}, "Choose the key worker"),
        ("signpost", {"service": "", "reason": "Kept"}, "Name the service you are signposting to"),
        ("signpost", {"service": "x" * 201, "reason": "Kept", **CONFIRMED}, "at most 200 characters"),
        ("decline", {"reason": "   ", **CONFIRMED}, "Give the reason for declining"),
        ("decline", {"reason": "y" * 2001}, "at most 2000 characters"),
    ],
)
def test_bad_input_is_refused_clearly_and_what_was_typed_is_kept(client_for, manager, waiting, action, data, message):
    response = client_for(manager).post(url(action, waiting), data)
    content = response.content.decode()
    assert response.status_code == 400 and "There is a problem" in content and message in content
    if "reason" in data and data["reason"].strip():
        assert data["reason"] in content
    waiting.refresh_from_db()
    assert waiting.status == Referral.Status.WAITING


def test_a_referral_decided_meanwhile_is_not_decided_twice(client_for, manager, waiting, key_worker):
    client = client_for(manager)
    client.post(url("signpost", waiting), {"service": "Early Help", "reason": "", **CONFIRMED})
    response = client.post(url("accept", waiting), {"key_worker": key_worker.pk, **CONFIRMED})
    assert response.status_code == 400 and "already been decided" in response.content.decode()
    assert client.get(url("decline", waiting))["Location"] == reverse("referrals:detail", args=[waiting.pk])
    waiting.refresh_from_db()
    assert waiting.status == Referral.Status.SIGNPOSTED and not Case.objects.exists()


def test_accepting_waits_for_the_possible_duplicate_to_be_answered(client_for, manager, team, key_worker):
    known = YoungPersonFactory(team=team, given_name="Mia")
    referral = ReferralFactory(team=team, given_name="Mia", possible_duplicate=known)
    assert client_for(manager).get(url("accept", referral))["Location"] == reverse(
        "referrals:detail", args=[referral.pk]
    )


@pytest.mark.parametrize("who", ["key_worker", "outsider", "partner_with_grant"])
def test_only_the_teams_managers_open_a_decision_page(request, client_for, waiting, who):
    client = client_for(request.getfixturevalue(who))
    for action in ("accept", "signpost", "decline"):
        assert client.get(url(action, waiting)).status_code == 404


def test_allocating_shows_each_workers_open_caseload_against_the_teams_capacity(
    client_for, manager, key_worker, team, waiting
):
    busy = UserFactory(username="busy", first_name="Sam", last_name="Busy", team=team)
    for _number in range(3):
        CaseFactory.create(team=team, key_worker=busy)
    closed = CaseFactory.create(team=team, key_worker=busy)
    services.case_close(case=closed, reason="Goals met", outcome="goals_met", by=manager)
    UserFactory(username="gone", first_name="Gone", team=team, is_active=False)
    UserFactory(username="coordinator", first_name="Coord", team=team, role=User.Role.PLAN_COORDINATOR)

    choices = {choice.worker: choice.open_cases for choice in allocation_choices(waiting)}
    assert choices == {busy: 3, key_worker: 0, manager: 0}
    content = client_for(manager).get(url("accept", waiting)).content.decode()
    assert "3 open cases." in content and "0 open cases." in content
    assert f"{team} holds 3 open cases of its capacity of {team.case_capacity}." in content
    assert "Gone" not in content and "Coord" not in content


def test_allocating_marks_who_already_works_with_the_young_person_and_linked_young_people(
    client_for, manager, key_worker, team
):
    friend_worker = UserFactory(username="friend-worker", first_name="Ali", team=team)
    former = UserFactory(username="former", first_name="Pat", team=team)
    earlier = CaseFactory.create(given_name="Mia", team=team, key_worker=former)
    services.case_close(case=earlier, reason="Moved away", outcome="moved_away", by=manager)
    mia = earlier.young_person
    current = CaseFactory.create(team=team, key_worker=key_worker, young_person=mia)
    friend = CaseFactory.create(given_name="Destiny", team=team, key_worker=friend_worker)
    services.case_link(case=current, other=friend, reason="Go missing together", by=manager)
    referral = ReferralFactory(team=team, given_name="Mia", possible_duplicate=mia, duplicate_choice="linked")

    hints = {choice.worker: choice.hint for choice in allocation_choices(referral)}
    assert hints[key_worker] == f"1 open case. Key worker of {mia} now."
    assert hints[former] == f"0 open cases. Was key worker of {mia}."
    assert hints[friend_worker] == f"1 open case. Works with {friend.young_person} (a linked case)."
    assert hints[manager] == "0 open cases."
    content = client_for(manager).get(url("accept", referral)).content.decode()
    assert f"Works with {friend.young_person} (a linked case)." in content


def test_a_referral_kept_separate_marks_nobody(manager, key_worker, team):
    mia = CaseFactory.create(given_name="Mia", team=team, key_worker=key_worker).young_person
    referral = ReferralFactory(team=team, given_name="Mia", possible_duplicate=mia, duplicate_choice="separate")
    assert {choice.hint for choice in allocation_choices(referral)} == {"0 open cases.", "1 open case."}


def test_the_allocation_page_makes_the_same_queries_however_many_workers_and_cases(client_for, manager, team, waiting):
    client = client_for(manager)

    def add(count):
        for _number in range(count):
            CaseFactory.create(team=team, key_worker=UserFactory(team=team))

    add(2)
    few = count_queries(client, url("accept", waiting))
    add(20)
    assert count_queries(client, url("accept", waiting)) == few


def test_the_referral_list_puts_the_urgent_first_then_the_longest_waiting(client_for, manager, team):
    now = timezone.now()
    ReferralFactory(team=team, given_name="Newest", received_at=now - timedelta(hours=3), urgency="routine")
    ReferralFactory(team=team, given_name="Oldest", received_at=now - timedelta(days=6), urgency="soon")
    ReferralFactory(team=team, given_name="Urgent", received_at=now - timedelta(minutes=20), urgency="urgent")
    content = client_for(manager).get(reverse("referrals:list")).content.decode().replace("\xa0", " ")
    assert content.index("Urgent") < content.index("Oldest") < content.index("Newest")
    assert "Waiting 3 hours" in content and "Waiting 20 minutes" in content
    assert "working days over target" in content and "Overdue" in content


def test_the_referral_list_makes_the_same_queries_however_many_referrals(client_for, manager, team):
    def add(count):
        ReferralFactory.create_batch(count, team=team, urgency="urgent")
        ReferralFactory.create_batch(count, team=team, received_at=timezone.now() - timedelta(days=5))

    assert_query_budget(client_for(manager), reverse("referrals:list"), add_rows=add, budget=12, large=60)


def test_an_accepted_referral_opens_for_the_allocated_worker_with_every_word(client_for, manager, team, waiting):
    worker2 = UserFactory(username="worker2", team=team)
    client_for(manager).post(url("accept", waiting), {"key_worker": worker2.pk, **CONFIRMED})
    page = client_for(worker2).get(reverse("referrals:detail", args=[waiting.pk]))
    assert page.status_code == 200 and "Snapchat" in page.content.decode()
    assert "Open the case" in page.content.decode()


def test_a_partner_on_the_case_sees_the_referral_without_the_referrers_words(
    client_for, manager, key_worker, partner_with_grant, case, team
):
    referral = ReferralFactory(
        team=team, status="accepted", case=case, worries_details="Seen with older men", referrer_contact="07700 900123"
    )
    page = client_for(partner_with_grant).get(reverse("referrals:detail", args=[referral.pk]))
    content = page.content.decode()
    assert page.status_code == 200 and referral.referrer_agency in content
    assert "Seen with older men" not in content and "07700 900123" not in content
    assert "seen by the key worker and the team's managers" in content
    assert case.stage != Stage.CLOSED
