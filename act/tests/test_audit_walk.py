"""Every page that shows a child's data records the view in the audit: walked from the URLconf, as the
team's manager (who may open every page of the team), the key worker and a partner agency worker, on a case
with something on every page. A new page is walked the moment it is mounted; one that shows a case, a
referral or an import and writes no entry fails here."""

import pytest

from act.urlwalk import all_urls, concrete_path, make_rochdale_record
from cases import services
from cases.models import AuditEvent

# The pages of a case, of a referral and of an import: those with the object's pk in their path.
AREAS = ("cases:", "referrals:", "assessments:", "plans:", "supervision:")

# Pages of those areas that are not recorded, and why.
NOT_RECORDED = {
    "referrals:import-progress": "numbers only (rows checked and imported), asked every few seconds by the "
    "import's page, which is recorded",
}

# Pages that take a POST only (an action, not a page): the walk's GET gets 405.
POST_ONLY = {
    "assessments:contribution-add",
    "assessments:first-picture",
    "cases:network-changes-seen",
    "referrals:duplicate",
    "referrals:import-confirm",
    "referrals:import-cancel",
    "plans:start",
    "plans:priority-move",
    "plans:action-done",
    "supervision:direction-done",
}


def case_pages() -> list[tuple[str, str]]:
    return [(name, path) for name, path in all_urls() if name.startswith(AREAS) and "{pk}" in path]


@pytest.fixture
def rochdale(key_worker):
    return make_rochdale_record(key_worker)


def walk(client, rochdale) -> dict[str, int]:
    """GET every page; assert that each one that answers 200 writes one audit entry, by this person, about
    the object of the page. Returns the status of each page."""
    statuses = {}
    for name, path in case_pages():
        concrete = concrete_path(name, path, rochdale)
        before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = client.get(concrete)
        statuses[name] = response.status_code
        if response.status_code != 200 or name in NOT_RECORDED:
            continue
        entries = list(AuditEvent.objects.filter(pk__gt=before, action=AuditEvent.Action.VIEW))
        assert entries, f"{concrete} ({name}) showed the record but wrote no audit entry"
        user = response.wsgi_request.user
        assert {entry.user_id for entry in entries} == {user.pk}, name
        if name.startswith(("cases:", "assessments:", "plans:", "supervision:")):
            assert {entry.case_id for entry in entries} == {rochdale["case"].pk}, name
        elif not name.startswith("referrals:import"):
            assert {entry.referral_id for entry in entries} == {rochdale["referral"].pk}, name
    return statuses


# Pages that open only in another state of the case: walked again once the case is closed.
ONLY_WHEN_CLOSED = {"cases:reopen"}


def test_every_page_the_manager_opens_is_recorded_and_the_walk_opens_them_all(client_for, manager, rochdale):
    client = client_for(manager)
    statuses = walk(client, rochdale)
    services.case_close(case=rochdale["case"], reason="Goals met", outcome="goals_met", by=manager)
    when_closed = walk(client, rochdale)
    statuses.update({name: when_closed[name] for name in ONLY_WHEN_CLOSED})
    not_opened = {name: status for name, status in statuses.items() if status != 200 and name not in POST_ONLY}
    assert not not_opened, f"the walk did not open these pages, so it cannot check them: {not_opened}"
    assert {name for name, status in statuses.items() if status == 405} == POST_ONLY


def test_every_page_the_key_worker_opens_is_recorded(client_for, key_worker, rochdale):
    statuses = walk(client_for(key_worker), rochdale)
    assert sum(status == 200 for status in statuses.values()) >= 20


def test_every_page_a_partner_opens_is_recorded(client_for, partner_with_grant, rochdale):
    services.case_add_partner(case=rochdale["case"], partner=partner_with_grant, contribute=True, by=None)
    statuses = walk(client_for(partner_with_grant), rochdale)
    assert sum(status == 200 for status in statuses.values()) >= 8
