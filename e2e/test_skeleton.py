from playwright.sync_api import expect

from cases.models import Case


def case_url(live_server, name):
    return f"{live_server.url}/cases/{Case.objects.get(young_person__given_name=name).pk}/"


def test_sign_in_page_is_accessible(page, demo, check):
    page.goto(f"{demo.url}/account/sign-in/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    check("sign-in")


def test_a_wrong_password_shows_the_error_summary(page, demo, check):
    page.goto(f"{demo.url}/account/sign-in/")
    page.get_by_label("Username").fill("worker")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    check("sign-in-error")


def test_worker_sees_destiny_and_emily_but_not_lily(page, demo, sign_in, check):
    sign_in("worker")
    table = page.locator("main table")
    expect(table.get_by_role("link", name="Destiny")).to_be_visible()
    expect(table.get_by_role("link", name="Emily")).to_be_visible()
    expect(table.get_by_text("Lily")).to_have_count(0)
    check("cases-worker")
    page.get_by_role("link", name="Destiny").click()
    expect(page.get_by_role("heading", name="Destiny")).to_be_visible()
    check("case-destiny")


def test_outsider_sees_neither_and_gets_not_found(page, demo, sign_in, check):
    sign_in("outsider")
    main = page.locator("main")
    expect(main.get_by_text("Jordan")).to_be_visible()
    expect(main.get_by_text("Destiny")).to_have_count(0)
    expect(main.get_by_text("Emily")).to_have_count(0)
    check("cases-outsider")
    response = page.goto(case_url(demo, "Destiny"))
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    check("not-found")


def test_partner_sees_only_destiny(page, demo, sign_in):
    sign_in("partner")
    main = page.locator("main")
    expect(main.get_by_role("link", name="Destiny")).to_be_visible()
    expect(main.get_by_text("Emily")).to_have_count(0)
    expect(main.get_by_text("Lily")).to_have_count(0)


def test_sign_out(page, demo, sign_in_through_the_pages):
    sign_in_through_the_pages("manager")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.goto(f"{demo.url}/cases/")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_health_page_is_accessible(page, demo, check):
    page.goto(f"{demo.url}/healthz")
    expect(page.get_by_role("heading", name="The service is working")).to_be_visible()
    check("healthz")


def test_a_young_persons_link_page_works_on_a_phone(page, demo, check):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{demo.url}/s/not-a-real-link/")
    expect(page.get_by_role("heading", name="This link is not working")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    check("link-not-working-360")
