"""The assessment's timescale (proposed by the key worker, agreed by the manager), the first full picture,
and review points: who sees and changes them, what the forms refuse, and that every version is kept."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import UserFactory
from act.testing import assert_closed_case_refused, assert_query_budget
from assessments import services
from assessments.models import Assessment, ReviewPoint, TimescaleAgreement
from assessments.sections import Audience, SectionKind
from assessments.views.reviews import readable_snapshot
from cases import services as case_services
from cases.models import AuditEvent

S = TimescaleAgreement.Status
LOOKERS = ["key_worker", "manager", "partner_with_grant"]
STRANGERS = ["outsider", "partner_without_grant", "administrator"]
NOT_CHANGERS = ["partner_with_grant", *STRANGERS]


def url(name, case, *args):
    return reverse(f"assessments:{name}", args=[case.pk, *args])


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def date_fields(name, value):
    return {f"{name}_0": str(value.day), f"{name}_1": str(value.month), f"{name}_2": str(value.year)}


def proposal_data(**changes):
    data = {
        "weeks": "8",
        "strategy": "Meet after school at the skate park on Tuesdays; then lunch at the café she likes.",
        **date_fields("target_date", in_days(70)),
    }
    data.update(changes)
    return data


def propose(case, by, weeks=8, strategy="Skate park on Tuesdays", days=70):
    return services.timescale_propose(
        assessment=case.assessment, weeks=weeks, strategy=strategy, target_date=in_days(days), by=by
    )


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


def versions(case):
    return list(TimescaleAgreement.objects.filter(assessment__case=case).order_by("created_at", "pk"))


def open_review(case):
    return ReviewPoint.objects.get(assessment__case=case, held_at__isnull=True)


def close(case, by):
    case_services.case_close(case=case, reason="Goals met", outcome="goals_met", by=by)


# Who sees the pages


@pytest.mark.parametrize("page", ["timescales", "reviews"])
@pytest.mark.parametrize("who", LOOKERS)
def test_everyone_who_may_see_the_case_sees_the_page_and_the_view_is_recorded(request, client_for, case, who, page):
    person = request.getfixturevalue(who)
    response = client_for(person).get(url(page, case))
    assert response.status_code == 200
    what = {"timescales": "assessment timescales", "reviews": "assessment reviews"}[page]
    assert AuditEvent.objects.filter(case=case, user=person, action="view", what=what).exists()


@pytest.mark.parametrize("page", ["timescales", "reviews"])
@pytest.mark.parametrize("who", STRANGERS)
def test_people_who_may_not_see_the_case_get_404_and_nothing_is_recorded(request, client_for, case, who, page):
    person = request.getfixturevalue(who)
    assert client_for(person).get(url(page, case)).status_code == 404
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


def test_a_partner_with_a_grant_sees_the_reviews_but_no_forms(client_for, case, partner_with_grant):
    content = client_for(partner_with_grant).get(url("reviews", case)).content.decode()
    assert "Next review" in content
    assert 'name="what_changed"' not in content and "Change the interval" not in content


# Proposing a timescale


def test_key_worker_proposes_a_timescale_and_it_waits_for_the_manager(client_for, case, key_worker):
    response = client_for(key_worker).post(url("timescales", case), proposal_data())
    assert response.status_code == 302
    (proposal,) = versions(case)
    assert proposal.status == S.PROPOSED and proposal.created_by == key_worker
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
        ({"weeks": "0"}, "Enter a number of weeks from 1 to 26"),
        ({"weeks": "27"}, "Enter a number of weeks from 1 to 26"),
        ({"weeks": "six"}, "Enter the number of weeks as a whole number, like 6"),
        ({"weeks": ""}, "Enter the number of weeks"),
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
    assert [(v.status, v.getting_to_know_weeks) for v in versions(case)] == [(S.PROPOSED, 8), (S.PROPOSED, 10)]
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
    assert first.pk == proposal.pk and first.status == S.PROPOSED  # the proposal is kept as it was
    assert decision.status == S.AGREED and decision.created_by == manager
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
    assert decision.status == S.AGREED and decision.getting_to_know_weeks == 8 and decision.comment == "Good plan"


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
    assert decision.status == S.CHANGED and decision.getting_to_know_weeks == 12
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
        ({"weeks": "0"}, "Enter a number of weeks from 1 to 26"),
        ({"weeks": "27"}, "Enter a number of weeks from 1 to 26"),
        ({"weeks": "ten"}, "Enter the number of weeks as a whole number"),
        ({"weeks": ""}, "Enter the number of weeks"),
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
        (S.PROPOSED, 6),
        (S.AGREED, 6),
        (S.PROPOSED, 9),
        (S.CHANGED, 11),
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


def test_the_first_full_picture_service_refuses_a_closed_case(case, key_worker):
    close(case, key_worker)
    with pytest.raises(services.AssessmentError):
        services.first_picture_reached(assessment=case.assessment, by=key_worker)
    assert Assessment.objects.get(case=case).first_picture_at is None


# Reviews


@pytest.fixture
def assessment_with_words(case, key_worker):
    """An assessment with the worker's judgement on one part and the young person's words added."""
    about_me = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    services.judgement_save(
        section=about_me,
        going_well="Loves drawing; proud of her art.",
        worries="Older boyfriend met online.",
        why="She told me at the skate park.",
        expected_version=0,
        by=key_worker,
    )
    words = services.contribution_start(section=about_me, contributor=Audience.YOUNG_PERSON, name="Destiny")
    services.contribution_save(
        contribution=words, text="I like drawing and my nan.", expected_version=0, label="Destiny"
    )
    services.contribution_send(contribution=words, label="Destiny")
    services.contribution_add(contribution=words, by=key_worker)
    draft = services.contribution_start(section=about_me, contributor=Audience.PARENT_CARER, name="Mum")
    services.contribution_save(contribution=draft, text="Still being written", expected_version=0, label="Mum")
    return case.assessment


def test_the_next_review_date_defaults_to_today_plus_the_interval(client_for, case, key_worker):
    Assessment.objects.filter(case=case).update(review_interval_weeks=4)
    content = client_for(key_worker).get(url("reviews", case)).content.decode()
    expected = in_days(28)
    assert f'name="next_due_on_0" value="{expected.day}"' in content
    assert f'name="next_due_on_1" value="{expected.month}"' in content
    assert f'name="next_due_on_2" value="{expected.year}"' in content


def test_the_key_worker_holds_a_review_and_a_snapshot_is_kept(client_for, case, key_worker, assessment_with_words):
    review = open_review(case)
    data = {
        "form": "review",
        "what_changed": "Back at school three days a week.",
        **date_fields("next_due_on", in_days(42)),
    }
    response = client_for(key_worker).post(url("reviews", case), data)
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.held_at is not None and review.held_by == key_worker
    assert review.what_changed == "Back at school three days a week."
    about_me = next(s for s in review.snapshot["sections"] if s["kind"] == SectionKind.ABOUT_ME)
    assert about_me["judgement"]["worries"] == "Older boyfriend met online."
    assert [c["text"] for c in about_me["contributions"]] == ["I like drawing and my nan."]
    assert open_review(case).due_on == in_days(42)
    assert AuditEvent.objects.filter(case=case, user=key_worker, what__startswith="assessment reviewed").exists()


def test_past_reviews_show_who_what_changed_and_the_snapshot(
    client_for, case, key_worker, manager, assessment_with_words
):
    services.review_hold(
        review=open_review(case), what_changed="Back at school.", next_due_on=in_days(42), by=key_worker
    )
    # What the assessment says later does not change what the review kept.
    about_me = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    services.judgement_save(
        section=about_me, going_well="New words", worries="", why="", expected_version=1, by=key_worker
    )
    content = client_for(manager).get(url("reviews", case)).content.decode()
    past = content[content.index("Past reviews") :]
    assert "Review held on" in past and "Jo Bennett" in past and "Back at school." in past
    assert "About me and what I enjoy" in past
    assert "Loves drawing; proud of her art." in past and "Older boyfriend met online." in past
    assert "I like drawing and my nan." in past and "Destiny (The young person)" in past
    assert "Still being written" not in past and "New words" not in past


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"what_changed": "  "}, "Say what has changed since the last review"),
        (date_fields("next_due_on", in_days(-1)), "The date must be in the future"),
        (date_fields("next_due_on", in_days(0)), "The date must be in the future"),
        ({"next_due_on_0": "30", "next_due_on_1": "2", "next_due_on_2": str(in_days(400).year)}, "Enter a real date"),
        ({"next_due_on_0": "x", "next_due_on_1": "y", "next_due_on_2": "z"}, "Enter a real date"),
        ({"next_due_on_0": "", "next_due_on_1": "", "next_due_on_2": ""}, "Enter the day, month and year"),
    ],
)
def test_a_bad_review_is_refused_and_nothing_typed_is_lost(client_for, case, key_worker, changes, message):
    before = open_review(case)
    data = {"form": "review", "what_changed": "She has a new friend group.", **date_fields("next_due_on", in_days(30))}
    data.update(changes)
    response = client_for(key_worker).post(url("reviews", case), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    if "what_changed" not in changes:
        assert "She has a new friend group." in content
    assert open_review(case) == before and open_review(case).held_at is None
    assert ReviewPoint.objects.filter(assessment__case=case).count() == 1


def test_an_empty_review_post_shows_its_problems(client_for, case, key_worker):
    response = client_for(key_worker).post(url("reviews", case), {})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and "Say what has changed since the last review" in content
    assert ReviewPoint.objects.filter(assessment__case=case, held_at__isnull=False).count() == 0


def test_an_overdue_review_is_shown_with_a_red_tag(client_for, case, key_worker):
    ReviewPoint.objects.filter(assessment__case=case).update(due_on=in_days(-3))
    content = client_for(key_worker).get(url("reviews", case)).content.decode()
    next_review = content[content.index('id="next-review"') :]
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in next_review


def test_a_review_not_yet_due_has_no_red_tag(client_for, case, key_worker):
    content = client_for(key_worker).get(url("reviews", case)).content.decode()
    assert "Overdue" not in content and open_review(case).due_on.strftime("%-d %B %Y") in content


@pytest.mark.parametrize("who", NOT_CHANGERS)
def test_people_who_may_not_change_the_case_cannot_hold_a_review_or_change_the_interval(request, client_for, case, who):
    client = client_for(request.getfixturevalue(who))
    review = {"form": "review", "what_changed": "x", **date_fields("next_due_on", in_days(30))}
    assert client.post(url("reviews", case), review).status_code == 404
    assert client.post(url("reviews", case), {"form": "interval", "weeks": "3"}).status_code == 404
    assert open_review(case).held_at is None
    assert Assessment.objects.get(case=case).review_interval_weeks == 6


def test_the_manager_may_hold_a_review_too(client_for, case, manager):
    data = {"form": "review", "what_changed": "Steadier at home.", **date_fields("next_due_on", in_days(30))}
    assert client_for(manager).post(url("reviews", case), data).status_code == 302
    assert ReviewPoint.objects.get(assessment__case=case, held_at__isnull=False).held_by == manager


def test_the_key_worker_changes_the_interval_and_the_next_default_follows(client_for, case, key_worker):
    due_before = open_review(case).due_on
    client = client_for(key_worker)
    assert client.post(url("reviews", case), {"form": "interval", "weeks": "3"}).status_code == 302
    assert Assessment.objects.get(case=case).review_interval_weeks == 3
    assert open_review(case).due_on == due_before  # the date already agreed stays
    assert AuditEvent.objects.filter(
        case=case, user=key_worker, what="assessment: weeks between reviews 6 -> 3"
    ).exists()
    content = client.get(url("reviews", case)).content.decode()
    assert f'name="next_due_on_0" value="{in_days(21).day}"' in content
    assert "3 weeks apart" in content


@pytest.mark.parametrize(
    "weeks,message",
    [
        ("0", "Enter a number of weeks from 1 to 26"),
        ("27", "Enter a number of weeks from 1 to 26"),
        ("six", "Enter the number of weeks as a whole number, like 6"),
        ("", "Enter the number of weeks"),
    ],
)
def test_an_interval_out_of_range_is_refused(client_for, case, key_worker, weeks, message):
    response = client_for(key_worker).post(url("reviews", case), {"form": "interval", "weeks": weeks})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
    assert Assessment.objects.get(case=case).review_interval_weeks == 6


def test_the_interval_service_refuses_out_of_range(case, key_worker):
    for weeks in (0, 27):
        with pytest.raises(services.AssessmentError):
            services.review_interval_change(assessment=case.assessment, weeks=weeks, by=key_worker)
    assert Assessment.objects.get(case=case).review_interval_weeks == 6


def test_a_review_someone_else_recorded_first_is_not_recorded_again_by_surprise(client_for, case, key_worker, manager):
    review = open_review(case)
    data = {
        "form": "review",
        "review": str(review.pk),
        "what_changed": "My notes from the review",
        **date_fields("next_due_on", in_days(50)),
    }
    services.review_hold(review=review, what_changed="Held by the manager", next_due_on=in_days(40), by=manager)
    client = client_for(key_worker)
    response = client.post(url("reviews", case), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Someone else has just recorded this review" in content
    assert "My notes from the review" in content  # nothing typed is lost
    following = open_review(case)
    assert following.held_at is None and following.due_on == in_days(40)
    assert f'name="review" value="{following.pk}"' in content
    # Sending it again, now for the next review, is a deliberate choice and is recorded.
    assert client.post(url("reviews", case), {**data, "review": str(following.pk)}).status_code == 302
    held = list(ReviewPoint.objects.filter(assessment__case=case, held_at__isnull=False).order_by("held_at"))
    assert [r.what_changed for r in held] == ["Held by the manager", "My notes from the review"]


# A closed case is read-only


def test_a_closed_case_can_be_read_but_not_changed(client_for, case, key_worker, manager):
    proposal = propose(case, key_worker)
    close(case, key_worker)
    worker = client_for(key_worker)
    timescales = worker.get(url("timescales", case)).content.decode()
    assert "The case is closed" in timescales and 'name="strategy"' not in timescales
    assert_closed_case_refused(worker.post(url("timescales", case), proposal_data()))
    assert_closed_case_refused(worker.post(url("first-picture", case)))
    review = {"form": "review", "what_changed": "What changed since", **date_fields("next_due_on", in_days(30))}
    assert_closed_case_refused(worker.post(url("reviews", case), review), "What changed since")
    assert_closed_case_refused(worker.post(url("reviews", case), {"form": "interval", "weeks": "3"}))
    reviews = worker.get(url("reviews", case)).content.decode()
    assert "The case is closed" in reviews and 'name="what_changed"' not in reviews
    boss = client_for(manager)
    assert_closed_case_refused(boss.post(url("timescale-decide", case, proposal.pk), agree_data()))
    assert boss.get(url("timescale-decide", case, proposal.pk)).url == reverse("cases:detail", args=[case.pk])
    assert versions(case) == [proposal]
    assessment = Assessment.objects.get(case=case)
    assert assessment.first_picture_at is None and assessment.review_interval_weeks == 6
    assert open_review(case).held_at is None


# Snapshots and the size of the page


def test_an_incomplete_snapshot_is_still_readable():
    readable = readable_snapshot(
        {"sections": [{"kind": "gone_kind"}, {"kind": "about_me", "judgement": {"why": "W"}}]}, lambda words: True
    )
    assert readable["taken_at"] is None
    assert readable["sections"][0] == {
        "title": "gone_kind",
        "going_well": "",
        "worries": "",
        "why": "",
        "contributions": [],
        "empty": True,
    }
    assert readable["sections"][1]["title"] == "About me and what I enjoy" and not readable["sections"][1]["empty"]
    assert readable_snapshot(None, lambda words: True) is None


def _add_held_reviews(case, by):
    snapshot = services.snapshot(case.assessment)

    def add(n):
        start = ReviewPoint.objects.filter(assessment__case=case).count()
        ReviewPoint.objects.bulk_create(
            [
                ReviewPoint(
                    assessment=case.assessment,
                    due_on=in_days(-7 * (start + i)),
                    held_at=timezone.now() - timedelta(weeks=start + i),
                    held_by=by,
                    what_changed=f"Change {start + i}",
                    snapshot=snapshot,
                )
                for i in range(n)
            ]
        )

    return add


def test_the_reviews_page_makes_the_same_queries_with_3_or_60_past_reviews(
    client_for, case, key_worker, assessment_with_words
):
    add = _add_held_reviews(case, key_worker)
    # 19: two of them are the audit chain's (its lock and its last hash) on PostgreSQL.
    assert_query_budget(client_for(key_worker), url("reviews", case), add_rows=add, budget=20, small=3, large=60)


def test_the_timescale_page_makes_the_same_queries_however_many_versions(client_for, case, key_worker, manager):
    def add(n):
        for _ in range(n):
            proposal = propose(case, key_worker)
            services.timescale_decide(proposal=proposal, by=manager)

    assert_query_budget(client_for(manager), url("timescales", case), add_rows=add, budget=17, small=3, large=30)


def test_past_reviews_come_ten_to_a_page_newest_first(client_for, case, key_worker):
    _add_held_reviews(case, key_worker)(12)
    client = client_for(key_worker)
    first = client.get(url("reviews", case)).content.decode()
    assert "12 reviews held, newest first." in first
    assert "Change 1<" in first and "Change 12<" not in first
    second = client.get(url("reviews", case), {"page": 2}).content.decode()
    assert "Change 12<" in second and "Change 1<" not in second
