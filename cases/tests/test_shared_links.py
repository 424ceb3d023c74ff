"""The shared link's base, whatever a link opens: made with its rules, found by its token, and the door,
which draws nothing itself: a link opens only through the app that registered its purpose."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse

from cases import services, shared_links
from cases.models import AuditEvent, LinkUse, Person, SharedLink

PASSCODE = "purple cat"
seen: list[tuple[int, str]] = []


def plan_page(request, link, address):
    seen.append((link.pk, address))
    return HttpResponse(f"The plan {link.target_id} for {link.person_name}")


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()
    seen.clear()
    yield
    cache.clear()


@pytest.fixture
def plans(monkeypatch):
    """A purpose as an app above `cases` registers it, for this test only."""
    monkeypatch.setitem(shared_links._purposes, "plan", shared_links.Purpose("plan", "My plan", plan_page))


def make(case, by, *, purpose="plan", **kwargs):
    fields = {"target_id": 7, "person": Person.YOUNG_PERSON, "name": "", **kwargs}
    return services.link_create(case=case, purpose=purpose, by=by, **fields)


def test_a_link_is_for_one_thing_and_one_person_and_its_making_is_recorded(case, key_worker):
    link, token = make(case, key_worker, what="Destiny's plan")
    assert (link.purpose, link.target_id, link.person, link.person_name) == ("plan", 7, "young_person", "Destiny")
    assert link.token_hash == services.token_hash(token) and token not in link.token_hash
    assert services.link_find(token) == link and link.state == SharedLink.State.WORKING
    assert AuditEvent.objects.filter(case=case, what="shared link for Destiny: Destiny's plan").exists()


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"person": "key_worker"}, "young person or a parent"),
        ({"person": Person.PARENT_CARER, "name": " "}, "parent's or carer's name"),
        ({"days": 0}, "1 to 90 days"),
        ({"days": 91}, "1 to 90 days"),
        ({"passcode": "abc"}, "at least 4 characters"),
    ],
)
def test_links_the_rules_do_not_allow_are_refused_with_a_reason(case, key_worker, kwargs, message):
    with pytest.raises(services.LinkError, match=message):
        make(case, key_worker, **kwargs)
    assert not SharedLink.objects.exists()


def test_the_door_opens_a_working_link_through_its_purpose_after_the_passcode(client, plans, case, key_worker):
    link, token = make(case, key_worker, passcode=PASSCODE)
    path = f"/s/{token}/"
    assert "Type your passcode" in client.get(path).content.decode() and seen == []
    assert client.post(path, {"action": "passcode", "passcode": PASSCODE}).status_code == 302
    assert client.get(path).content.decode() == "The plan 7 for Destiny"
    assert [pk for pk, address in seen] == [link.pk] and len(seen[0][1]) == 64
    events = set(LinkUse.objects.filter(link=link).values_list("event", flat=True))
    assert events == {LinkUse.Event.PASSCODE_OK, LinkUse.Event.OPENED}


def test_a_link_whose_purpose_nobody_registered_opens_nothing(client, case, key_worker):
    link, token = make(case, key_worker, purpose="retired")
    response = client.get(f"/s/{token}/")
    assert response.status_code == 404 and "This link is not working" in response.content.decode()
    assert list(LinkUse.objects.filter(link=link).values_list("event", flat=True)) == [LinkUse.Event.REFUSED]


def test_a_revoked_link_is_refused_before_its_purpose_is_asked(client, plans, case, key_worker):
    link, token = make(case, key_worker)
    services.link_revoke(link=link, by=key_worker)
    assert client.get(f"/s/{token}/").status_code == 404 and seen == []


def test_a_purpose_is_registered_once_and_fits_its_field(plans):
    shared_links.register_purpose("plan", label="My plan", handler=plan_page)  # again, the same: nothing changes
    with pytest.raises(ImproperlyConfigured, match="twice"):
        shared_links.register_purpose("plan", label="My plan", handler=lambda request, link, address: None)
    with pytest.raises(ImproperlyConfigured, match="1 to 20"):
        shared_links.register_purpose("x" * 21, label="Too long", handler=plan_page)
    assert shared_links.label("plan") == "My plan" and shared_links.label("section") == "A part of the assessment"
    assert shared_links.label("retired") == "retired"
