"""The team's manager makes the outcome export: the page, a wrong choice shown as an error, and the file
downloaded. axe and the security policies are checked on every page; the pages are kept as pictures."""

from playwright.sync_api import expect

from dashboards.export.rows import HEADER


def test_the_manager_downloads_the_outcome_export(page, demo, sign_in, check):
    sign_in("manager")
    page.goto(f"{demo.url}/dashboards/team/export/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcomes for evaluation")
    check("outcome-export")

    page.get_by_label("From the start of").select_option(index=0)  # this month
    page.get_by_label("To the end of").select_option(index=2)  # two months ago
    page.get_by_role("button", name="Download the file").click()
    expect(page.get_by_role("alert")).to_contain_text("The last month must be the same as the first month")
    check("outcome-export-error")

    page.get_by_label("From the start of").select_option(index=11)
    page.get_by_label("To the end of").select_option(index=0)
    page.get_by_label("for each quarter").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the file").click()
    path = download.value.path()
    assert download.value.suggested_filename.startswith("act-outcomes-")
    with open(path, encoding="utf-8") as file:
        lines = file.read().splitlines()
    assert lines[0] == ",".join(HEADER)
    assert len(lines) > 1
