"""The space's page "me": the young person builds their image (tried on the server, then kept), chooses their
space's colours and adds or deletes a photo; only through their own space link, and each save recorded."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cases import photos
from cases import services as case_services
from cases.models import Appearance, AuditEvent, LinkUse, Person
from cases.tests import pictures
from cases.tests.factories import CaseFactory
from dashboards import services

PASSCODE = "otter"
CHOICES = {
    "skin": "brown",
    "hair": "long_hair_fro",
    "hair_colour": "black",
    "clothes": "collar_sweater",
    "clothes_colour": "pink",
    "accessories": "default",
    "eyes": "wink",
    "mouth": "smile",
    "theme": "blue",
}


def open_space(client, case, by, person=Person.YOUNG_PERSON, name=""):
    """Make a space link, give its passcode, and return the space's home address and the link."""
    link, token = services.space_link_create(case=case, person=person, name=name, by=by, days=14, passcode=PASSCODE)
    home = f"/s/{token}/"
    assert client.get(home).status_code == 200
    assert client.post(home, {"action": "passcode", "passcode": PASSCODE}).status_code == 302
    return home, link


@pytest.fixture
def space(client, case, key_worker):
    return open_space(client, case, key_worker)


def photo_upload(data: bytes, name="me.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_the_page_says_who_sees_the_image_and_starts_from_a_first_image(client, space):
    home, _link = space
    page = client.get(f"{home}me/").content.decode()
    assert "This is how you'll look in your space. Your worker sees it too." in page
    assert "Jo Bennett (your worker)" in page
    assert 'class="act-avatar act-avatar--large"' in page and 'role="img"' in page
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page
    assert not Appearance.objects.exists()


def test_trying_an_image_shows_it_without_keeping_it(client, space):
    home, link = space
    response = client.post(f"{home}me/", {**CHOICES, "action": "try"})
    page = response.content.decode()
    assert response.status_code == 200 and "This is only a try." in page
    assert "black hair (afro), pink jumper with a collar" in page
    assert 'value="long_hair_fro" checked' in page
    assert not Appearance.objects.exists() and not LinkUse.objects.filter(link=link, event=LinkUse.Event.SAVED).exists()


def test_keeping_the_image_saves_it_records_it_and_the_space_wears_it_on_every_page(client, case, space):
    home, link = space
    response = client.post(f"{home}me/", {**CHOICES, "action": "keep"})
    assert response.status_code == 302 and response["Location"] == f"{home}me/"
    appearance = Appearance.objects.get(young_person=case.young_person)
    assert appearance.parts == {name: CHOICES[name] for name in Appearance.PARTS} and appearance.theme == "blue"
    assert appearance.changed_through == link and appearance.changed_by is None
    assert LinkUse.objects.filter(link=link, event=LinkUse.Event.SAVED).count() == 1
    assert AuditEvent.objects.filter(case=case, user=None, what="their image changed through their space link").exists()
    for path in (home, f"{home}me/"):
        page = client.get(path).content.decode()
        assert "act-yp act-yp--theme-blue" in page, path
        assert 'class="act-yp__me-link"' in page and "pink jumper with a collar" in page, path
    me = client.get(f"{home}me/").content.decode()
    assert "Your picture is saved." not in me  # said once, on the page after saving
    assert 'value="blue" checked' in me


def test_the_plan_the_space_opens_wears_her_image_and_colours_and_a_parents_space_does_not(
    client, case, key_worker, space
):
    from django.test import Client

    from plans.tests.helpers import a_plan

    a_plan(case, key_worker)
    home, _link = space
    before = client.get(f"{home}plan/").content.decode()
    assert "act-yp--theme" not in before and "act-yp__me-link" not in before and "My space" in before
    client.post(f"{home}me/", {**CHOICES, "action": "keep"})
    plan = client.get(f"{home}plan/").content.decode()
    assert "act-yp act-yp--theme-blue" in plan and 'class="act-yp__me-link"' in plan
    assert "pink jumper with a collar" in plan and f'href="{home}me/"' in plan
    mum = Client()
    mums_home, _ = open_space(mum, case, key_worker, person=Person.PARENT_CARER, name="Mum")
    for path in (mums_home, f"{mums_home}plan/"):
        page = mum.get(path).content.decode()
        assert "act-yp--theme" not in page and "pink jumper" not in page and "act-yp__me-link" not in page, path
        assert "Our space" in page, path


def test_the_same_image_twice_on_the_page_shares_no_id(client, case, key_worker, space):
    home, _link = space
    client.post(f"{home}me/", {**CHOICES, "action": "keep"})
    import re

    page = client.get(f"{home}me/").content.decode()
    ids = re.findall(r'\bid="(av[0-9a-f]{8}-[^"]*)"', page)
    assert len(ids) == len(set(ids)) and len({i[:11] for i in ids}) == 2


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"hair": "mohawk"}, "Choose one of the options for hair."),
        ({"theme": ""}, "Choose one for colours."),
        ({"skin": None}, "Choose one for skin."),
        ({"action": "delete-everything"}, ""),
    ],
)
def test_bad_choices_are_shown_and_nothing_is_kept(client, space, changes, message):
    home, link = space
    data = {key: value for key, value in {**CHOICES, "action": "keep", **changes}.items() if value is not None}
    response = client.post(f"{home}me/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Appearance.objects.exists() and not LinkUse.objects.filter(link=link, event=LinkUse.Event.SAVED).exists()


def test_a_photo_added_through_the_link_loses_its_hidden_details_and_is_served_only_there(client, case, space):
    home, link = space
    response = client.post(f"{home}me/", {"action": "photo", "photo": photo_upload(pictures.with_location())})
    assert response.status_code == 302
    appearance = Appearance.objects.get(young_person=case.young_person)
    assert appearance.photo and appearance.changed_through == link
    assert AuditEvent.objects.filter(case=case, what="their photo added through their space link").exists()
    served = client.get(f"{home}me/photo/")
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert {"private", "no-store"} <= {part.strip() for part in served["Cache-Control"].split(",")}
    assert not pictures.has_hidden_details(served.content)
    assert Image.open(io.BytesIO(served.content)).size == (800, 600)
    assert f'src="{home}me/photo/"' in client.get(f"{home}me/").content.decode()


@pytest.mark.parametrize(
    "upload,message",
    [
        (photo_upload(b"not a picture at all", name="holiday.jpg"), "not a photo we can use"),
        (photo_upload(b"\xff\xd8" + b"\0" * (photos.MAX_BYTES + 10)), "bigger than 5 MB"),
        (photo_upload(pictures.png_claiming(30000, 30000), name="big.png", content_type="image/png"), "too big"),
        (None, "Choose a photo to add."),
    ],
    ids=["text-named-jpg", "over-5-MB", "huge-picture", "no-file"],
)
def test_a_file_that_is_not_a_photo_we_can_use_is_refused_with_why(client, space, upload, message):
    home, _link = space
    data = {"action": "photo", **({"photo": upload} if upload is not None else {})}
    response = client.post(f"{home}me/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not Appearance.objects.filter(photo__gt="").exists()


def test_deleting_the_photo_asks_first_then_deletes_its_file(client, case, space, django_capture_on_commit_callbacks):
    home, link = space
    client.post(f"{home}me/", {"action": "photo", "photo": photo_upload(pictures.plain(fmt="JPEG"))})
    path = Appearance.objects.get().photo.path
    asked = client.get(f"{home}me/photo/remove/")
    assert asked.status_code == 200 and "Delete your photo?" in asked.content.decode()
    assert Appearance.objects.get().photo
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{home}me/photo/remove/")
    assert response.status_code == 302 and Appearance.objects.get().photo.name == ""
    import os

    assert not os.path.exists(path)
    assert AuditEvent.objects.filter(
        case=case, action="remove", what="their photo removed through their space link"
    ).exists()
    assert client.get(f"{home}me/photo/").status_code == 404


def test_a_parents_space_cannot_open_me_or_the_photo(client, case, key_worker):
    case_services.photo_save(young_person=case.young_person, data=pictures.plain(), by=key_worker)
    home, _link = open_space(client, case, key_worker, person=Person.PARENT_CARER, name="Mum")
    for path in ("me/", "me/photo/", "me/photo/remove/"):
        assert client.get(f"{home}{path}").status_code == 404, path
    assert client.post(f"{home}me/", {**CHOICES, "action": "keep"}).status_code == 404
    page = client.get(home).content.decode()
    assert "act-avatar" not in page and "theme-" not in page


def test_another_cases_space_cannot_see_this_cases_photo(client, case, key_worker):
    case_services.photo_save(young_person=case.young_person, data=pictures.with_location(), by=key_worker)
    other = CaseFactory(given_name="Jordan", team=case.team, key_worker=key_worker)
    home, _link = open_space(client, other, key_worker)
    response = client.get(f"{home}me/photo/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_the_photo_is_not_given_before_the_passcode(client, case, key_worker):
    case_services.photo_save(young_person=case.young_person, data=pictures.plain(), by=key_worker)
    _link, token = services.space_link_create(
        case=case, person=Person.YOUNG_PERSON, name="", by=key_worker, days=14, passcode=PASSCODE
    )
    response = client.get(f"/s/{token}/me/photo/")
    assert response["Content-Type"].startswith("text/html") and b"passcode" in response.content


def test_pages_under_me_that_do_not_exist_open_nothing(client, space):
    home, _link = space
    for path in ("me/nothing/", "me/photo/extra/", "me/photo/remove/now/"):
        assert client.get(f"{home}{path}").status_code == 404, path
    assert client.post(f"{home}me/photo/", {}).status_code == 404


def test_the_pages_of_me_are_valid_html(client, case, space):
    from act import htmlcheck

    if htmlcheck.unavailable():
        pytest.skip(htmlcheck.unavailable() or "")
    home, _link = space
    pages = {"me, first time": client.get(f"{home}me/").content.decode()}
    pages["me, a try"] = client.post(f"{home}me/", {**CHOICES, "action": "try"}).content.decode()
    pages["me, a wrong choice"] = client.post(f"{home}me/", {**CHOICES, "hair": "x", "action": "keep"}).content.decode()
    pages["me, not a photo"] = client.post(
        f"{home}me/", {"action": "photo", "photo": photo_upload(b"text")}
    ).content.decode()
    client.post(f"{home}me/", {**CHOICES, "action": "keep"})
    client.post(f"{home}me/", {"action": "photo", "photo": photo_upload(pictures.plain(fmt="JPEG"))})
    pages["me, with an image and a photo"] = client.get(f"{home}me/").content.decode()
    pages["home, in their colours"] = client.get(home).content.decode()
    pages["deleting the photo"] = client.get(f"{home}me/photo/remove/").content.decode()
    found, _unused = htmlcheck.errors(pages, ignored=[])
    assert not found, "\n".join(map(str, found))
