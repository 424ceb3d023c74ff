"""Issue: a referral is accepted and allocated; the new key worker builds the record."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from cases.models import Case, NetworkMember, Referral, TimelineEntry


def fill_date(page, name, when):
    page.locator(f"input[name={name}_0]").fill(str(when.day))
    page.locator(f"input[name={name}_1]").fill(str(when.month))
    page.locator(f"input[name={name}_2]").fill(str(when.year))


def test_manager_accepts_a_referral_and_worker2_builds_the_case(page, demo, sign_in, check):
    referral = Referral.objects.filter(status="waiting").order_by("received_at").first()
    name = referral.given_name

    sign_in("manager")
    page.get_by_role("link", name="Referrals").first.click()
    expect(page.get_by_role("heading", name="Referrals waiting for a decision")).to_be_visible()
    check("referrals-waiting")
    page.get_by_role("link", name=f"{name} {referral.family_name}").click()
    check("referral-detail")
    page.get_by_role("button", name="Accept and allocate").click()
    page.get_by_label("Kieran Walsh").check()
    check("referral-accept")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=f"Accept the referral for {name} {referral.family_name}")).to_be_visible()
    check("referral-accept-confirm")
    page.get_by_role("button", name="Accept and allocate").click()
    expect(page.get_by_role("heading", name=f"{name} {referral.family_name}")).to_be_visible()
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.case.key_worker.username == "worker2"
    page.get_by_role("button", name="Sign out").click()

    sign_in("worker2")
    page.get_by_role("link", name=f"{name} {referral.family_name}").click()
    case = Case.objects.get(pk=referral.case_id)
    expect(page.get_by_role("heading", name=f"{name} {referral.family_name}")).to_be_visible()

    # Add someone to the network.
    page.get_by_role("link", name="Network").click()
    page.get_by_role("button", name="Add someone to the network").click()
    page.get_by_label("Family").check()
    page.get_by_label("Name", exact=True).fill("Auntie Jo")
    page.get_by_label("Relationship or role").fill("Aunt: she stays with her at weekends")
    page.get_by_label("Close", exact=True).check()
    page.get_by_label("A support").check()
    check("network-add")
    page.get_by_role("button", name="Add to the network").click()
    expect(page.get_by_role("rowheader", name="Auntie Jo")).to_be_visible()
    assert NetworkMember.objects.filter(case=case, name="Auntie Jo", closeness="close").exists()
    check("network-picture")

    # Record a missing episode that has ended, and see the 72-hour countdown.
    page.get_by_role("link", name="Timeline").click()
    page.get_by_role("link", name="Record a missing episode").click()
    went = timezone.localtime() - timedelta(days=2)
    back = timezone.localtime() - timedelta(days=1)
    fill_date(page, "occurred_on", went)
    page.locator("input[name=occurred_time]").fill("21:00")
    page.locator("input[name=summary]").fill("Did not come home after school")
    page.get_by_label("Where were they found, or how did they come back?").fill("Came home by herself")
    fill_date(page, "returned_on", back)
    page.locator("input[name=returned_time]").fill("07:00")
    check("timeline-missing-form")
    page.get_by_role("button", name="Record the missing episode").click()
    entry = TimelineEntry.objects.get(case=case, kind="missing")
    assert entry.return_interview_due_at is not None
    page.goto(f"{demo.url}/cases/{case.pk}/timeline/")
    expect(page.get_by_text("Did not come home after school").first).to_be_visible()
    check("timeline")
    page.get_by_role("link", name="Overview").click()
    expect(page.get_by_text("Return home interview due within")).to_be_visible()
    check("case-overview")
