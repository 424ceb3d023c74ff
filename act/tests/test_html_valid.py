"""Every page is valid HTML, as the Nu Html Checker (the W3C's) reads it.

The pages are those the URL walk opens (`act/urlwalk.py`): every page of the service as the team's manager,
on a case with something on every page, open and then closed, and as the key worker; the admin's pages as
the administrator; the pages anyone may open without signing in; and what a young person sees through their
link (their part, the passcode page, a wrong passcode, their words once sent, a link that does not work).
The checker runs once over all of them (`act/htmlcheck.py`); the messages it may leave out are listed
there, each with its reason.
"""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from act import htmlcheck
from act.urlwalk import all_urls, concrete_path, make_rochdale_record
from cases import services

pytestmark = pytest.mark.skipif(htmlcheck.unavailable() is not None, reason=htmlcheck.unavailable() or "")

# A page shown with a form holds a CSRF token that differs each time: two pages alike but for it are one.
CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


class Pages:
    """The HTML of each page opened, by a name that says which page and as whom; a page the same as
    one already kept (an error page reached by many paths) is kept once."""

    def __init__(self):
        self.html: dict[str, str] = {}
        self._seen: set[str] = set()

    def add(self, name: str, response) -> bool:
        if response.status_code in (301, 302, 303, 405) or not response["Content-Type"].startswith("text/html"):
            return False
        html = response.content.decode()
        key = CSRF_TOKEN.sub("", html)
        if key not in self._seen:
            self._seen.add(key)
            self.html[name] = html
        return True

    def walk(self, client, who: str, objects: dict, area: str = "") -> dict[str, int]:
        """Open every page (whose URL name starts with `area`) as `client`; the status of each."""
        statuses = {}
        for name, path in all_urls():
            if not name.startswith(area):
                continue
            concrete = concrete_path(name, path, objects)
            response = client.get(concrete)
            statuses[name] = response.status_code
            self.add(f"{name} as {who}: {concrete}", response)
        return statuses


def young_persons_pages(pages: Pages, rochdale, key_worker) -> None:
    from assessments import services as assessment_services
    from assessments.sections import Audience, SectionKind

    cache.clear()  # the links' rate limits
    section = rochdale["case"].assessment.sections.get(kind=SectionKind.ABOUT_ME)
    young_person = Client()
    path = f"/s/{rochdale['token']}/"
    pages.add(f"shared-link, a young person's part: {path}", young_person.get(path))
    pages.add(
        f"shared-link, sent with nothing written: {path}",
        young_person.post(path, {"action": "send", "text": " ", "version": 0}),
    )
    # The refused send kept what was there (nothing) as version 1.
    assert young_person.post(path, {"action": "send", "text": "I like music", "version": 1}).status_code == 302
    sent = young_person.get(path)
    assert "What happens next" in sent.content.decode()  # a link without a passcode does not show the words again
    pages.add(f"shared-link, a young person's part once sent: {path}", sent)
    pages.add(
        f"shared-link, writing more: {path}", young_person.get(young_person.post(path, {"action": "more"})["Location"])
    )

    _link, token = assessment_services.section_link_create(
        section=section, person=Audience.PARENT_CARER, name="Sam", by=key_worker, passcode="purple cat"
    )
    carer = Client()
    path = f"/s/{token}/"
    pages.add(f"shared-link, the passcode page: {path}", carer.get(path))
    pages.add(f"shared-link, a wrong passcode: {path}", carer.post(path, {"action": "passcode", "passcode": "no"}))
    pages.add("shared-link, a link that does not work: /s/no-such-link/", carer.get("/s/no-such-link/"))
    cache.clear()


@pytest.fixture
def rochdale(key_worker):
    from assessments import services as assessment_services
    from assessments.sections import Audience, SectionKind

    objects = make_rochdale_record(key_worker)
    section = objects["case"].assessment.sections.get(kind=SectionKind.ABOUT_ME)
    _link, objects["token"] = assessment_services.section_link_create(
        section=section, person=Audience.YOUNG_PERSON, name="", by=key_worker
    )
    return objects


def test_every_page_is_valid_html(client_for, browser_for, key_worker, manager, administrator, rochdale):
    pages = Pages()
    pages.walk(Client(), "anyone", rochdale)
    young_persons_pages(pages, rochdale, key_worker)
    opened = pages.walk(client_for(manager), "the manager", rochdale)
    # The key worker's pages have forms the manager's have not (their own words on an assessment part).
    pages.walk(browser_for(key_worker), "the key worker", rochdale)
    as_administrator = browser_for(administrator)
    admin = pages.walk(as_administrator, "the administrator", rochdale, area="admin:")
    # The walk's admin pages of one object take the object 1, which may not exist: a person's pages, for one who does.
    for name, path in (("accounts_user_change", "change"), ("auth_user_password_change", "password")):
        concrete = f"/admin/accounts/user/{key_worker.pk}/{path}/"
        assert pages.add(f"admin:{name} as the administrator: {concrete}", as_administrator.get(concrete)), concrete
    services.case_close(case=rochdale["case"], reason="Goals met", outcome="goals_met", by=manager)
    pages.walk(client_for(manager), "the manager, once the case is closed", rochdale)
    assert sum(status == 200 for status in opened.values()) >= 40, opened
    assert sum(status == 200 for status in admin.values()) >= 10, admin

    found, unused = htmlcheck.errors(pages.html)

    assert not found, f"{len(found)} HTML errors in {len(pages.html)} pages:\n" + "\n".join(map(str, found))
    assert not unused, f"act/htmlcheck.py's IGNORED has entries that no longer match anything: {unused}"


def test_the_check_names_the_page_and_line_and_leaves_out_only_what_is_listed():
    timeline = (
        '<!DOCTYPE html>\n<html lang="en"><title>t</title>\n<p><time datetime="2026-12-03T10:00:00.123456Z">x</time>'
    )
    part = '<!DOCTYPE html>\n<html lang="en"><title>t</title>\n<p id="a">x</p><p id="a">y</p>'
    used = htmlcheck.Ignored(pages="^assessments:", message="^Duplicate ID", reason="a test")
    unused = htmlcheck.Ignored(pages=".", message="never said", reason="a test")
    pages = {"cases:timeline as the manager: /cases/1/timeline/": timeline, "assessments:section: /a/": part}

    found, not_matched = htmlcheck.errors(pages, ignored=[used, unused])

    assert [(message.page, message.line) for message in found] == [
        ("cases:timeline as the manager: /cases/1/timeline/", 3)
    ]
    assert "datetime" in found[0].text and "123456" in found[0].extract
    assert not_matched == [unused]
