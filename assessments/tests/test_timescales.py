"""The assessment's timescale (proposed by the key worker, agreed by the manager) and the first full
picture: who sees and changes them, what the forms refuse, and that every version is kept."""

import re

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from act.testing import assert_closed_case_refused, assert_query_budget
from assessments import services
from assessments.models import Assessment, TimescaleAgreement
from cases.models import AuditEvent

from .helpers import (
    BAD_WEEKS,
    LOOKERS,
    NOT_CHANGERS,
    STRANGERS,
    close,
    date_fields,
    in_days,
    propose,
    url,
    versions,
)

Status = TimescaleAgreement.Status


def proposal_data(**changes):
    data = {
        "weeks": "8",
        "strategy": "Meet after school at the skate park on Tuesdays; then lunch at the café she likes.",
        **date_fields("target_date", in_days(70)),
    }
    data.update(changes)
    return data


def agree_data(comment=""):
    return {"decision": "agree", "comment": comment}


def change_data(proposal, **changes):
    data = {
        "decision": "change",
        "weeks": str(proposal.getting_to_know_weeks),
        "strategy": proposal.engagement_strategy,
        **date_fields("target_date", proposal.target_date),
        "comment": "",
    }
    data.update(changes)
    return data


# Who sees the page


@pytest.mark.parametrize("who", LOOKERS)
def test_everyone_who_may_see_the_case_sees_the_timescale_and_the_view_is_recorded(request, client_for, case, who):
    person = request.getfixturevalue(who)
    assert client_for(person).get(url("timescales", case)).status_code == 200
    assert AuditEvent.objects.filter(case=case, user=person, action="view", what="assessment timescales").exists()


@pytest.mark.parametrize("who", STRANGERS)
def test_people_who_may_not_see_the_case_get_404_for_the_timescale_and_nothing_is_recorded(
    request, client_for, case, who
):
    person = request.getfixturevalue(who)
    assert client_for(person).get(url("timescales", case)).status_code == 404
    assert not AuditEvent.objects.filter(case=case, user=person).exists()


def test_a_partner_with_a_grant_sees_the_timescale_but_no_way_to_change_it(
    client_for, case, partner_with_grant, key_worker
):
    propose(case, key_worker)
    content = client_for(partner_with_grant).get(url("timescales", case)).content.decode()
    assert "Skate park on Tuesdays" in content
    assert "Send a new proposal" not in content and 'name="strategy"' not in content
    assert "Mark the first full picture as reached" not in content
    assert "Agree or change the proposal" not in content


# Proposing a timescale


def test_key_worker_proposes_a_timescale_and_it_waits_for_the_manager(client_for, case, key_worker):
    response = client_for(key_worker).post(url("timescales", case), proposal_data())
    assert response.status_code == 302
    (proposal,) = versions(case)
    assert proposal.status == Status.PROPOSED and proposal.created_by == key_worker
    assert proposal.getting_to_know_weeks == 8 and proposal.target_date == in_days(70)
    assert proposal.engagement_strategy.startswith("Meet after school at the skate park")
    assert AuditEvent.objects.filter(case=case, user=key_worker, what="assessment timescale proposed").exists()
    content = client_for(key_worker).get(url("timescales", case)).content.decode()
    assert "Waiting for the manager" in content
    assert "Nothing agreed yet: the proposal above is waiting for the manager." in content


def test_the_manager_sees_a_waiting_proposal_with_a_way_to_decide(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker)
    content = client_for(manager).get(url("timescales", case)).content.decode()
    assert url("timescale-decide", case, proposal.pk) in content
    assert (
        url("timescale-decide", case, proposal.pk)
        not in client_for(key_worker).get(url("timescales", case)).content.decode()
    )


@pytest.mark.parametrize(
    "changes,message",
    [
        *[({"weeks": weeks}, message) for weeks, message in BAD_WEEKS],
        ({"strategy": "   "}, "Describe the engagement strategy: where, when, and doing what"),
        (date_fields("target_date", in_days(-1)), "The date must be in the future"),
        (date_fields("target_date", in_days(0)), "The date must be in the future"),
        ({"target_date_0": "31", "target_date_1": "2", "target_date_2": str(in_days(400).year)}, "Enter a real date"),
        ({"target_date_0": "ab", "target_date_1": "cd", "target_date_2": "efgh"}, "Enter a real date"),
        ({"target_date_0": "", "target_date_1": "", "target_date_2": ""}, "Enter the day, month and year"),
        ({"target_date_0": "1", "target_date_1": "", "target_date_2": "2030"}, "Enter the day, month and year"),
        (date_fields("target_date", in_days(365 * 3)), "Enter a date within the next 2 years"),
    ],
)
def test_a_bad_proposal_is_refused_with_a_clear_message_and_nothing_typed_is_lost(
    client_for, case, key_worker, changes, message
):
    response = client_for(key_worker).post(url("timescales", case), proposal_data(**changes))
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    if "strategy" not in changes:
        assert "skate park on Tuesdays" in content
    assert versions(case) == []


