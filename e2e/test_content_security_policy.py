"""The Content Security Policy in a real browser: it refuses inline script and style, the `check` fixture
notices when it does, and no page of the service trips it."""

from collections import Counter

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Response, expect

from act.urlwalk import all_urls, concrete_path
from cases.models import Case, ConcernEntry, Referral, ReferralImport


@pytest.mark.parametrize("path", ["/account/sign-in/", "/s/not-a-real-link/"])
def test_the_pages_are_marked_for_javascript_by_a_static_file(page, demo, check, path):
    page.goto(demo.url + path)
    classes = page.evaluate("document.body.className").split()
    assert {"js-enabled", "govuk-frontend-supported"} <= set(classes)
    check("js-enabled" + path.replace("/", "-").rstrip("-"))


def test_the_browser_refuses_inline_script_and_style_and_the_check_notices(page, demo, policy_problems):
    page.goto(f"{demo.url}/account/sign-in/")

    page.evaluate(
        """() => {
          const script = document.createElement('script')
          script.textContent = 'window.inlineScriptRan = true'
          document.head.append(script)
          document.querySelector('main, body').setAttribute('style', 'background: rgb(255, 0, 0)')
        }"""
    )

    assert page.evaluate("window.inlineScriptRan") is None
    background = page.evaluate("getComputedStyle(document.querySelector('main, body')).backgroundColor")
    assert background != "rgb(255, 0, 0)"
    # Both ways the browser tells: its console messages and the securitypolicyviolation events.
    expected = [
        "Executing inline script violates the following Content Security Policy directive",
        "Applying inline style violates the following Content Security Policy directive",
        "securitypolicyviolation: script-src-elem refused inline",
        "securitypolicyviolation: style-src-attr refused inline",
    ]
    for _ in range(20):  # the messages arrive a moment after the violations
        found = "\n".join(policy_problems)
        if all(words in found for words in expected):
            break
        page.wait_for_timeout(100)
    assert all(words in found for words in expected), found
    policy_problems.clear()  # seen and expected: the fixture's own check at the end must pass


class Walk:
    """Opens URLs in the browser, as following a link would. Each URL is asked for once, by the browser; when
    the browser cannot open it, its answer says why: an action taking POST only (an empty 405) or a download
    (a CSV or PDF file)."""

    def __init__(self, page):
        self.page = page
        self.answers: dict[str, Response] = {}  # the first answer to each URL, not followed if it redirects
        self.error_pages: list[str] = []
        page.on("response", self._on_response)
        page.on("framenavigated", self._on_navigation)

    def _on_response(self, response: Response) -> None:
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            self.answers.setdefault(response.url, response)

    def _on_navigation(self, frame) -> None:
        if frame == self.page.main_frame and frame.url.startswith("chrome-error:"):
            self.error_pages.append(frame.url)

    def open(self, name: str, url: str) -> str:
        """What `url` is: "page" (opened), "post only" or "download"."""
        self.answers.clear()
        self.error_pages.clear()
        try:
            self.page.goto(url)
        except PlaywrightError as error:
            answer = self.answers.get(url)
            if answer is not None and answer.status == 405:
                # An action (signing out, marking read, ...): an empty answer, which Chromium shows as its own
                # error page, a navigation of its own that would interrupt the next one: it is let load first.
                if not self.error_pages:
                    self.page.wait_for_event("framenavigated", lambda frame: frame.url.startswith("chrome-error:"))
                self.page.wait_for_load_state()
                return "post only"
            if answer is not None and answer.headers.get("content-disposition", "").startswith("attachment"):
                return "download"  # a file: nothing for the browser to draw
            raise AssertionError(f"{name}: the browser could not open {url}") from error
        return "page"

    def close(self) -> None:
        self.page.remove_listener("response", self._on_response)
        self.page.remove_listener("framenavigated", self._on_navigation)


def walk(page, urls: list[tuple[str, str]], policy_problems) -> Counter:
    """Open every (name, url) in the browser and assert that the browser reports nothing against the
    policies on the way; how many were pages, actions taking POST only, downloads."""
    kinds: Counter = Counter()
    walking = Walk(page)
    for name, url in urls:
        kinds[walking.open(name, url)] += 1
        assert not policy_problems, f"{name}:\n" + "\n".join(policy_problems)
    walking.close()
    return kinds


def test_no_page_trips_the_policy(page, demo, sign_in, policy_problems):
    """Every URL pattern, opened as the manager of ACT Rochdale (who may open every page of the team),
    with the demo's own case, referral and import; pages for administrators answer with the admin's
    sign-in page."""
    sign_in("manager")
    case = Case.objects.get(young_person__given_name="Destiny")
    referral = Referral.objects.filter(team=case.team).first()
    upload = ReferralImport.objects.create(
        team=case.team, created_by=case.key_worker, file_name="referrals.csv", content="council_reference\r\n"
    )
    concern = ConcernEntry.objects.filter(team=case.team).first()
    objects = {"case": case, "referral": referral, "import": upload, "concern": concern}
    urls = [(name, demo.url + concrete_path(name, pattern, objects)) for name, pattern in all_urls()]
    kinds = walk(page, urls, policy_problems)
    print(f"{kinds['page']} pages opened with no policy problem; {kinds['post only']} take POST only; ", end="")
    print(f"{kinds['download']} are downloads")
    assert kinds.total() == len(all_urls()) and kinds["page"] > 50


def test_no_admin_page_trips_the_policy(page, demo, sign_in, policy_problems):
    """Django's own admin pages, opened as the administrator (signed in with both steps)."""
    sign_in("admin")
    page.goto(f"{demo.url}/admin/")
    assert page.url == f"{demo.url}/admin/"
    # The admin's patterns have no {pk} of ours.
    urls = [
        (name, f"{demo.url}/{pattern}")
        for name, pattern in all_urls()
        if name.startswith("admin:") and name != "admin:logout"
    ]
    kinds = walk(page, urls, policy_problems)
    print(f"{kinds['page']} admin pages opened with no policy problem")
    assert kinds["page"] > 20


def test_a_file_too_large_gets_the_plain_413_page(page, demo, sign_in, check):
    sign_in("manager")
    page.goto(f"{demo.url}/referrals/import/")
    too_big = b"council_reference\r\n" + b"x" * (7 * 1024 * 1024)
    page.get_by_label("Upload a CSV file").set_input_files(
        {"name": "referrals.csv", "mimeType": "text/csv", "buffer": too_big}
    )
    page.get_by_role("button", name="Upload and check the file").click()
    expect(page.get_by_role("heading", name="Sorry, that was too large to send")).to_be_visible()
    expect(page.get_by_text("at most 6 MB")).to_be_visible()
    check("request-too-large")
    assert not ReferralImport.objects.exists()
