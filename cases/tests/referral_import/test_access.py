"""Only the managers of a team, for their own team: anyone else gets 404 on every page of the import,
and nothing changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory
from act.testing import assert_query_budget, count_queries, sign_in_fully
from cases.models import Referral, ReferralImport

from .helpers import Status, csv_text, row


@pytest.fixture
def rochdale_import(manager):
    return ReferralImport.objects.create(
        team=manager.team,
        created_by=manager,
        file_name="rochdale.csv",
        content=csv_text([row(1)]),
        status=Status.CHECKED,
        total_rows=1,
        good_rows=1,
    )


@pytest.fixture
def wigan_manager(other_team):
    return UserFactory(username="wigan-manager", role=User.Role.MANAGER, team=other_team)


# Each page, whether it takes the import's id, and the methods it answers (any other method is a 405,
# which says nothing about the import).
PAGES = [
    ("referrals:import", False, ("get", "post")),
    ("referrals:import-detail", True, ("get",)),
    ("referrals:import-progress", True, ("get",)),
    ("referrals:import-problems-csv", True, ("get",)),
    ("referrals:import-confirm", True, ("post",)),
    ("referrals:import-cancel", True, ("post",)),
]


def assert_404_everywhere(client, url: str, methods: tuple[str, ...]) -> None:
    for method in ("get", "post"):
        upload = SimpleUploadedFile("r.csv", csv_text([row(9)]).encode(), "text/csv")
        response = getattr(client, method)(url, {"file": upload, "only_good_rows": "on"} if method == "post" else {})
        assert response.status_code == (404 if method in methods else 405), f"{method.upper()} {url}"
        assert "rochdale.csv" not in response.content.decode()


@pytest.mark.parametrize("who", ["key_worker", "outsider", "partner_without_grant", "administrator"])
@pytest.mark.parametrize("name,has_pk,methods", PAGES)
def test_only_managers_may_open_the_import_pages(request, client_for, rochdale_import, who, name, has_pk, methods):
    client = client_for(request.getfixturevalue(who))

    assert_404_everywhere(client, reverse(name, args=[rochdale_import.pk] if has_pk else []), methods)

    rochdale_import.refresh_from_db()
    assert rochdale_import.status == Status.CHECKED
    assert ReferralImport.objects.count() == 1 and not Referral.objects.exists()


@pytest.mark.parametrize("name,methods", [(name, methods) for name, has_pk, methods in PAGES if has_pk])
def test_another_teams_manager_gets_404_on_every_page_of_the_import(
    client_for, wigan_manager, rochdale_import, name, methods
):
    assert_404_everywhere(client_for(wigan_manager), reverse(name, args=[rochdale_import.pk]), methods)

    rochdale_import.refresh_from_db()
    assert rochdale_import.status == Status.CHECKED and not Referral.objects.exists()


def test_another_teams_manager_imports_into_their_own_team(client_for, wigan_manager, other_team, send):
    send(csv_text([row(1)]), client=client_for(wigan_manager))

    upload = ReferralImport.objects.get()
    assert upload.team == other_team


def test_the_upload_page_lists_the_teams_recent_imports_only(as_manager, rochdale_import, wigan_manager):
    ReferralImport.objects.create(team=wigan_manager.team, created_by=wigan_manager, file_name="wigan.csv", content="")

    page = as_manager.get(reverse("referrals:import")).content.decode()

    assert "rochdale.csv" in page and "wigan.csv" not in page
    assert 'type="file"' in page and 'enctype="multipart/form-data"' in page


def test_the_upload_page_makes_a_fixed_number_of_queries(as_manager, manager):
    def add_imports(n: int) -> None:
        for i in range(n):
            ReferralImport.objects.create(team=manager.team, created_by=manager, file_name=f"{i}.csv", content="x")

    assert_query_budget(as_manager, reverse("referrals:import"), add_rows=add_imports, budget=9, small=2, large=12)


def test_the_progress_json_makes_a_fixed_number_of_queries(as_manager, manager):
    upload = ReferralImport.objects.create(team=manager.team, created_by=manager, file_name="a.csv", content="")

    assert count_queries(as_manager, reverse("referrals:import-progress", args=[upload.pk])) <= 7


def test_posting_without_the_csrf_token_is_refused(manager):
    client = sign_in_fully(Client(enforce_csrf_checks=True), manager)
    upload = SimpleUploadedFile("r.csv", csv_text([row(1)]).encode(), "text/csv")

    response = client.post(reverse("referrals:import"), {"file": upload})

    assert response.status_code == 403
    assert not ReferralImport.objects.exists()
