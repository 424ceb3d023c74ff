"""The young person's own image: its choices checked, drawn once as SVG fit for a page, their photo cleaned of
its hidden details and kept where no web server serves it, shown to staff who may see the case and to
nobody else, and every change recorded."""

import io
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from cases import avatar, photos, services
from cases.models import Appearance, AuditEvent, Theme
from cases.services.appearance import CHOICES, AppearanceError
from cases.tests import pictures

CHOSEN = {
    "skin": "dark_brown",
    "hair": "long_hair_curly",
    "hair_colour": "auburn",
    "clothes": "hoodie",
    "clothes_colour": "pastel_green",
    "accessories": "round",
    "eyes": "happy",
    "mouth": "twinkle",
    "theme": "green",
}


def keep(case, by, **changes):
    return services.appearance_save(young_person=case.young_person, choices={**CHOSEN, **changes}, by=by)


def ids_of(svg: str) -> list[str]:
    return re.findall(r'\bid="([^"]+)"', svg)


# The image itself


def every_choice():
    """Each choice of each part, and each hair over each kind of clothes (they overlap), the clothes taken in
    turn: every hair and every kind of clothes meet at least once, without drawing all of their pairs."""
    for name, options in CHOICES.items():
        for value in options.values:
            yield {**CHOSEN, name: value}
    clothes = CHOICES["clothes"].values
    for number, hair in enumerate(CHOICES["hair"].values):
        yield {**CHOSEN, "hair": hair, "clothes": clothes[number % len(clothes)]}


def test_every_choice_draws_an_image_that_names_itself_and_runs_nothing():
    for parts in every_choice():
        svg = avatar.render({name: parts[name] for name in Appearance.PARTS}, parts["theme"])
        assert svg.startswith("<svg") and 'role="img"' in svg and "<title " in svg
        title_id = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
        assert f'<title id="{title_id}">A cartoon person: ' in svg
        assert not re.search(r"<script|<style|\sstyle=|\son\w+=|<foreignObject|<\?xml|<!DOCTYPE", svg), parts
        referenced = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))
        assert referenced <= set(ids_of(svg)), "an id the image refers to is missing"


def test_an_image_with_anything_that_could_run_is_refused(monkeypatch):
    for bad in (
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><g onload="alert(1)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg"><g style="background: url(x)"/></svg>',
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="https://x/y.svg#a"/></svg>',
    ):
        monkeypatch.setattr(avatar, "_draw", lambda parts, theme, bad=bad: bad)
        with pytest.raises(avatar.UnsafeImage):
            avatar.render({name: CHOSEN[name] for name in Appearance.PARTS}, "blue")


def test_the_image_is_written_the_same_whatever_prefixes_other_code_registered(monkeypatch):
    # WeasyPrint registers namespace prefixes for the whole process when it makes a PDF.
    from xml.etree import ElementTree

    monkeypatch.setattr(ElementTree, "_namespace_map", dict(ElementTree._namespace_map))
    ElementTree.register_namespace("", "urn:another")
    ElementTree.register_namespace("svg", avatar.SVG)
    ElementTree.register_namespace("x", avatar.XLINK)
    svg = avatar.render({name: CHOSEN[name] for name in Appearance.PARTS}, "blue")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ')
    assert "xlink:href=" in svg and not re.search(r"<\w+:", svg)


def test_two_images_on_one_page_share_no_id_even_when_they_look_the_same():
    parts = {name: CHOSEN[name] for name in Appearance.PARTS}
    first, second = avatar.render(parts, "blue"), avatar.render(parts, "blue")
    assert len(ids_of(first)) == len(set(ids_of(first))) > 5
    assert not set(ids_of(first)) & set(ids_of(second))
    again = avatar.with_new_ids(first)
    assert not set(ids_of(first)) & set(ids_of(again)) and len(ids_of(again)) == len(ids_of(first))


def test_the_same_choices_are_drawn_once_and_give_the_same_picture():
    parts = {name: CHOSEN[name] for name in Appearance.PARTS}
    avatar._drawn.cache_clear()
    first = avatar.render(parts, "blue")
    second = avatar.render(dict(reversed(parts.items())), "blue")
    assert avatar._drawn.cache_info().misses == 1, "the library was asked again for a picture it had drawn"
    assert re.sub(r"av[0-9a-f]{8}-", "", first) == re.sub(r"av[0-9a-f]{8}-", "", second)
    assert not set(ids_of(first)) & set(ids_of(second))
    avatar.render({**parts, "eyes": "wink"}, "blue")
    assert avatar._drawn.cache_info().misses == 2, "other choices are another picture"


