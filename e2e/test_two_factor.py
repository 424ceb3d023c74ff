"""Two-factor sign-in in the browser: setting up an app, codes and backup codes, the account page and
signing out everywhere."""

import re
import time
from base64 import b32decode

from django_otp.oath import TOTP
from playwright.sync_api import expect

from accounts.demo import DEMO_PASSWORD
from accounts.tests.factories import TeamFactory, UserFactory

from .conftest import app_code

CODE_LABEL = "Code from your authenticator app, or a backup code"


def password_step(page, url, username, password=DEMO_PASSWORD):
    page.goto(f"{url}/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_a_new_person_sets_up_an_app_and_keeps_their_backup_codes(page, demo, check):
    UserFactory(username="newstarter", first_name="Sam", last_name="Ali", team=TeamFactory(name="ACT Rochdale"))
    password_step(page, demo.url, "newstarter", "correct-horse-battery")
    expect(page.get_by_role("heading", name="Set up two-factor sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code to add this account to an authenticator app")).to_be_visible()
    expect(page.get_by_role("link", name="Cases")).to_have_count(0)
    page.get_by_text("I cannot scan the code").click()
    check("two-factor-set-up")

    # What an authenticator app does with the key typed in.
    key = b32decode(page.locator("#manual-key").inner_text().replace(" ", ""))
    totp = TOTP(key)
    totp.time = time.time()
    page.get_by_label("Code from your authenticator app").fill("12345")
    page.get_by_role("button", name="Confirm and continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check("two-factor-set-up-error")
    page.get_by_label("Code from your authenticator app").fill(f"{totp.token():06d}")
    page.get_by_role("button", name="Confirm and continue").click()

    expect(page.get_by_role("heading", name="Your backup codes")).to_be_visible()
    codes = page.locator("#backup-codes li").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    expect(page.get_by_role("button", name="Print these codes")).to_be_visible()
    check("two-factor-backup-codes")
    page.get_by_role("link", name="I have kept my codes, continue").click()
    expect(page).to_have_url(f"{demo.url}/dashboards/my-work/")


def test_a_wrong_code_is_refused_and_a_backup_code_works(page, demo, check, tmp_path):
    password_step(page, demo.url, "worker")
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    check("two-factor-verify")
    right = app_code("worker")
    page.get_by_label(CODE_LABEL).fill("999999" if right != "999999" else "888888")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("link", name=re.compile("That code is not right"))).to_be_visible()
    check("two-factor-verify-error")

    lines = (tmp_path / "demo-backup-codes.txt").read_text().splitlines()
    line = next(line for line in lines if line.startswith("worker:"))
    page.get_by_label(CODE_LABEL).fill(line.split()[1])
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{demo.url}/dashboards/my-work/")
    expect(page.get_by_text("You used a backup code. You have 9 left.")).to_be_visible()


def test_the_account_page_new_backup_codes_and_signing_out_everywhere(
    page, browser, demo, sign_in_through_the_pages, check
):
    sign_in_through_the_pages("worker")
    other = browser.new_context().new_page()
    password_step(other, demo.url, "worker")
    other.get_by_label(CODE_LABEL).fill(app_code("worker"))
    other.get_by_role("button", name="Continue").click()
    expect(other).to_have_url(f"{demo.url}/dashboards/my-work/")

    page.get_by_role("navigation", name="Your account").get_by_role("link", name="Jo Bennett, ACT Rochdale").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    expect(page.locator("#two-factor-status")).to_contain_text("Set up")
    check("account")

    page.get_by_role("link", name="Make new backup codes").click()
    check("backup-codes-new")
    page.get_by_role("button", name="Make new backup codes").click()
    expect(page.locator("#backup-codes li")).to_have_count(10)
    page.get_by_role("link", name="I have kept my codes, continue").click()

    page.goto(f"{demo.url}/account/password/")
    expect(page.get_by_text("three random words work well")).to_be_visible()
    check("password-change")

    page.goto(f"{demo.url}/account/")
    page.get_by_role("link", name="Sign out everywhere").click()
    expect(page.get_by_role("heading", name="Sign out everywhere?")).to_be_visible()
    check("sign-out-everywhere")
    page.get_by_role("button", name="Yes, sign out everywhere").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_text("You have been signed out on every device, this one too.")).to_be_visible()
    check("signed-out-everywhere")

    other.goto(f"{demo.url}/cases/")
    expect(other.get_by_role("heading", name="Sign in")).to_be_visible()
    # Closed, so that the live server is not left waiting for its open connection when the test ends.
    other.context.close()
