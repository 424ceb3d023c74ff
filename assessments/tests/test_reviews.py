"""The assessment's review points: who sees them and records them, what the forms refuse, the snapshot
each review keeps, and the weeks between reviews."""

from datetime import timedelta

import pytest
from django.utils import timezone

from act.testing import assert_closed_case_refused, assert_query_budget
from assessments import services
from assessments.models import Assessment, ReviewPoint
from assessments.sections import Audience, SectionKind
from assessments.views.reviews import readable_snapshot
from cases.models import AuditEvent

from .helpers import BAD_WEEKS, LOOKERS, NOT_CHANGERS, STRANGERS, close, date_fields, in_days, url


def open_review(case):
    return ReviewPoint.objects.get(assessment__case=case, held_at__isnull=True)


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


# Who sees the page


@pytest.mark.parametrize("who", LOOKERS)
def test_everyone_who_may_see_the_case_sees_the_reviews_and_the_view_is_recorded(request, client_for, case, who):
    person = request.getfixturevalue(who)
    assert client_for(person).get(url("reviews", case)).status_code == 200
    assert AuditEvent.objects.filter(case=case, user=person, action="view", what="assessment reviews").exists()


@pytest.mark.parametrize("who", STRANGERS)
def test_people_who_may_not_see_the_case_get_404_for_the_reviews_and_nothing_is_recorded(
    request, client_for, case, who
):
    person = request.getfixturevalue(who)
    assert client_for(person).get(url("reviews", case)).status_code == 404
    assert not AuditEvent.objects.filter(case=case, user=person).exists()


def test_a_partner_with_a_grant_sees_the_reviews_but_no_forms(client_for, case, partner_with_grant):
    content = client_for(partner_with_grant).get(url("reviews", case)).content.decode()
    assert "Next review" in content
    assert 'name="what_changed"' not in content and "Change the interval" not in content


# Holding a review


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


@pytest.mark.parametrize("weeks,message", BAD_WEEKS)
def test_an_interval_out_of_range_is_refused(client_for, case, key_worker, weeks, message):
    response = client_for(key_worker).post(url("reviews", case), {"form": "interval", "weeks": weeks})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and message in content
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


def test_the_reviews_of_a_closed_case_can_be_read_but_not_changed(client_for, case, key_worker):
    close(case, key_worker)
    worker = client_for(key_worker)
    review = {"form": "review", "what_changed": "What changed since", **date_fields("next_due_on", in_days(30))}
    assert_closed_case_refused(worker.post(url("reviews", case), review), "What changed since")
    assert_closed_case_refused(worker.post(url("reviews", case), {"form": "interval", "weeks": "3"}))
    reviews = worker.get(url("reviews", case)).content.decode()
    assert "The case is closed" in reviews and 'name="what_changed"' not in reviews
    assert Assessment.objects.get(case=case).review_interval_weeks == 6
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


def test_past_reviews_come_ten_to_a_page_newest_first(client_for, case, key_worker):
    _add_held_reviews(case, key_worker)(12)
    client = client_for(key_worker)
    first = client.get(url("reviews", case)).content.decode()
    assert "12 reviews held, newest first." in first
    assert "Change 1<" in first and "Change 12<" not in first
    second = client.get(url("reviews", case), {"page": 2}).content.decode()
    assert "Change 12<" in second and "Change 1<" not in second
