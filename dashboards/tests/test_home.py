"""Where signing in leads: each person to the page they start their work from."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory


@pytest.mark.parametrize(
    "who,landing",
    [
        ("manager", "dashboards:team"),
        ("key_worker", "dashboards:my-work"),
        ("outsider", "dashboards:my-work"),
        ("partner_with_grant", "cases:list"),
        ("administrator", "cases:list"),
    ],
)
def test_the_home_page_sends_each_person_to_their_start(request, client_for, who, landing):
    response = client_for(request.getfixturevalue(who)).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse(landing)


def test_a_plan_coordinator_starts_from_my_work(client_for, team):
    coordinator = UserFactory(username="helen", role=User.Role.PLAN_COORDINATOR, team=team)
    assert client_for(coordinator).get(reverse("home"))["Location"] == reverse("dashboards:my-work")


def test_the_main_navigation_offers_my_work_and_the_team_to_a_manager(client_for, manager):
    page = client_for(manager).get(reverse("cases:list")).content.decode()
    assert reverse("dashboards:my-work") in page and reverse("dashboards:team") in page


def test_a_worker_has_my_work_but_not_the_team_in_the_navigation(client_for, key_worker, partner_with_grant):
    page = client_for(key_worker).get(reverse("cases:list")).content.decode()
    assert reverse("dashboards:my-work") in page and reverse("dashboards:team") not in page
    page = client_for(partner_with_grant).get(reverse("cases:list")).content.decode()
    assert reverse("dashboards:my-work") not in page
