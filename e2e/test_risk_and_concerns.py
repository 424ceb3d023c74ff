"""Jo raises Destiny's level of concern to high and is offered a My Safety Plan meeting; Jo records that she
went missing again, with the older male known as 'Tee' from the team's register; Priya, the manager, sees on
the register's map that Tee links Destiny and Lily; Jo, who does not work with Lily, sees nothing of Lily. axe
and the security policies are checked on every page, and the pages are kept as pictures."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from cases import services
from cases.models import Case, ConcernEntry, ConcernLink, TimelineEntry


def test_a_rise_in_concern_a_missing_episode_with_a_person_of_concern_and_the_register_seen_by_each(
    page, demo, sign_in, check
):
    destiny = Case.objects.get(young_person__given_name="Destiny")
    lily = Case.objects.get(young_person__given_name="Lily")
    worker = User.objects.get(username="worker")
    # A calmer week since the demo's rise to high: back to medium, so that Jo can raise it again.
    services.risk_change(
        case=destiny, level="medium", why="A settled week at the home.", doing="Weekly visits.", by=worker
    )
    tee = ConcernEntry.objects.get(name="Older male known as 'Tee'")
    assert ConcernLink.objects.filter(entry=tee, case=lily).exists()

    sign_in("worker")
    page.goto(f"{demo.url}/cases/{destiny.pk}/risk/")
    check("risk-destiny")
    page.goto(f"{demo.url}/cases/{destiny.pk}/risk/change/")
    page.get_by_label("High", exact=True).check()
    page.get_by_label("Why?").fill("Missing again overnight; seen getting into Tee's car.")
    page.get_by_label("What is being done?").fill("Strategy discussion today; safety plan with Destiny.")
    page.get_by_role("button", name="Save the level of concern").click()
    prompt = page.get_by_role("link", name="Plan a My Safety Plan meeting")
    expect(prompt).to_be_visible()
    check("risk-raised-prompt")
    prompt.click()
    expect(page.get_by_label("My Safety Plan meeting")).to_be_checked()
    check("risk-plan-safety-meeting")

    # She went missing again last night and came back this morning: recorded, then who she was with.
    went = timezone.localtime() - timedelta(hours=20)
    services.timeline_add(
        case=destiny,
        by=worker,
        kind="missing",
        occurred_at=went,
        summary="Missing overnight again",
        returned_at=went + timedelta(hours=12),
        where_found="Union Street, Oldham",
    )
    episode = TimelineEntry.objects.get(case=destiny, summary="Missing overnight again")
    page.goto(f"{demo.url}/cases/{destiny.pk}/timeline/{episode.pk}/")
    page.get_by_role("link", name="Add the details of the episode").click()
    page.get_by_label("Older male known as 'Tee' (person)").check()
    page.get_by_label("Police reference (optional)").fill("GMP-26-4411")
    page.get_by_role("button", name="Save the details").click()
    expect(page.get_by_text("Of concern, with them")).to_be_visible()
    expect(page.locator("main").get_by_text("Lily")).to_have_count(0)
    check("missing-with-tee")

    # Jo reads Tee's entry in the register: Destiny's links only; nothing says Lily's case exists.
    page.goto(f"{demo.url}/concerns/{tee.pk}/")
    expect(page.locator("main").get_by_role("link", name="Destiny Walker")).to_be_visible()
    expect(page.locator("main").get_by_text("Lily")).to_have_count(0)
    expect(page.locator("main").get_by_text("Hughes")).to_have_count(0)
    check("register-entry-worker")
    assert page.goto(f"{demo.url}/concerns/map/").status == 404

    page.get_by_role("button", name="Sign out").click()
    sign_in("manager")
    page.goto(f"{demo.url}/concerns/map/")
    expect(page.get_by_role("img", name="Map of the register's links to young people's cases")).to_be_visible()
    table = page.locator("main table")
    expect(table.get_by_text("Hughes").first).to_be_attached()  # Lily, who likes to be called Lil
    expect(table.get_by_text("Destiny").first).to_be_attached()
    check("register-map-manager")