def test_an_empty_proposal_shows_every_problem(client_for, case, key_worker):
    response = client_for(key_worker).post(url("timescales", case), {})
    content = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in content
    assert "Enter the number of weeks" in content
    assert "Describe the engagement strategy" in content
    assert "Enter the day, month and year" in content
    assert versions(case) == []


@pytest.mark.parametrize("who", NOT_CHANGERS)
def test_people_who_may_not_change_the_case_cannot_propose(request, client_for, case, who):
    response = client_for(request.getfixturevalue(who)).post(url("timescales", case), proposal_data())
    assert response.status_code == 404
    assert versions(case) == []


def test_proposing_again_replaces_the_waiting_proposal_and_both_are_kept(client_for, case, key_worker):
    client = client_for(key_worker)
    client.post(url("timescales", case), proposal_data(weeks="8"))
    client.post(url("timescales", case), proposal_data(weeks="10"))
    assert [(v.status, v.getting_to_know_weeks) for v in versions(case)] == [
        (Status.PROPOSED, 8),
        (Status.PROPOSED, 10),
    ]
    content = client.get(url("timescales", case)).content.decode()
    assert content.count("Waiting for the manager") >= 2  # the banner and the newest version
    assert "Replaced by a newer proposal" in content
    assert "Send a new proposal" in content


def test_the_proposal_form_starts_from_the_proposal_on_the_table(client_for, case, key_worker):
    propose(case, key_worker, weeks=9, strategy="Cinema on Saturdays")
    content = client_for(key_worker).get(url("timescales", case)).content.decode()
    assert 'value="9"' in content and "Cinema on Saturdays</textarea>" in content


# The manager's decision


def test_the_manager_agrees_the_proposal_as_it_is(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker)
    response = client_for(manager).post(url("timescale-decide", case, proposal.pk), agree_data())
    assert response.status_code == 302
    first, decision = versions(case)
    assert first.pk == proposal.pk and first.status == Status.PROPOSED  # the proposal is kept as it was
    assert decision.status == Status.AGREED and decision.created_by == manager
    assert (decision.getting_to_know_weeks, decision.engagement_strategy, decision.target_date) == (
        proposal.getting_to_know_weeks,
        proposal.engagement_strategy,
        proposal.target_date,
    )
    assert AuditEvent.objects.filter(case=case, user=manager, what="assessment timescale agreed").exists()
    content = client_for(key_worker).get(url("timescales", case)).content.decode()
    assert "Agreed by the manager" in content and "Waiting for the manager" not in content


def test_agreeing_takes_the_proposal_as_it_is_with_an_optional_comment(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker)
    data = {**agree_data("Good plan"), "weeks": "99", "strategy": "", "target_date_0": "xx"}
    assert client_for(manager).post(url("timescale-decide", case, proposal.pk), data).status_code == 302
    decision = versions(case)[-1]
    assert decision.status == Status.AGREED and decision.getting_to_know_weeks == 8 and decision.comment == "Good plan"


def test_the_manager_changes_the_proposal_with_a_comment(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker)
    data = change_data(
        proposal,
        weeks="12",
        comment="She has had many workers: give it longer.",
        **date_fields("target_date", in_days(100)),
    )
    response = client_for(manager).post(url("timescale-decide", case, proposal.pk), data)
    assert response.status_code == 302
    decision = versions(case)[-1]
    assert decision.status == Status.CHANGED and decision.getting_to_know_weeks == 12
    assert decision.target_date == in_days(100) and decision.engagement_strategy == proposal.engagement_strategy
    assert decision.comment == "She has had many workers: give it longer."
    content = client_for(key_worker).get(url("timescales", case)).content.decode()
    assert "Changed by the manager" in content and "What the manager changed" in content
    assert "She has had many workers: give it longer." in content