def test_the_image_says_what_it_shows():
    words = avatar.describe({name: CHOSEN[name] for name in Appearance.PARTS})
    assert words == "A cartoon person: dark brown skin, auburn hair (long and curly), mint green hoodie, round glasses"
    hijab = avatar.describe(
        {**{name: CHOSEN[name] for name in Appearance.PARTS}, "hair": "hijab", "accessories": "default"}
    )
    assert hijab == "A cartoon person: dark brown skin, mint green hijab, mint green hoodie"


def test_the_image_is_drawn_once_when_kept_and_the_change_is_recorded(case, key_worker):
    appearance = keep(case, key_worker)
    appearance.refresh_from_db()
    assert appearance.young_person == case.young_person and appearance.parts == {
        name: CHOSEN[name] for name in Appearance.PARTS
    }
    assert appearance.theme == "green" and appearance.changed_by == key_worker and appearance.changed_through is None
    assert "mint green hoodie" in appearance.svg and 4_000 < len(appearance.svg) < 30_000
    assert AuditEvent.objects.filter(case=case, user=key_worker, what="their image changed by a worker").exists()
    keep(case, key_worker, theme="night")
    assert Appearance.objects.filter(young_person=case.young_person).get().theme == "night"


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"skin": "green"}, "skin"),
        ({"hair": "SHORT_HAIR_SHORT_FLAT"}, "hair"),
        ({"theme": "rainbow"}, "theme"),
        ({"accessories": ""}, "accessories"),
        ({"eyes": None}, "eyes"),
        ({"facial_hair": "beard_majestic"}, "facial_hair"),
    ],
)
def test_choices_not_on_their_list_are_refused(case, key_worker, changes, message):
    with pytest.raises(AppearanceError, match=message.replace("_", ".")):
        keep(case, key_worker, **changes)
    assert not Appearance.objects.exists() and not AuditEvent.objects.filter(what__startswith="their image").exists()


def test_a_missing_choice_is_refused(case, key_worker):
    choices = {name: value for name, value in CHOSEN.items() if name != "mouth"}
    with pytest.raises(AppearanceError, match="mouth"):
        services.appearance_save(young_person=case.young_person, choices=choices, by=key_worker)
    assert not Appearance.objects.exists()


def test_a_change_is_made_by_a_worker_or_through_the_link_and_never_by_nobody(case):
    with pytest.raises(AppearanceError):
        services.appearance_save(young_person=case.young_person, choices=CHOSEN)
    assert not Appearance.objects.exists()


# The themes


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


TEXT, LINK, WHITE = "#0b0c0c", "#1d70b8", "#ffffff"


@pytest.mark.parametrize("theme", Theme.values)
def test_each_theme_meets_wcag_aa_contrast_with_the_writing_on_it(theme):
    colours = avatar.THEMES[theme]
    assert contrast(WHITE, colours.accent) >= 4.5, "the white writing on the header band"
    assert contrast(TEXT, colours.soft) >= 4.5, "the page's writing around the card"
    assert contrast(LINK, colours.soft) >= 4.5, "a link around the card"


def test_the_stylesheet_has_each_theme_with_the_same_colours(settings):
    scss = (Path(settings.BASE_DIR) / "static/scss/young_person.scss").read_text()
    assert set(avatar.THEMES) == set(Theme.values)
    for theme, colours in avatar.THEMES.items():
        assert f'"{theme}": (accent: {colours.accent}, soft: {colours.soft}),' in scss, theme


# The photo


def test_a_photo_loses_where_and_when_it_was_taken_and_is_made_smaller(case, key_worker):
    original = pictures.with_location(size=(2400, 1800))
    assert pictures.has_hidden_details(original)
    appearance = services.photo_save(young_person=case.young_person, data=original, by=key_worker)
    kept = photos.read(appearance.photo.name)
    assert not pictures.has_hidden_details(kept)
    picture = Image.open(io.BytesIO(kept))
    assert picture.format == "JPEG" and picture.size == (800, 600)
    assert AuditEvent.objects.filter(case=case, user=key_worker, what="their photo added by a worker").exists()


