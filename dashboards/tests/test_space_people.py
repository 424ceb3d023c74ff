"""My people, in the young person's space: their people by how close they feel, as a picture and as a list;
moving people closer or further, saying someone makes them feel unsafe, adding someone who matters. Only
the young person's own link opens it, and it shows nothing staff-only."""

import pytest

from act.testing import assert_query_budget
from cases import services
from cases.models import LinkUse, NetworkChange, NetworkMember, Person
from cases.tests.network import add
from dashboards.tests.space_helpers import open_space


@pytest.fixture
def space(client, case, key_worker):
    home, link = open_space(client, case, key_worker)
    return home, link


@pytest.fixture
def nan(case):
    return add(case)


def saves(link) -> int:
    return LinkUse.objects.filter(link=link, event=LinkUse.Event.SAVED).count()


def test_the_young_person_sees_their_people_by_how_close_they_feel_as_a_picture_and_a_list(client, space, nan):
    add(nan.case, "Tyler", kind="friend", relationship="mate from school", closeness="distant")
    home, _link = space
    response = client.get(f"{home}people/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "My people" in content and "Close to me" in content and "Further away" in content
    assert content.index("Nan") < content.index("Tyler")
    assert "Grandmother" in content and "mate from school" in content
    assert '<title id="my-people-title">The people around you</title>' in content
    assert "Close to me (1): Nan." in content  # the picture's description says the same as the list
    assert "Move closer" in content and "Move further" in content and "This person makes me feel unsafe" in content
    assert "Jo Bennett (your worker)" in content  # who sees it, from the access policy


def test_they_never_see_contact_details_accounts_staff_words_or_people_staff_removed(
    client, space, nan, key_worker, partner_with_grant
):
    gone = add(nan.case, "Old boyfriend")
    services.network_remove(member=gone, by=key_worker)
    add(nan.case, "PC Hughes", kind="professional", relationship="CSE officer", agency="GMP", contact_details="0161 1")
    home, _link = space
    content = client.get(f"{home}people/").content.decode()
    assert "07700 900123" not in content and "0161 1" not in content  # contact details
    assert "Old boyfriend" not in content
    assert "CSE" not in content  # what staff wrote of a professional's role
    assert "PC Hughes" in content and "GMP" in content
    assert str(partner_with_grant) in content and partner_with_grant.agency.name in content
    assert partner_with_grant.email not in content and partner_with_grant.username not in content
    assert "A support" not in content and "Distant" not in content  # the professional view's words


def test_moving_someone_further_and_back_is_saved_and_recorded_as_a_save(client, space, nan):
    home, link = space
    response = client.post(f"{home}people/", {"action": "further", "member": nan.pk})
    assert response.status_code == 302 and response["Location"] == f"{home}people/#person-{nan.pk}"
    nan.refresh_from_db()
    assert nan.own_closeness == "in_between" and nan.closeness == "close"
    client.post(f"{home}people/", {"action": "closer", "member": nan.pk})
    nan.refresh_from_db()
    assert nan.own_closeness == "close"
    assert saves(link) == 2
    assert NetworkChange.objects.filter(member=nan, link=link).count() == 2
    assert "Saved: Nan is now “Close to me”." in client.get(f"{home}people/").content.decode()


def test_moving_past_the_closest_saves_nothing(client, space, nan):
    home, link = space
    response = client.post(f"{home}people/", {"action": "closer", "member": nan.pk})
    assert response.status_code == 302
    assert not NetworkChange.objects.exists() and saves(link) == 0


def test_saying_someone_makes_them_feel_unsafe_asks_first_and_says_who_will_see_it(client, space, nan, manager):
    home, link = space
    confirm = client.get(f"{home}people/unsafe/{nan.pk}/")
    content = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Does Nan make you feel unsafe?" in content
    assert "Jo Bennett (your worker)" in content and f"{manager} (manages Jo’s team)" in content
    nan.refresh_from_db()
    assert nan.feels_unsafe is False  # asking is not saying
    response = client.post(f"{home}people/unsafe/{nan.pk}/")
    assert response.status_code == 302
    nan.refresh_from_db()
    assert nan.feels_unsafe is True and saves(link) == 1
    page = client.get(f"{home}people/").content.decode()
    assert "You said they make you feel unsafe" in page and "They no longer make me feel unsafe" in page


def test_they_can_take_it_back(client, space, nan):
    home, link = space
    services.network_say_unsafe(member=nan, link=link, unsafe=True)
    client.post(f"{home}people/", {"action": "safe", "member": nan.pk})
    nan.refresh_from_db()
    assert nan.feels_unsafe is False
    assert list(NetworkChange.objects.order_by("pk").values_list("after", flat=True)) == ["yes", "no"]


def test_adding_someone_who_matters(client, space, case):
    home, link = space
    assert client.get(f"{home}people/add/").status_code == 200
    response = client.post(
        f"{home}people/add/", {"name": "Auntie Kim", "relationship": "my aunt", "closeness": "in_between"}
    )
    assert response.status_code == 302
    member = NetworkMember.objects.get(case=case, name="Auntie Kim")
    assert member.added_by_young_person and member.own_closeness == "in_between" and member.relationship == "my aunt"
    assert saves(link) == 1
    assert "You added them." in client.get(f"{home}people/").content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "relationship": "", "closeness": "close"}, "Write their name, or what you call them."),
        ({"name": "   ", "relationship": "", "closeness": "close"}, "Write their name, or what you call them."),
        ({"name": "K" * 151, "relationship": "", "closeness": "close"}, "That is a bit long"),
        ({"name": "Kim", "relationship": "a" * 151, "closeness": "close"}, "That is a bit long"),
        ({"name": "Kim", "relationship": "", "closeness": "nearby"}, "Choose how close they feel."),
        ({"name": "Kim", "relationship": ""}, "Choose how close they feel."),
        ({"name": "Kim\x00", "relationship": "", "closeness": "close"}, "Null characters are not allowed."),
    ],
)
def test_bad_input_to_add_someone_is_refused_and_said_plainly(client, space, case, data, message):
    home, link = space
    response = client.post(f"{home}people/add/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not NetworkMember.objects.filter(case=case).exists()
    assert saves(link) == 0


@pytest.mark.parametrize("member", ["", "abc", "0", "-1", "99999999999", "١", "1.0"])
@pytest.mark.parametrize("action", ["closer", "further", "safe"])
def test_a_bad_member_is_refused_without_a_word_about_it(client, space, nan, member, action):
    home, link = space
    response = client.post(f"{home}people/", {"action": action, "member": member})
    assert response.status_code == 400
    assert "Something in that could not be kept" in response.content.decode()
    assert not NetworkChange.objects.exists()


@pytest.mark.parametrize("action", ["", "remove", "unsafe", "add"])
def test_an_unknown_action_is_refused(client, space, nan, action):
    home, _link = space
    assert client.post(f"{home}people/", {"action": action, "member": nan.pk}).status_code == 400
    assert not NetworkChange.objects.exists()


def test_someone_staff_removed_cannot_be_moved(client, space, nan, key_worker):
    services.network_remove(member=nan, by=key_worker)
    home, _link = space
    assert client.post(f"{home}people/", {"action": "further", "member": nan.pk}).status_code == 400
    assert client.get(f"{home}people/unsafe/{nan.pk}/").status_code == 404


@pytest.mark.parametrize("rest", ["people/nothing/", "people/unsafe/", "people/unsafe/abc/", "people/add/more/"])
def test_addresses_that_are_not_pages_open_nothing(client, space, rest):
    home, _link = space
    assert client.get(f"{home}{rest}").status_code == 404


def test_without_the_passcode_the_page_asks_for_it(client, case, key_worker, nan):
    home, _link = open_space(client, case, key_worker)
    client.cookies.clear()
    response = client.get(f"{home}people/")
    assert "Nan" not in response.content.decode()
    assert response.templates[0].name == "cases/shared_links/passcode.html"
    client.post(f"{home}people/", {"action": "further", "member": nan.pk})
    nan.refresh_from_db()
    assert nan.own_closeness == ""


def test_a_parents_space_has_no_my_people(client, case, key_worker, nan):
    home, _link = open_space(client, case, key_worker, person=Person.PARENT_CARER, name="Mum")
    assert client.get(f"{home}people/").status_code == 404
    assert client.post(f"{home}people/", {"action": "further", "member": nan.pk}).status_code == 404
    assert client.post(f"{home}people/add/", {"name": "Kim", "closeness": "close"}).status_code == 404
    nan.refresh_from_db()
    assert nan.own_closeness == "" and NetworkMember.objects.count() == 1


@pytest.mark.parametrize("members", [3, 30])
def test_my_people_keeps_to_its_query_budget(client, space, case, members):
    home, link = space

    def add_rows(count):
        for index in range(count):
            member = NetworkMember.objects.create(
                case=case, kind=["family", "friend", "professional"][index % 3], name=f"P{index}", closeness="some"
            )
            if index % 2:
                services.network_say_unsafe(member=member, link=link, unsafe=True)

    assert_query_budget(client, f"{home}people/", add_rows=add_rows, budget=14, small=members, large=members + 30)


def test_the_page_speaks_plainly_with_no_words_of_the_field(client, space, nan, partner_with_grant):
    add(nan.case, "Support worker", kind="professional", relationship="CSE intervention worker")
    home, _link = space
    content = client.get(f"{home}people/").content.decode()
    for word in ("Ecomap", "ecomap-title", "network", "CSE", "intervention", "In the young person's view"):
        assert word not in content, word
    assert "Someone who works with you" in content


def test_the_young_persons_home_offers_my_people_and_who_has_looked_and_a_parents_does_not(client, case, key_worker):
    home, _link = open_space(client, case, key_worker)
    content = client.get(home).content.decode()
    assert f'href="{home}people/"' in content and f'href="{home}looked/"' in content
    client.cookies.clear()
    parents_home, _link = open_space(client, case, key_worker, person=Person.PARENT_CARER, name="Mum")
    content = client.get(parents_home).content.decode()
    assert "people/" not in content and "looked/" not in content
