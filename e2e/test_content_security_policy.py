"""The Content Security Policy in a real browser: it refuses inline script and style, the `check` fixture
notices when it does, and no page of the service trips it."""

import pytest
from playwright.sync_api import expect

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
    opened, post_only, files = 0, 0, 0
    for name, pattern in all_urls():
        url = demo.url + concrete_path(name, pattern, objects)
        answer = page.request.get(url, max_redirects=0)
        if answer.status == 405:
            post_only += 1  # an action (signing out, marking read, ...): an empty answer, no page to draw
            continue
        if answer.headers.get("content-disposition", "").startswith("attachment"):
            files += 1  # a download (a CSV file): nothing for the browser to draw
            continue
        page.goto(url)
        opened += 1
        assert not policy_problems, f"{name}:\n" + "\n".join(policy_problems)
    print(f"{opened} pages opened with no policy problem; {post_only} take POST only; {files} are downloads")
    assert opened + post_only + files == len(all_urls()) and opened > 50


def test_no_admin_page_trips_the_policy(page, demo, sign_in, policy_problems):
    """Django's own admin pages, opened as the administrator (signed in with both steps)."""
    sign_in("admin")
    page.goto(f"{demo.url}/admin/")
    page.wait_for_url(f"{demo.url}/admin/")
    opened = 0
    for name, pattern in all_urls():
        if not name.startswith("admin:") or name == "admin:logout":
            continue
        url = f"{demo.url}/{pattern}"  # the admin's patterns have no {pk} of ours
        if page.request.get(url, max_redirects=0).status == 405:
            continue
        page.goto(url)
        opened += 1
        assert not policy_problems, f"{name}:\n" + "\n".join(policy_problems)
    print(f"{opened} admin pages opened with no policy problem")
    assert opened > 20


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