def test_a_png_with_see_through_parts_or_a_webp_is_kept_as_a_plain_jpeg(case, key_worker):
    for data in (pictures.plain(mode="RGBA"), pictures.plain(fmt="WEBP"), pictures.with_location(fmt="PNG")):
        appearance = services.photo_save(young_person=case.young_person, data=data, by=key_worker)
        kept = Image.open(io.BytesIO(photos.read(appearance.photo.name)))
        assert kept.format == "JPEG" and kept.mode == "RGB" and not kept.getexif()


@pytest.mark.parametrize(
    "data,message",
    [
        (b"This is a text file with a .jpg name\n", "not a photo we can use"),
        (b"", "empty"),
        (pictures.plain(fmt="GIF", mode="P"), "not a photo we can use"),
        (pictures.with_location()[:2000], "could not be opened"),
        (b"\xff\xd8\xff" + b"\0" * (photos.MAX_BYTES + 1), "bigger than 5 MB"),
        (pictures.png_claiming(8000, 8000), "too big"),
        (pictures.png_claiming(20000, 20000), "too big"),
    ],
    ids=["text", "empty", "gif", "cut-short", "over-5-MB", "huge-picture", "decompression-bomb"],
)
def test_files_that_are_not_photos_we_can_use_are_refused_and_nothing_is_kept(
    case, key_worker, settings, tmp_path, data, message
):
    settings.PRIVATE_FILES_ROOT = tmp_path
    with pytest.raises(photos.PhotoError, match=message):
        services.photo_save(young_person=case.young_person, data=data, by=key_worker)
    assert not Appearance.objects.filter(photo__gt="").exists() and not list(tmp_path.rglob("*.*"))


def test_a_photo_cut_short_is_refused_even_where_pillow_was_told_to_read_such_pictures(case, key_worker, monkeypatch):
    # WeasyPrint tells Pillow, for the whole process, to read pictures that are cut short.
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(photos.PhotoError, match="could not be opened"):
        services.photo_save(young_person=case.young_person, data=pictures.with_location()[:2000], by=key_worker)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True


def test_photos_are_kept_in_the_private_folder_which_has_no_address(case, key_worker, settings):
    appearance = services.photo_save(young_person=case.young_person, data=pictures.plain(), by=key_worker)
    path = Path(appearance.photo.path)
    assert path.is_file() and path.is_relative_to(settings.PRIVATE_FILES_ROOT)
    assert not path.is_relative_to(settings.MEDIA_ROOT) and not path.is_relative_to(settings.BASE_DIR / "static")
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    with pytest.raises(ValueError, match="no address"):
        appearance.photo.url  # noqa: B018  # asking is the test


def test_the_default_private_folder_is_under_var_and_not_the_media_folder():
    from act import settings as project_settings

    assert project_settings.PRIVATE_FILES_ROOT.is_relative_to(project_settings.VAR_DIR)
    assert not project_settings.PRIVATE_FILES_ROOT.is_relative_to(project_settings.MEDIA_ROOT)


