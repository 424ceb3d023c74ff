"""Hostile input to the young person's "My people" and "Who has looked at my record" in their space
(/s/<token>/people/, /s/<token>/looked/): moving people, saying someone makes them feel unsafe, adding
someone, with any value in any field and ids of other cases' people; a parent's link; and the worker's
network page that shows what was saved, before and after."""

from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from cases import services
from cases.models import NetworkChange, NetworkMember, Person
from cases.tests.network import add
from dashboards.services import space_link_create

from .checks import Visitor, assert_shown, attempt
from .inputs import HOSTILE, choice, form, pick, text

AREA = "shared-link (my people)"
PASSCODE = "otter"

MOVE = form(action=choice(["closer", "further", "safe"]), member=pick("nan", "theirs"))
ADD = form(
    name=text("Auntie Kim", limit=150),
    relationship=text("my aunt", limit=150),
    closeness=choice(["close", "in_between", "further"]),
)


def _open(visitor, case, by, person=Person.YOUNG_PERSON, name="") -> str:
    """A space link for `person`, opened with its passcode by `visitor` (a Visitor or a test client)."""
    _link, token = space_link_create(case=case, person=person, name=name, by=by, days=14, passcode=PASSCODE)
    home = reverse("shared-link", args=[token])
    visitor.post(home, {"action": "passcode", "passcode": PASSCODE})
    return home


def _as_posted(data: dict, ids: dict) -> dict:
    member = data.get("member")
    return {**data, "member": str(ids[member])} if isinstance(member, str) and member in ids else data


@given(steps=st.lists(MOVE, min_size=1, max_size=3), urlencoded=st.booleans())
@HOSTILE
def test_moving_people_and_saying_they_feel_unsafe(key_worker, case, outsider, outsider_case, steps, urlencoded):
    with attempt(AREA) as young_person:
        nan = add(case)
        theirs = add(outsider_case, "Their nan")
        home = _open(young_person, case, key_worker)
        for data in steps:
            response = young_person.submit(
                f"{home}people/", _as_posted(data, {"nan": nan.pk, "theirs": theirs.pk}), urlencoded=urlencoded
            )
            assert response.status_code in (302, 400)
        young_person.get(f"{home}people/")
        young_person.get(f"{home}people/unsafe/{nan.pk}/")
        # Another case's person is never touched, and never named.
        assert not NetworkChange.objects.filter(member=theirs).exists()
        theirs.refresh_from_db()
        assert (theirs.own_closeness, theirs.feels_unsafe) == ("", False)
        Visitor(AREA, key_worker).get(reverse("cases:network", args=[case.pk]))


@given(data=ADD, urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_adding_someone_who_matters(key_worker, case, data, urlencoded, times):
    with attempt(AREA) as young_person:
        home = _open(young_person, case, key_worker)
        response = young_person.submit(f"{home}people/add/", data, urlencoded=urlencoded, times=times)
        assert response.status_code in (302, 400)
        page = young_person.get(f"{home}people/")
        worker_page = Visitor(AREA, key_worker).get(reverse("cases:network", args=[case.pk]))
        for member in NetworkMember.objects.filter(case=case):
            assert member.added_by_young_person and member.contact_details == "" and member.user_id is None
            assert_shown(page, member.name)
            assert_shown(worker_page, member.name)


def test_another_cases_person_cannot_be_reached_by_any_page_of_my_people(client, key_worker, case, outsider_case):
    theirs = add(outsider_case, "Their nan")
    home = _open(client, case, key_worker)
    for action in ("closer", "further", "safe"):
        response = client.post(f"{home}people/", {"action": action, "member": theirs.pk})
        assert response.status_code == 400
        assert "Their nan" not in response.content.decode()
    confirm = client.get(f"{home}people/unsafe/{theirs.pk}/")
    assert confirm.status_code == 404 and "Their nan" not in confirm.content.decode()
    assert client.post(f"{home}people/unsafe/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert (theirs.own_closeness, theirs.feels_unsafe) == ("", False)
    assert not NetworkChange.objects.exists()


def test_a_parents_space_link_opens_neither_page(client, key_worker, case):
    nan = add(case)
    home = _open(client, case, key_worker, person=Person.PARENT_CARER, name="Mum")
    for page in ("people/", "people/add/", f"people/unsafe/{nan.pk}/", "looked/"):
        assert client.get(f"{home}{page}").status_code == 404
    assert client.post(f"{home}people/", {"action": "further", "member": nan.pk}).status_code == 404
    assert client.post(f"{home}people/unsafe/{nan.pk}/").status_code == 404
    assert client.post(f"{home}people/add/", {"name": "Kim", "closeness": "close"}).status_code == 404
    nan.refresh_from_db()
    assert (nan.own_closeness, nan.feels_unsafe) == ("", False)
    assert NetworkMember.objects.count() == 1 and not NetworkChange.objects.exists()


def test_the_worker_sees_what_was_there_before(client_for, key_worker, case):
    nan = add(case)
    link, _token = space_link_create(
        case=case, person=Person.YOUNG_PERSON, name="", by=key_worker, days=14, passcode=PASSCODE
    )
    services.network_move(member=nan, link=link, closer=False)
    content = client_for(key_worker).get(reverse("cases:network", args=[case.pk])).content.decode()
    changes = content[content.index('id="their-changes"') :]
    assert "Close to me" in changes and "In between" in changes
    assert changes.index("Close to me") < changes.index("In between")  # before, then after


def test_the_looked_list_names_a_partner_by_agency_and_never_an_outsider(
    client, client_for, key_worker, case, partner_with_grant, outsider
):
    assert client_for(partner_with_grant).get(reverse("cases:detail", args=[case.pk])).status_code == 200
    assert client_for(outsider).get(reverse("cases:detail", args=[case.pk])).status_code == 404
    home = _open(client, case, key_worker)
    content = client.get(f"{home}looked/").content.decode()
    assert f"Someone from {partner_with_grant.agency.name}" in content
    assert str(partner_with_grant) not in content and str(outsider) not in content
