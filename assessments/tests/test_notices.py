"""Who is told when something happens in an assessment: the key worker when a young person or family sends
their words, the worker who proposed a timescale when it is decided. Once each, by email as they prefer, and
no email names the young person."""

import pytest
from django.core import mail
from django.core.cache import cache

from accounts.models import Notification
from accounts.tests.factories import UserFactory
from act.testing import told
from assessments import services
from assessments.models import TimescaleAgreement
from assessments.sections import Audience, SectionKind

from .helpers import propose


@pytest.fixture
def about_me(case):
    return case.assessment.sections.get(kind=SectionKind.ABOUT_ME)


# Words sent through a shared link


@pytest.fixture
def path(about_me, key_worker):
    cache.clear()  # the links' rate limit
    _link, token = services.section_link_create(
        section=about_me, person=Audience.PARENT_CARER, name="Mum", by=key_worker
    )
    yield f"/s/{token}/"
    cache.clear()


def test_words_sent_through_a_shared_link_tell_the_key_worker_once(
    client, path, case, key_worker, manager, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path, {"action": "send", "text": "She is brave", "version": 0}).status_code in (200, 302)
        client.post(path, {"action": "send", "text": "She is brave", "version": 1})
    (notification,) = told(key_worker).values()
    section = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    contribution = section.contributions.get()
    assert notification.key == f"words-sent:{contribution.pk}"
    name = case.young_person.display_name
    assert notification.message == f"Mum (A parent or carer) sent their words for “{section}” in {name}'s assessment."
    assert notification.url == f"/assessments/case/{case.pk}/section/about_me/"
    assert told(manager) == {}
    (email,) = mail.outbox
    assert email.to == [key_worker.email]
    assert email.subject == "ACT: A young person or family member has sent their words"
    assert "brave" not in email.body and "Mum" not in email.body


def test_words_saved_but_not_sent_tell_nobody(client, path, key_worker):
    client.post(path, {"action": "autosave", "text": "Still writing", "version": 0})
    assert not Notification.objects.exists()


def test_the_key_worker_who_wants_no_email_of_words_is_told_in_the_app(about_me, key_worker, committed):
    key_worker.emails_off = ["words-sent"]
    key_worker.save(update_fields=["emails_off"])
    link, _token = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    words = services.contribution_save(
        contribution=link.section_link.contribution, text="Hi", expected_version=0, label="Me"
    )
    committed(lambda: services.contribution_send(contribution=words, label="Me"))
    assert len(told(key_worker)) == 1 and mail.outbox == []


# A timescale proposal decided


def test_a_decided_timescale_tells_the_worker_who_proposed_it(case, key_worker, manager, committed):
    proposal = propose(case, key_worker)
    decision = committed(lambda: services.timescale_decide(proposal=proposal, by=manager))
    (notification,) = told(key_worker).values()
    assert notification.key == f"timescale-decided:{decision.pk}"
    name = case.young_person.display_name
    assert notification.message == f"{manager.get_full_name()} agreed the assessment timescale you proposed for {name}."
    assert notification.url == f"/assessments/case/{case.pk}/timescales/"
    assert told(manager) == {}
    (email,) = mail.outbox
    assert email.to == [key_worker.email]
    assert email.subject == "ACT: An assessment timescale you proposed has been decided"


def test_a_changed_timescale_says_it_was_changed(case, key_worker, manager):
    proposal = propose(case, key_worker)
    decision = services.timescale_decide(proposal=proposal, by=manager, weeks=12, comment="More time")
    assert decision.status == TimescaleAgreement.Status.CHANGED
    (notification,) = told(key_worker).values()
    assert " changed the assessment timescale you proposed" in notification.message


def test_each_decision_is_told_once_and_a_new_proposal_decided_is_told_again(case, key_worker, manager):
    first = services.timescale_decide(proposal=propose(case, key_worker), by=manager)
    second = services.timescale_decide(proposal=propose(case, key_worker, weeks=10), by=manager)
    assert set(told(key_worker)) == {f"timescale-decided:{first.pk}", f"timescale-decided:{second.pk}"}


def test_the_proposer_who_decides_it_themselves_is_not_told(case, manager):
    services.timescale_decide(proposal=propose(case, manager), by=manager)
    assert not Notification.objects.exists()


def test_only_the_proposer_is_told(case, key_worker, manager, team):
    co_worker = UserFactory(team=team)
    services.timescale_decide(proposal=propose(case, co_worker), by=manager)
    assert set(Notification.objects.values_list("recipient", flat=True)) == {co_worker.pk}