def test_a_new_photo_replaces_the_old_one_and_removing_it_deletes_the_file(
    case, key_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = Path(
            services.photo_save(young_person=case.young_person, data=pictures.plain(), by=key_worker).photo.path
        )
    with django_capture_on_commit_callbacks(execute=True):
        second = Path(
            services.photo_save(young_person=case.young_person, data=pictures.plain((50, 50)), by=key_worker).photo.path
        )
    assert not first.exists() and second.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.photo_remove(young_person=case.young_person, by=key_worker)
    assert not second.exists()
    assert Appearance.objects.get().photo.name == ""
    assert AuditEvent.objects.filter(case=case, action="remove", what="their photo removed by a worker").exists()


# Staff pages


@pytest.fixture
def with_photo(case, key_worker):
    keep(case, key_worker)
    return services.photo_save(young_person=case.young_person, data=pictures.with_location(), by=key_worker)


def test_staff_who_may_see_the_case_get_the_photo_never_cached_and_the_look_is_recorded(
    client_for, case, key_worker, with_photo
):
    response = client_for(key_worker).get(reverse("cases:photo", args=[case.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, no-store"
    assert not pictures.has_hidden_details(response.content)
    assert AuditEvent.objects.filter(case=case, user=key_worker, action="view", what="their photo").exists()


def test_a_partner_added_to_the_case_gets_the_photo(client_for, case, partner_with_grant, with_photo):
    assert client_for(partner_with_grant).get(reverse("cases:photo", args=[case.pk])).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "partner_without_grant"])
def test_people_who_may_not_see_the_case_get_404_for_the_photo(request, client_for, case, with_photo, who):
    response = client_for(request.getfixturevalue(who)).get(reverse("cases:photo", args=[case.pk]))
    assert response.status_code == 404 and b"\xff\xd8" not in response.content[:2]
    assert not AuditEvent.objects.filter(what="their photo", action="view").exists()


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in_for_the_photo(client, case, with_photo):
    response = client.get(reverse("cases:photo", args=[case.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/account/sign-in/")


def test_a_case_with_no_photo_answers_404(client_for, case, key_worker):
    assert client_for(key_worker).get(reverse("cases:photo", args=[case.pk])).status_code == 404
    keep(case, key_worker)
    assert client_for(key_worker).get(reverse("cases:photo", args=[case.pk])).status_code == 404


def test_the_case_header_shows_their_image_and_a_link_to_their_photo(client_for, case, key_worker, with_photo):
    page = client_for(key_worker).get(reverse("cases:network", args=[case.pk])).content.decode()
    header = page[page.index('class="act-case-header') : page.index("moj-sub-navigation")]
    assert 'class="act-avatar act-avatar--small"' in header and "auburn hair (long and curly)" in header
    assert f'href="{reverse("cases:photo", args=[case.pk])}"' in header


def test_the_case_header_shows_no_image_and_no_photo_link_before_they_make_one(client_for, case, key_worker):
    page = client_for(key_worker).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "act-avatar" not in page and reverse("cases:photo", args=[case.pk]) not in page


def test_the_image_costs_the_case_overview_no_query(client_for, case, key_worker):
    client = client_for(key_worker)
    url = reverse("cases:detail", args=[case.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as without:
        client.get(url)
    keep(case, key_worker)
    services.photo_save(young_person=case.young_person, data=pictures.plain(), by=key_worker)
    with CaptureQueriesContext(connection) as with_image:
        page = client.get(url).content.decode()
    assert "act-avatar" in page
    assert len(with_image) == len(without)


# The demo


def test_the_demo_gives_destiny_an_image_and_pink_colours_but_no_photo(db, settings, tmp_path):
    from django.core.management import call_command

    settings.DEMO = True
    for _time in range(2):  # seeding again changes nothing
        call_command("seed_demo", f"--backup-codes-file={tmp_path / 'codes.txt'}", stdout=io.StringIO())
    appearance = Appearance.objects.get()
    assert appearance.young_person.given_name == "Destiny" and appearance.theme == "pink"
    assert not appearance.photo and "golden hair (long and straight)" in appearance.svg


# Staff deleting a photo


def test_the_key_worker_deletes_a_photo_after_a_confirmation_and_its_file_goes(
    client_for, case, key_worker, with_photo, django_capture_on_commit_callbacks
):
    client = client_for(key_worker)
    url = reverse("cases:photo-remove", args=[case.pk])
    assert 'href="' + url + '"' in client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    path = Path(with_photo.photo.path)
    asked = client.get(url)
    assert asked.status_code == 200 and "Delete their photo?" in asked.content.decode() and path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.pk])
    assert not path.exists() and Appearance.objects.get().photo.name == "" and Appearance.objects.get().svg
    assert AuditEvent.objects.filter(case=case, user=key_worker, what="their photo removed by a worker").exists()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("who", ["outsider", "partner_with_grant", "partner_without_grant"])
def test_people_who_may_not_change_the_case_cannot_delete_the_photo(request, client_for, case, with_photo, who):
    client = client_for(request.getfixturevalue(who))
    url = reverse("cases:photo-remove", args=[case.pk])
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    assert Appearance.objects.get().photo
    if who == "partner_with_grant":
        assert url not in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


def test_a_closed_cases_photo_is_not_deleted(client_for, case, key_worker, with_photo):
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=key_worker)
    response = client_for(key_worker).post(reverse("cases:photo-remove", args=[case.pk]))
    assert "This case is closed" in response.content.decode() and Appearance.objects.get().photo
