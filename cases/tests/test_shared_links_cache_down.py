"""The shared-link door when the cache (Redis) is down: it still answers every page plainly. Unknown tokens
are answered without being counted; wrong passcodes are still counted, from the link's record of uses."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisDown

from cases import services, shared_links
from cases.models import LinkUse, Person
from cases.shared_links import throttle

PASSCODE = "purple cat"


class DownCache:
    """Every call fails as Django's Redis cache does when its server has stopped."""

    def __getattr__(self, name):
        def down(*args, **kwargs):
            raise RedisDown("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

        return down


@pytest.fixture
def plans(monkeypatch):
    monkeypatch.setitem(
        shared_links._purposes,
        "plan",
        shared_links.Purpose("plan", "My plan", lambda request, link, address: HttpResponse("The plan")),
    )


@pytest.fixture
def cache_down(monkeypatch):
    monkeypatch.setattr(throttle, "cache", DownCache())


@pytest.fixture
def passcode_link(case, key_worker, plans):
    link, token = services.link_create(
        case=case, purpose="plan", by=key_worker, target_id=7, person=Person.YOUNG_PERSON, name="", passcode=PASSCODE
    )
    return link, f"/s/{token}/"


def test_an_unknown_token_is_answered_plainly_while_the_cache_is_down(client, db, cache_down):
    for _ in range(throttle.LIMIT + 2):
        response = client.get("/s/no-such-link-at-all/")
        assert response.status_code == 404 and "This link is not working" in response.content.decode()


def test_a_link_behind_a_passcode_opens_while_the_cache_is_down(client, cache_down, passcode_link):
    link, path = passcode_link
    assert "Type your passcode" in client.get(path).content.decode()
    assert client.post(path, {"action": "passcode", "passcode": PASSCODE}).status_code == 302
    assert client.get(path).content.decode() == "The plan"
    assert LinkUse.objects.filter(link=link, event=LinkUse.Event.PASSCODE_OK).count() == 1


def test_wrong_passcodes_are_still_counted_while_the_cache_is_down(client, cache_down, passcode_link):
    link, path = passcode_link
    for _ in range(throttle.LIMIT):
        assert client.post(path, {"action": "passcode", "passcode": "not it"}).status_code == 400
    assert client.post(path, {"action": "passcode", "passcode": PASSCODE}).status_code == 429
    assert LinkUse.objects.filter(link=link, event=LinkUse.Event.WRONG_PASSCODE).count() == throttle.LIMIT


def test_wrong_passcodes_count_from_the_record_so_emptying_the_cache_does_not_reset_them(client, passcode_link):
    link, path = passcode_link
    for _ in range(throttle.LIMIT):
        client.post(path, {"action": "passcode", "passcode": "not it"})
    cache.clear()
    assert client.post(path, {"action": "passcode", "passcode": PASSCODE}).status_code == 429


def test_wrong_passcodes_older_than_the_window_no_longer_count(client, passcode_link):
    link, path = passcode_link
    for _ in range(throttle.LIMIT):
        client.post(path, {"action": "passcode", "passcode": "not it"})
    earlier = timezone.now() - timedelta(seconds=throttle.WINDOW_SECONDS + 1)
    LinkUse.objects.filter(link=link).update(at=earlier)
    assert client.post(path, {"action": "passcode", "passcode": PASSCODE}).status_code == 302
