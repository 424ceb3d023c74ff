import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from assessments import services
from assessments.models import Assessment, Contribution, ReviewPoint, Revision, TimescaleAgreement
from assessments.sections import Audience, SectionKind
from cases import services as case_services
from cases.models import SharedLink

from .helpers import close, propose, versions

on_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="SQLite has no row locks to wait for (set DATABASE_URL to a PostgreSQL database)",
)


@pytest.fixture
def about_me(case):
    return case.assessment.sections.get(kind=SectionKind.ABOUT_ME)


def test_every_case_opens_with_its_assessment_sections_and_first_review(case):
    assessment = case.assessment
    assert [s.kind for s in assessment.sections.all()] == list(SectionKind.values)
    review = assessment.reviews.get()
    assert review.due_on == timezone.localdate() + timedelta(weeks=6)


def test_opening_twice_changes_nothing(case):
    services.assessment_open(case=case)
    assert case.assessment.sections.count() == len(SectionKind.values)
    assert ReviewPoint.objects.filter(assessment=case.assessment).count() == 1


def test_a_later_save_based_on_an_old_version_is_refused_with_both_versions(about_me, key_worker):
    mine = services.contribution_start(section=about_me, contributor=Audience.KEY_WORKER, author=key_worker)
    services.contribution_save(contribution=mine, text="First words", expected_version=0, user=key_worker)
    services.contribution_save(contribution=mine, text="Second person's words", expected_version=1, user=key_worker)
    with pytest.raises(services.Conflict) as conflict:
        services.contribution_save(contribution=mine, text="Stale words", expected_version=1, user=key_worker)
    assert conflict.value.current == "Second person's words" and conflict.value.current_version == 2
    mine.refresh_from_db()
    assert mine.text == "Second person's words"


def test_every_change_is_kept_in_the_history(about_me, key_worker):
    mine = services.contribution_start(section=about_me, contributor=Audience.KEY_WORKER, author=key_worker)
    for version, text in enumerate(["one", "two", "three"]):
        services.contribution_save(contribution=mine, text=text, expected_version=version, user=key_worker)
    texts = list(Revision.objects.filter(contribution=mine).order_by("version").values_list("content__text", flat=True))
    assert texts == ["one", "two", "three"]


def test_judgement_conflicts_are_refused_too(about_me, key_worker, manager):
    services.judgement_save(section=about_me, going_well="a", worries="b", why="c", expected_version=0, by=key_worker)
    with pytest.raises(services.Conflict):
        services.judgement_save(section=about_me, going_well="x", worries="y", why="z", expected_version=0, by=manager)
    about_me.refresh_from_db()
    assert about_me.judgement_going_well == "a"


def test_a_link_stores_only_the_hash_of_its_token(about_me, key_worker):
    link, token = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    assert len(token) >= 40
    assert token not in link.token_hash and link.token_hash == case_services.token_hash(token)
    assert not SharedLink.objects.filter(token_hash=token).exists()
    assert link.person_name == "Destiny"
    assert link.expires_at - timezone.now() > timedelta(days=13, hours=23)


def test_a_link_passcode_is_hashed(about_me, key_worker):
    link, _ = services.section_link_create(
        section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker, passcode="purple cat"
    )
    assert "purple" not in link.passcode_hash
    assert case_services.link_check_passcode(link, "purple cat")
    assert not case_services.link_check_passcode(link, "purple dog")


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"person": Audience.PARENT_CARER, "name": " "}, "parent's or carer's name"),
        ({"person": Audience.KEY_WORKER, "name": ""}, "young person or a parent"),
        ({"person": Audience.YOUNG_PERSON, "name": "", "days": 0}, "1 to 90 days"),
        ({"person": Audience.YOUNG_PERSON, "name": "", "days": 365}, "1 to 90 days"),
    ],
)
def test_bad_links_are_refused(about_me, key_worker, kwargs, message):
    with pytest.raises(services.AssessmentError, match=message):
        services.section_link_create(section=about_me, by=key_worker, **kwargs)
    assert not SharedLink.objects.exists()


