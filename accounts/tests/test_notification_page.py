"""The notifications page (the urgent first, then the newest; marking one done), the choice of which kinds come
by email, and the emails that follow it."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notification, User
from accounts.notifications import EMAIL_TEXT, Message, deliver_emails, notify
from accounts.tests.factories import UserFactory

PAGE = reverse("accounts:notifications")


def make(user, key, *, urgent=False, hours_ago=0, url="/cases/"):
    notify([Message(user, key, f"Message {key}", url, urgent=urgent)])
    notification = Notification.objects.get(recipient=user, key=key)
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - timedelta(hours=hours_ago))
    return notification


def shown(response) -> list[str]:
    return [n.key for n in response.context["page"]]


def test_the_urgent_come_first_then_the_newest(client_for, key_worker):
    make(key_worker, "review-due:1", hours_ago=5)
    make(key_worker, "rhi-overdue:2", urgent=True, hours_ago=10)
    make(key_worker, "words-sent:3", hours_ago=1)
    make(key_worker, "allocated:4", urgent=True, hours_ago=2)
    response = client_for(key_worker).get(PAGE)
    assert shown(response) == ["allocated:4", "rhi-overdue:2", "words-sent:3", "review-due:1"]
    html = response.content.decode()
    assert html.count("govuk-tag--red") == 2 and "Urgent" in html


def test_each_links_to_the_thing_itself(client_for, key_worker):
    notification = make(key_worker, "rhi-due:7", url="/cases/1/timeline/7/")
    client = client_for(key_worker)
    assert reverse("accounts:notification-open", args=[notification.pk]) in client.get(PAGE).content.decode()
    response = client.post(reverse("accounts:notification-open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/cases/1/timeline/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None and notification.done_at is None


def test_marking_one_done_moves_it_out_of_the_way(client_for, key_worker):
    done = make(key_worker, "review-due:1")
    kept = make(key_worker, "review-due:2")
    client = client_for(key_worker)
    response = client.post(reverse("accounts:notification-done", args=[done.pk]))
    assert response.status_code == 302 and response["Location"] == PAGE
    done.refresh_from_db()
    assert done.done_at is not None and done.read_at is not None
    page = client.get(PAGE)
    assert shown(page) == [kept.key]
    assert "1 notification marked done" in page.content.decode()
    done_page = client.get(PAGE, {"done": "1"})
    assert shown(done_page) == [done.key]
    assert "Mark as done" not in done_page.content.decode()


def test_marking_done_twice_keeps_the_first_time(client_for, key_worker):
    notification = make(key_worker, "review-due:1")
    client = client_for(key_worker)
    client.post(reverse("accounts:notification-done", args=[notification.pk]))
    notification.refresh_from_db()
    first = notification.done_at
    client.post(reverse("accounts:notification-done", args=[notification.pk]))
    notification.refresh_from_db()
    assert notification.done_at == first


def test_someone_elses_notification_cannot_be_marked_done(client_for, key_worker, manager):
    theirs = make(manager, "review-overdue:1")
    response = client_for(key_worker).post(reverse("accounts:notification-done", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.done_at is None and theirs.read_at is None


def test_one_that_does_not_exist_is_404(client_for, key_worker):
    assert client_for(key_worker).post(reverse("accounts:notification-done", args=[999999])).status_code == 404


def test_marking_done_is_a_post_with_csrf(key_worker):
    from django.test import Client

    from act.testing import sign_in_fully

    notification = make(key_worker, "review-due:1")
    client = sign_in_fully(Client(enforce_csrf_checks=True), key_worker)
    assert client.get(reverse("accounts:notification-done", args=[notification.pk])).status_code == 405
    assert client.post(reverse("accounts:notification-done", args=[notification.pk])).status_code == 403
    notification.refresh_from_db()
    assert notification.done_at is None


def test_the_header_count_leaves_out_those_marked_done(client_for, key_worker):
    from accounts.notifications import unread_count

    make(key_worker, "review-due:1")
    done = make(key_worker, "review-due:2")
    client_for(key_worker).post(reverse("accounts:notification-done", args=[done.pk]))
    assert unread_count(key_worker) == 1


def test_the_page_takes_the_same_number_of_queries_however_many_there_are(client_for, key_worker):
    client = client_for(key_worker)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(PAGE).status_code == 200
        return len(captured.captured_queries)

    make(key_worker, "review-due:0")
    few = queries()
    for i in range(1, 30):
        notification = make(key_worker, f"review-due:{i}", urgent=i % 3 == 0)
        if i % 4 == 0:
            Notification.objects.filter(pk=notification.pk).update(done_at=timezone.now())
    assert queries() == few


def test_with_nothing_the_page_says_what_will_come(client_for, key_worker):
    html = client_for(key_worker).get(PAGE).content.decode()
    assert "Nothing needs your attention" in html and "a case is allocated to you" in html


# Which kinds come by email


ACCOUNT = reverse("accounts:account")
CHOICES = reverse("accounts:email-choices")


def ticked(html: str) -> set[str]:
    boxes = [box for box in re.findall(r"<input[^>]*>", html) if "checkbox" in box and " checked" in box]
    return {value for box in boxes for value in re.findall(r'value="([^"]*)"', box)}


def test_every_kind_comes_by_email_until_the_person_says_otherwise(client_for, key_worker):
    html = client_for(key_worker).get(ACCOUNT).content.decode()
    for kind, text in EMAIL_TEXT.items():
        assert f'value="{kind}"' in html and str(text) in html
    assert ticked(html) == set(EMAIL_TEXT)


def test_a_person_chooses_which_kinds_come_by_email(client_for, key_worker):
    response = client_for(key_worker).post(CHOICES, {"emailed": ["rhi-overdue", "allocated"]})
    assert response.status_code == 302 and response["Location"] == ACCOUNT
    key_worker.refresh_from_db()
    assert set(key_worker.emails_off) == set(EMAIL_TEXT) - {"rhi-overdue", "allocated"}
    html = client_for(key_worker).get(ACCOUNT).content.decode()
    assert ticked(html) == {"rhi-overdue", "allocated"}


def test_none_ticked_means_no_emails(client_for, key_worker):
    assert client_for(key_worker).post(CHOICES, {}).status_code == 302
    key_worker.refresh_from_db()
    assert set(key_worker.emails_off) == set(EMAIL_TEXT)


@pytest.mark.parametrize(
    "data",
    [
        {"emailed": ["no-such-kind"]},
        {"emailed": ["rhi-due", "<script>alert(1)</script>"]},
        {"emailed": ["rhi-due:12"]},
        {"emailed": ["x" * 5000]},
    ],
)
def test_a_kind_not_listed_is_refused_and_nothing_changes(client_for, key_worker, data):
    key_worker.emails_off = ["review-due"]
    key_worker.save(update_fields=["emails_off"])
    response = client_for(key_worker).post(CHOICES, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose only from the kinds listed" in html and "<script>alert" not in html
    key_worker.refresh_from_db()
    assert key_worker.emails_off == ["review-due"]


def test_the_choices_are_only_saved_by_post(client_for, key_worker):
    assert client_for(key_worker).get(CHOICES).status_code == 405


# The emails


def test_a_kind_the_person_does_not_want_by_email_stays_in_the_app_only(key_worker, manager):
    key_worker.emails_off = ["review-due"]
    key_worker.save(update_fields=["emails_off"])
    notify([Message(key_worker, "review-due:1", "Review due"), Message(key_worker, "rhi-due:2", "Interview due")])
    notify([Message(manager, "review-due:1", "Review due")])
    assert deliver_emails() == 2
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        (manager.email, "ACT: An assessment review is coming due"),
        (key_worker.email, "ACT: A return home interview is coming due"),
    ]
    # Dealt with: never looked at for email again, even if the person changes their mind later.
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    key_worker.emails_off = []
    key_worker.save(update_fields=["emails_off"])
    assert deliver_emails() == 0


def test_an_urgent_notification_says_so_in_the_email(key_worker):
    notify([Message(key_worker, "allocated:3", "Destiny's case has been allocated to you.", urgent=True)])
    deliver_emails()
    (email,) = mail.outbox
    assert email.subject == "ACT: Urgent: A case has been allocated to you"
    assert "Destiny" not in email.body


def test_emailing_costs_two_queries_per_email_sent_and_nothing_per_email_not_wanted(team):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            deliver_emails()
        return len(captured.captured_queries)

    def people(n, **fields):
        return [UserFactory(team=team, **fields) for _ in range(n)]

    notify([Message(person, "review-due:1", "Review due") for person in people(1)])
    notify([Message(person, "review-due:1", "Review due") for person in people(1, emails_off=["review-due"])])
    one_each = queries()
    notify([Message(person, "review-due:1", "Review due") for person in people(6)])
    notify([Message(person, "review-due:1", "Review due") for person in people(9, emails_off=["review-due"])])
    notify([Message(person, "review-due:1", "Review due") for person in people(3, email="")])
    # Taking each email sent and marking it sent: no query for anyone's choices.
    assert queries() == one_each + 2 * 5
    assert len(mail.outbox) == 1 + 6


def test_a_kind_is_recorded_from_the_key(key_worker):
    notify([Message(key_worker, "rhi-overdue:44", "Late")])
    assert Notification.objects.get().kind == "rhi-overdue"
    assert User.objects.get(pk=key_worker.pk).emails_off == []


def test_a_message_too_long_for_its_field_is_shortened_not_refused(key_worker):
    from accounts.notifications import MESSAGE_LENGTH, Message, tell

    tell([Message(key_worker, "allocated:1", "x" * 1000 + "'s case has been allocated to you.", "/cases/1/")])
    message = key_worker.notifications.get().message
    assert len(message) == MESSAGE_LENGTH and message.endswith("…")


def test_many_of_one_kind_for_one_person_are_one_email_that_says_how_many(key_worker, manager):
    notify(
        [Message(manager, f"referral-overdue:{pk}", "Referral past target", f"/referrals/{pk}/") for pk in range(12)]
    )
    notify([Message(manager, "rhi-overdue:1", "Interview overdue", "/cases/1/timeline/1/", urgent=True)])
    notify([Message(key_worker, "rhi-overdue:1", "Interview overdue", "/cases/1/timeline/1/", urgent=True)])
    assert deliver_emails() == 3
    by_subject = {(m.to[0], m.subject): m.body for m in mail.outbox}
    assert set(by_subject) == {
        (manager.email, f"ACT: {EMAIL_TEXT['referral-overdue']} (12)"),
        (manager.email, "ACT: Urgent: A return home interview is overdue"),
        (key_worker.email, "ACT: Urgent: A return home interview is overdue"),
    }
    many = by_subject[(manager.email, f"ACT: {EMAIL_TEXT['referral-overdue']} (12)")]
    assert "12 of them" in many and "/account/notifications/" in many and "/referrals/" not in many
    assert "/cases/1/timeline/1/" in by_subject[(key_worker.email, "ACT: Urgent: A return home interview is overdue")]
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
    assert deliver_emails() == 0
