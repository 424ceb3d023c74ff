"""Hostile input to the young person's page "me" in their space (/s/<token>/me/): its POST fields (`action`:
try, keep or photo; each part of the image and the theme; a file that may or may not be a photo) in any
order and number. Whatever is sent, nothing breaks, and what is kept is always one of each list; the space
and the case's pages still draw it."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from cases.models import Appearance, Person
from cases.services.appearance import CHOICES
from cases.tests import pictures
from dashboards import services

from . import tally
from .checks import Visitor, attempt
from .inputs import HOSTILE, Field, bad, choice, form

SPACE = "shared-link-page (me)"
PASSCODE = "otter"

FILES = {
    "photo": pictures.plain(fmt="JPEG"),
    "text": b"<script>alert(1)</script>",
    "bomb": pictures.png_claiming(20000, 20000),
    "empty": b"",
}

step = form(
    action=choice(["try", "keep", "photo"]),
    photo=Field(st.sampled_from(["photo"]), bad(st.sampled_from(sorted(FILES)))),
    **{name: choice(list(options.values)) for name, options in CHOICES.items()},
)


def _as_posted(data: dict) -> dict:
    photo = data.get("photo")
    if isinstance(photo, str) and photo in FILES:
        data = {**data, "photo": SimpleUploadedFile(f"{photo}.jpg", FILES[photo], content_type="image/jpeg")}
    return data


@given(drawn=st.lists(step, min_size=1, max_size=3))
@HOSTILE
def test_the_young_persons_image(key_worker, case, drawn):
    with attempt(SPACE) as young_person:
        _link, token = services.space_link_create(
            case=case, person=Person.YOUNG_PERSON, name="", by=key_worker, days=14, passcode=PASSCODE
        )
        home = f"/s/{token}/"
        young_person.get(home)
        young_person.post(home, {"action": "passcode", "passcode": PASSCODE})
        for data in drawn:
            response = young_person.post(f"{home}me/", _as_posted(data))
            assert response.status_code in (200, 302, 400), f"POST me answered {response.status_code}"
            if response.status_code == 302 and not young_person.accepted:
                young_person.accepted = True
                tally.accepted(SPACE)
        for kept in Appearance.objects.all():
            for part, options in CHOICES.items():
                assert getattr(kept, part) in options.values, part
            assert kept.svg.startswith("<svg") and "<script" not in kept.svg
        young_person.get(f"{home}me/")
        young_person.get(home)
        worker = Visitor(SPACE, key_worker)
        worker.get(reverse("cases:detail", args=[case.pk]))
        if Appearance.objects.filter(photo__gt="").exists():
            assert worker.get(reverse("cases:photo", args=[case.pk]))["Content-Type"] == "image/jpeg"
            assert young_person.get(f"{home}me/photo/")["Content-Type"] == "image/jpeg"
