"""Opening a space as its person would: the link made by their worker, then the passcode at the door."""

import re

from cases.models import Person
from dashboards import services

PASSCODE = "otter7"


def open_space(client, case, by, *, person=Person.YOUNG_PERSON, name="", passcode=PASSCODE):
    """Make a space link and give its passcode in `client`; returns (link, home address)."""
    link, token = services.space_link_create(case=case, person=person, name=name, by=by, days=14, passcode=passcode)
    home = f"/s/{token}/"
    answer = client.post(home, {"action": "passcode", "passcode": passcode})
    assert answer.status_code == 302, answer.status_code
    return link, home


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))
