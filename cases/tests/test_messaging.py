"""Messages to young people and families: Django's email by default, GOV.UK Notify when switched on (its
client faked: there is no network here), and never a name in what leaves the service."""

from unittest import mock

import pytest
from django.core import mail

from cases import messaging
from cases.messaging import EMAIL, TEXT, Message, MessageError


def _message(channel=EMAIL, to="someone@example.org", body="Something is waiting for you: http://x/s/abc/"):
    return Message(channel=channel, to=to, subject="A message from your worker", body=body, reference="request-7")


def test_email_goes_through_django_email_by_default(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    messaging.send(_message())
    assert [m.to for m in mail.outbox] == [["someone@example.org"]]
    assert mail.outbox[0].body.startswith("Something is waiting")


def test_a_text_without_notify_is_refused_not_dropped(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(MessageError):
        messaging.send(_message(channel=TEXT, to="07700900123"))
    assert mail.outbox == []
    assert not messaging.can_text()


def test_notify_sends_texts_and_emails_with_the_councils_templates(settings):
    settings.MESSAGES_BACKEND = "notify"
    settings.NOTIFY_API_KEY = "key-" + "0" * 73
    settings.NOTIFY_EMAIL_TEMPLATE_ID = "email-template"
    settings.NOTIFY_TEXT_TEMPLATE_ID = "text-template"
    with mock.patch("notifications_python_client.notifications.NotificationsAPIClient") as client_class:
        messaging.send(_message(channel=TEXT, to="07700900123"))
        messaging.send(_message())
    client = client_class.return_value
    client.send_sms_notification.assert_called_once_with(
        phone_number="07700900123",
        template_id="text-template",
        personalisation={"subject": "A message from your worker", "body": _message().body},
        reference="request-7",
    )
    assert client.send_email_notification.call_args.kwargs["template_id"] == "email-template"
    assert messaging.can_text()


def test_notify_refusing_is_an_error_that_says_nothing_of_the_message(settings):
    from notifications_python_client.errors import HTTPError

    settings.MESSAGES_BACKEND = "notify"
    settings.NOTIFY_API_KEY = "key-" + "0" * 73
    response = mock.Mock(status_code=400, json=mock.Mock(return_value={"errors": []}))
    with mock.patch("notifications_python_client.notifications.NotificationsAPIClient") as client_class:
        client_class.return_value.send_email_notification.side_effect = HTTPError(response)
        with pytest.raises(MessageError) as refused:
            messaging.send(_message())
    assert "waiting" not in str(refused.value)


def test_a_message_naming_the_young_person_never_leaves(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with pytest.raises(MessageError):
        messaging.send(_message(body="Hi Destiny, how are you?"), names=["Destiny"])
    assert mail.outbox == []


def test_an_unknown_channel_is_refused():
    with pytest.raises(MessageError):
        messaging.send(_message(channel="pigeon"))


def test_a_message_with_a_calendar_file_goes_by_email_even_with_notify_on(settings):
    settings.MESSAGES_BACKEND = "notify"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    message = Message(
        channel=EMAIL,
        to="nan@example.org",
        subject="A meeting",
        body="When and where",
        attachments=[("m.ics", "X", "text/calendar")],
    )
    with mock.patch("notifications_python_client.notifications.NotificationsAPIClient") as client_class:
        messaging.send(message)
    client_class.assert_not_called()
    assert mail.outbox[0].attachments[0][0] == "m.ics"