def test_a_change_without_a_comment_is_refused_with_a_clear_message(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker)
    data = change_data(proposal, weeks="12", comment="  ")
    response = client_for(manager).post(url("timescale-decide", case, proposal.pk), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and "Say why you are changing the timescale" in content
    assert 'value="12"' in content  # what was typed is kept
    assert versions(case) == [proposal]


def test_a_change_that_changes_nothing_is_refused(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker)
    data = change_data(proposal, comment="Fine")
    response = client_for(manager).post(url("timescale-decide", case, proposal.pk), data)
    assert response.status_code == 200
    assert "You have not changed anything" in response.content.decode()
    assert versions(case) == [proposal]


@pytest.mark.parametrize(
    "changes,message",
    [
        *[({"weeks": weeks}, message) for weeks, message in BAD_WEEKS],
        ({"strategy": ""}, "Describe the engagement strategy"),
        (date_fields("target_date", in_days(-3)), "The date must be in the future"),
        ({"target_date_1": "13"}, "Enter a real date"),
        ({"target_date_0": "", "target_date_1": "", "target_date_2": ""}, "Enter the day, month and year"),
    ],
)
def test_a_bad_change_is_refused_with_a_clear_message(client_for, case, key_worker, manager, changes, message):
    proposal = propose(case, key_worker)
    data = change_data(proposal, comment="Needs longer", **changes)
    response = client_for(manager).post(url("timescale-decide", case, proposal.pk), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    assert "Needs longer" in content  # the comment typed is kept
    assert versions(case) == [proposal]


def test_an_empty_decision_shows_what_a_change_needs(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker)
    response = client_for(manager).post(url("timescale-decide", case, proposal.pk), {})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter the number of weeks" in content and "Say why you are changing the timescale" in content
    assert versions(case) == [proposal]


@pytest.mark.parametrize("who", ["key_worker", *NOT_CHANGERS, "other_manager"])
def test_only_the_teams_manager_decides_a_timescale(request, client_for, case, key_worker, other_team, who):
    if who == "other_manager":
        person = UserFactory(username="wigan-manager", role=User.Role.MANAGER, team=other_team)
    else:
        person = request.getfixturevalue(who)
    proposal = propose(case, key_worker)
    client = client_for(person)
    assert client.get(url("timescale-decide", case, proposal.pk)).status_code == 404
    assert client.post(url("timescale-decide", case, proposal.pk), agree_data()).status_code == 404
    assert versions(case) == [proposal]


def test_the_decision_page_shows_the_proposal(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker, strategy="Walks by the canal")
    response = client_for(manager).get(url("timescale-decide", case, proposal.pk))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Agree the timescale" in content and "Walks by the canal" in content
    assert 'value="agree"' in content and 'value="change"' in content
    assert content.count('name="comment"') == 2 and 'id="agree_comment"' in content and 'id="id_comment"' in content


def test_a_replaced_proposal_cannot_be_decided(client_for, case, key_worker, manager):
    old = propose(case, key_worker, weeks=8)
    newer = propose(case, key_worker, weeks=10)
    client = client_for(manager)
    assert client.get(url("timescale-decide", case, old.pk)).status_code == 302
    response = client.post(url("timescale-decide", case, old.pk), agree_data())
    assert response.status_code == 302
    assert versions(case) == [old, newer]


def test_a_decision_is_not_decided_again(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker)
    agreed = services.timescale_decide(proposal=proposal, by=manager)
    assert client_for(manager).get(url("timescale-decide", case, agreed.pk)).status_code == 404


def test_a_proposal_of_another_case_is_not_found_through_this_one(client_for, case, key_worker, manager, team):
    from cases.tests.factories import CaseFactory

    other = CaseFactory(given_name="Lily", team=team, key_worker=key_worker)
    proposal = propose(other, key_worker)
    assert client_for(manager).get(url("timescale-decide", case, proposal.pk)).status_code == 404


def test_every_version_is_kept_and_shown_newest_first(client_for, case, key_worker, manager):
    first = propose(case, key_worker, weeks=6, strategy="First idea")
    services.timescale_decide(proposal=first, by=manager)
    second = propose(case, key_worker, weeks=9, strategy="Second idea")
    services.timescale_decide(proposal=second, by=manager, weeks=11, comment="Longer, please")
    assert [(v.status, v.getting_to_know_weeks) for v in versions(case)] == [
        (Status.PROPOSED, 6),
        (Status.AGREED, 6),
        (Status.PROPOSED, 9),
        (Status.CHANGED, 11),
    ]
    content = client_for(key_worker).get(url("timescales", case)).content.decode()
    history = content[content.index("Every version") :]
    assert re.findall(r"Version (\d+)\b", history) == ["4", "3", "2", "1"]
    assert "Second idea" in history and "First idea" in history
    assert "Longer, please" in history
    agreed = content[content.index('id="agreed"') : content.index("Every version")]
    assert "11 weeks" in agreed and "Changed by the manager" in agreed


def test_a_new_proposal_leaves_the_agreed_timescale_in_place_until_it_is_agreed(client_for, case, key_worker, manager):
    first = propose(case, key_worker, weeks=6)
    services.timescale_decide(proposal=first, by=manager)
    propose(case, key_worker, weeks=12, strategy="New plan")
    content = client_for(key_worker).get(url("timescales", case)).content.decode()
    agreed = content[content.index('id="agreed"') : content.index("First full picture</h3>")]
    assert "6 weeks" in agreed
    assert 'id="waiting"' in content and "12 weeks to get to know them" in content


# The first full picture


def test_the_key_worker_marks_the_first_full_picture_as_reached(client_for, case, key_worker):
    response = client_for(key_worker).post(url("first-picture", case))
    assert response.status_code == 302
    assessment = Assessment.objects.get(case=case)
    assert assessment.first_picture_at is not None
    assert AuditEvent.objects.filter(
        case=case, user=key_worker, action="change", what="assessment: first full picture reached"
    ).exists()
    content = client_for(key_worker).get(url("timescales", case)).content.decode()
    assert "Reached on" in content and "Mark the first full picture as reached" not in content


def test_marking_the_first_full_picture_again_keeps_the_first_date(client_for, case, key_worker):
    client = client_for(key_worker)
    client.post(url("first-picture", case))
    first = Assessment.objects.get(case=case).first_picture_at
    client.post(url("first-picture", case))
    assert Assessment.objects.get(case=case).first_picture_at == first
    assert AuditEvent.objects.filter(case=case, what="assessment: first full picture reached").count() == 1


def test_the_first_full_picture_is_marked_only_by_post(client_for, case, key_worker):
    assert client_for(key_worker).get(url("first-picture", case)).status_code == 405
    assert Assessment.objects.get(case=case).first_picture_at is None


@pytest.mark.parametrize("who", NOT_CHANGERS)
def test_people_who_may_not_change_the_case_cannot_mark_the_first_full_picture(request, client_for, case, who):
    assert client_for(request.getfixturevalue(who)).post(url("first-picture", case)).status_code == 404
    assert Assessment.objects.get(case=case).first_picture_at is None


def test_a_past_target_without_the_first_full_picture_is_shown_in_red(client_for, case, key_worker, manager):
    agreed = services.timescale_decide(proposal=propose(case, key_worker), by=manager)
    TimescaleAgreement.objects.filter(pk=agreed.pk).update(target_date=in_days(-2))
    content = client_for(key_worker).get(url("timescales", case)).content.decode()
    assert "govuk-tag--red" in content and "Past the target date" in content


# A closed case is read-only


def test_the_timescale_of_a_closed_case_can_be_read_but_not_changed(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker)
    close(case, key_worker)
    worker = client_for(key_worker)
    timescales = worker.get(url("timescales", case)).content.decode()
    assert "The case is closed" in timescales and 'name="strategy"' not in timescales
    assert_closed_case_refused(worker.post(url("timescales", case), proposal_data()))
    assert_closed_case_refused(worker.post(url("first-picture", case)))
    boss = client_for(manager)
    assert_closed_case_refused(boss.post(url("timescale-decide", case, proposal.pk), agree_data()))
    assert boss.get(url("timescale-decide", case, proposal.pk)).url == reverse("cases:detail", args=[case.pk])
    assert versions(case) == [proposal]
    assert Assessment.objects.get(case=case).first_picture_at is None


# The size of the page


def test_the_timescale_page_makes_the_same_queries_however_many_versions(client_for, case, key_worker, manager):
    def add(n):
        for _ in range(n):
            proposal = propose(case, key_worker)
            services.timescale_decide(proposal=proposal, by=manager)

    assert_query_budget(client_for(manager), url("timescales", case), add_rows=add, budget=17, small=3, large=30)