def test_revoked_expired_and_closed_links_say_so(about_me, key_worker, case):
    link, token = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    assert case_services.link_find(token).state == SharedLink.State.WORKING
    case_services.link_revoke(link=link, by=key_worker)
    assert case_services.link_find(token).state == SharedLink.State.REVOKED
    other, token = services.section_link_create(
        section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker, days=1
    )
    SharedLink.objects.filter(pk=other.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert case_services.link_find(token).state == SharedLink.State.EXPIRED
    third, token = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    case_services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    assert case_services.link_find(token).state == SharedLink.State.CASE_CLOSED
    assert case_services.link_find("no-such-token") is None


def test_two_links_for_the_same_person_share_their_words(about_me, key_worker):
    first, _ = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    second, _ = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    assert first.section_link.contribution == second.section_link.contribution


def test_the_worker_adds_sent_words_to_the_assessment(about_me, key_worker):
    link, _ = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    words = services.contribution_save(
        contribution=link.section_link.contribution, text="I like music", expected_version=0, label="Destiny"
    )
    services.contribution_send(contribution=words, label="Destiny")
    services.contribution_add(contribution=words, by=key_worker)
    words.refresh_from_db()
    assert words.status == Contribution.Status.ADDED and words.added_by == key_worker


def test_the_manager_agrees_or_changes_a_timescale_and_every_version_is_kept(case, key_worker, manager):
    assessment = case.assessment
    target = timezone.localdate() + timedelta(weeks=8)
    proposal = services.timescale_propose(
        assessment=assessment, weeks=4, strategy="Milkshakes after school", target_date=target, by=key_worker
    )
    with pytest.raises(services.AssessmentError, match="why"):
        services.timescale_decide(proposal=proposal, by=manager, weeks=6)
    changed = services.timescale_decide(proposal=proposal, by=manager, weeks=6, comment="More time: she is wary")
    assert changed.status == TimescaleAgreement.Status.CHANGED and changed.getting_to_know_weeks == 6
    assert TimescaleAgreement.objects.filter(assessment=assessment).count() == 2


def test_a_review_keeps_a_snapshot_and_agrees_the_next_date(case, key_worker, about_me):
    services.judgement_save(
        section=about_me, going_well="Trust building", worries="", why="", expected_version=0, by=key_worker
    )
    review = case.assessment.reviews.get()
    next_date = timezone.localdate() + timedelta(weeks=6)
    following = services.review_hold(
        review=review, what_changed="Going out less at night", next_due_on=next_date, by=key_worker
    )
    review.refresh_from_db()
    assert review.held_at and review.snapshot["sections"][0]["judgement"]["going_well"] == "Trust building"
    assert following.due_on == next_date and following.held_at is None
    with pytest.raises(services.AssessmentError):
        services.review_hold(review=review, what_changed="again", next_due_on=next_date, by=key_worker)


def test_the_next_review_must_be_in_the_future(case, key_worker):
    with pytest.raises(services.AssessmentError, match="future"):
        services.review_hold(
            review=case.assessment.reviews.get(), what_changed="x", next_due_on=timezone.localdate(), by=key_worker
        )


def test_the_first_full_picture_service_refuses_a_closed_case(case, key_worker):
    close(case, key_worker)
    with pytest.raises(services.AssessmentError):
        services.first_picture_reached(assessment=case.assessment, by=key_worker)
    assert Assessment.objects.get(case=case).first_picture_at is None


def test_the_interval_service_refuses_weeks_out_of_range(case, key_worker):
    for weeks in (0, 27):
        with pytest.raises(services.AssessmentError):
            services.review_interval_change(assessment=case.assessment, weeks=weeks, by=key_worker)
    assert Assessment.objects.get(case=case).review_interval_weeks == 6


def test_only_the_latest_proposal_is_decided_and_only_once(case, key_worker, manager):
    first = propose(case, key_worker)
    newer = propose(case, key_worker, weeks=10)
    with pytest.raises(services.ProposalReplaced):
        services.timescale_decide(proposal=first, by=manager)
    decision = services.timescale_decide(proposal=newer, by=manager)
    with pytest.raises(services.ProposalReplaced):
        services.timescale_decide(proposal=newer, by=manager)
    assert versions(case) == [first, newer, decision]


# Proposals and decisions on one assessment take turns


class Writer(threading.Thread):
    """`work()` in a thread of its own, with its own database connection and transaction. With `hold`, the
    transaction stays open, and its locks held, until `release()`."""

    def __init__(self, work, *, hold: bool = False):
        super().__init__(daemon=True)
        self.work, self.result, self.error = work, None, None
        self.worked = threading.Event()
        self.released = threading.Event()
        if not hold:
            self.released.set()

    def run(self):
        try:
            with transaction.atomic():
                self.result = self.work()
                self.worked.set()
                self.released.wait(timeout=60)
        except Exception as error:  # noqa: BLE001 - the test reads it
            self.error = error
        finally:
            self.worked.set()
            connection.close()

    def release(self):
        self.released.set()
        self.join(timeout=60)


def waits(writer: Writer) -> bool:
    """Started, and still waiting for its turn a second later."""
    writer.start()
    writer.join(timeout=1)
    return writer.is_alive()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_decision_waits_for_a_proposal_being_sent_and_then_refuses_the_one_it_replaced(case, key_worker, manager):
    first = propose(case, key_worker)
    sending = Writer(lambda: propose(case, key_worker, weeks=10), hold=True)
    sending.start()
    assert sending.worked.wait(timeout=30)
    deciding = Writer(lambda: services.timescale_decide(proposal=first, by=manager))
    assert waits(deciding)
    sending.release()
    deciding.join(timeout=60)
    assert sending.error is None and isinstance(deciding.error, services.ProposalReplaced)
    assert versions(case) == [first, sending.result]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_proposal_sent_while_the_manager_decides_waits_and_stays_the_latest(case, key_worker, manager):
    proposal = propose(case, key_worker)
    deciding = Writer(lambda: services.timescale_decide(proposal=proposal, by=manager), hold=True)
    deciding.start()
    assert deciding.worked.wait(timeout=30)
    sending = Writer(lambda: propose(case, key_worker, weeks=10))
    assert waits(sending)
    deciding.release()
    sending.join(timeout=60)
    assert deciding.error is None and sending.error is None
    assert versions(case) == [proposal, deciding.result, sending.result]
    assert services.timescale_is_latest(sending.result)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_decisions_on_one_proposal_at_once_make_one_version(case, key_worker, manager):
    proposal = propose(case, key_worker)
    start = threading.Barrier(2)

    def decide():
        start.wait(timeout=30)
        return services.timescale_decide(proposal=proposal, by=manager)

    deciding = [Writer(decide) for _ in range(2)]
    for writer in deciding:
        writer.start()
    for writer in deciding:
        writer.join(timeout=60)
    decided = [writer.result for writer in deciding if writer.error is None]
    refused = [writer.error for writer in deciding if writer.error is not None]
    assert len(decided) == 1 and [type(error) for error in refused] == [services.ProposalReplaced]
    assert versions(case) == [proposal, *decided]
