from unittest import mock

import pytest
from django.urls import reverse


def test_health_page_answers_ok_without_sign_in(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert "The service is working" in response.content.decode()
    assert response["Cache-Control"].startswith("max-age=0")


def test_health_page_answers_503_when_the_database_does_not(client, db):
    with mock.patch("act.views._database_ok", return_value=False):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert "Not answering" in response.content.decode()


def test_health_page_checks_the_broker_when_one_is_configured(client, db, settings):
    settings.REDIS_URL = "redis://127.0.0.1:6379/0"
    with mock.patch("act.views._broker_ok", return_value=False):
        response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert "Broker" in response.content.decode()


@pytest.mark.skipif("not __import__('os').environ.get('REDIS_URL')", reason="needs the Redis of REDIS_URL")
def test_health_page_reaches_the_real_broker(client, db, settings):
    settings.REDIS_URL = __import__("os").environ["REDIS_URL"]
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert "Broker" in response.content.decode()
