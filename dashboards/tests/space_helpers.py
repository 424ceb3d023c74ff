"""Opening a space as its young person (or a parent) would: the link, its passcode, and the addresses of
its pages. Shared by the tests of the space's pages."""

from django.urls import reverse

from cases.models import Person
from dashboards.services import space_link_create

PASSCODE = "otter"


def open_space(client, case, by, *, person=Person.YOUNG_PERSON, name=""):
    """A space link for `person`, opened with its passcode in `client`; its home address and the link."""
    link, token = space_link_create(case=case, person=person, name=name, by=by, days=14, passcode=PASSCODE)
    home = reverse("shared-link", args=[token])
    client.get(home)
    answer = client.post(home, {"action": "passcode", "passcode": PASSCODE})
    assert answer.status_code == 302, "the passcode was not accepted"
    return home, link
