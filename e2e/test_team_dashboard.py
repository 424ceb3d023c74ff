"""Priya, the team's manager, opens the team dashboard, looks at Jo's cases only, and follows a figure to the
cases behind it; on a desktop and on a 360 px phone. axe and the security policies are checked on every page,
and the pages are kept as pictures."""

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from cases.models import Case

from .phone import PHONE

# Also kept outside the project, to be looked at.
PICTURES = Path(os.environ.get("TEAM_DASHBOARD_SCREENSHOTS", "/tmp/team-dashboard"))


def test_the_manager_filters_the_dashboard_by_a_worker_and_opens_the_cases_behind_a_figure(page, demo, sign_in, check):
    PICTURES.mkdir(parents=True, exist_ok=True)

    def looks_right(name: str):
        check(name)
        page.screenshot(path=PICTURES / f"{name}.png", full_page=True)

    sign_in("manager")
    page.goto(f"{demo.url}/dashboards/team/")
    expect(page.get_by_role("heading", name="Team dashboard")).to_be_visible()
    expect(page.get_by_role("img", name="Open cases by key worker")).to_be_visible()
    open_cases = Case.objects.filter(team__name="ACT Rochdale").exclude(stage="closed").count()
    expect(page.get_by_text(f"{open_cases} (the team’s capacity is 30)")).to_be_visible()
    looks_right("team-dashboard")

    page.get_by_label("Key worker").select_option(label="Jo Bennett")
    page.get_by_label("Period").select_option(label="The last 12 months")
    page.get_by_role("button", name="Show figures").click()
    expect(page.get_by_text("The cases of Jo Bennett, over the last 365 days.")).to_be_visible()
    looks_right("team-dashboard-jo")

    # The link's hidden words are its own block: the browser puts a space before them.
    page.get_by_role("link", name=re.compile(r"^See the cases\s*Open cases$")).click()
    expect(page.get_by_role("heading", name="Open cases")).to_be_visible()
    table = page.get_by_role("table")
    for name in ("Destiny", "Emily"):  # Jo's
        expect(table.get_by_role("link", name=name)).to_be_visible()
    expect(table.get_by_text("Lily")).to_have_count(0)  # Kieran's
    expect(page.get_by_label("Key worker")).to_have_value(
        str(Case.objects.get(young_person__given_name="Destiny").key_worker_id)
    )
    looks_right("team-dashboard-cases")

    page.set_viewport_size(PHONE)
    for address, name in (("/dashboards/team/", "team-dashboard-360"), (page.url, "team-dashboard-cases-360")):
        page.goto(address if address.startswith("http") else f"{demo.url}{address}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
        looks_right(name)
