"""Who manages a team is said once: the user's role and team. Changes made in the admin itself take
effect on the affected person's next request, while they are still signed in."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from accounts.models import User
from accounts.tests.factories import UserFactory


def admin_save(admin_client, person: User, **changes):
    """Save `person` through the admin's own change form, as an administrator would."""
    data = {
        "username": person.username,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "job_title": person.job_title,
        "phone": person.phone,
        "role": person.role,
        "team": person.team_id or "",
        "agency": person.agency_id or "",
        "coordinator_kind": person.coordinator_kind,
        "is_active": person.is_active,
        "is_staff": person.is_staff,
    }
    data.update(changes)
    form = {key: ("on" if value is True else value) for key, value in data.items() if value is not False}
    response = admin_client.post(reverse("admin:accounts_user_change", args=[person.pk]), form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    return response


@pytest.fixture
def signed_in(browser_for):
    return browser_for


@pytest.fixture
def admin_client(client_for, administrator):
    return client_for(administrator)


def case_page(case):
    return reverse("cases:detail", args=[case.pk])


def test_demoting_a_manager_in_the_admin_ends_their_access_on_the_next_request(admin_client, signed_in, manager, case):
    browser = signed_in(manager)
    assert browser.get(case_page(case)).status_code == 200
    admin_save(admin_client, manager, role=User.Role.ACT_WORKER)
    assert browser.get(case_page(case)).status_code == 404
    assert b"Destiny" not in browser.get(reverse("cases:list")).content


def test_promoting_a_worker_in_the_admin_gives_them_the_team_on_the_next_request(admin_client, signed_in, team, case):
    worker2 = UserFactory(username="worker2", team=team)
    browser = signed_in(worker2)
    assert browser.get(case_page(case)).status_code == 404
    admin_save(admin_client, worker2, role=User.Role.MANAGER)
    assert browser.get(case_page(case)).status_code == 200
    assert browser.get(reverse("referrals:list")).status_code == 200


def test_moving_a_manager_to_another_team_moves_their_access(
    admin_client, signed_in, manager, case, other_team, outsider_case
):
    browser = signed_in(manager)
    admin_save(admin_client, manager, team=other_team.pk)
    assert browser.get(case_page(case)).status_code == 404
    assert browser.get(case_page(outsider_case)).status_code == 200


def test_deactivating_an_account_signs_them_out_on_the_next_request(admin_client, signed_in, key_worker, case):
    browser = signed_in(key_worker)
    assert browser.get(case_page(case)).status_code == 200
    admin_save(admin_client, key_worker, is_active=False)
    response = browser.get(case_page(case))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sign-in"))


def test_the_user_form_offers_no_groups_permissions_or_superuser(admin_client, key_worker):
    form = admin_client.get(reverse("admin:accounts_user_change", args=[key_worker.pk])).context["adminform"].form
    assert not {"groups", "user_permissions", "is_superuser"} & set(form.fields)


def test_posting_groups_permissions_or_superuser_anyway_changes_nothing(admin_client, key_worker, case, team):
    group = Group.objects.create(name="Managers of ACT Rochdale")
    permission = Permission.objects.get(codename="change_case")
    admin_save(admin_client, key_worker, groups=[group.pk], user_permissions=[permission.pk], is_superuser="on")
    assert not key_worker.is_superuser
    assert not key_worker.groups.exists() and not key_worker.user_permissions.exists()


def test_groups_are_not_in_the_admin(admin_client):
    assert admin_client.get("/admin/auth/group/").status_code == 404


def test_no_group_gives_a_case(team, case, signed_in):
    """Even a group with the case permissions, made outside the admin, gives nobody a case."""
    person = UserFactory(team=team)
    group = Group.objects.create(name="Managers of ACT Rochdale")
    group.permissions.add(Permission.objects.get(codename="view_case"), Permission.objects.get(codename="change_case"))
    person.groups.add(group)
    assert signed_in(person).get(case_page(case)).status_code == 404


def test_a_staff_flag_alone_does_not_open_the_admin(signed_in, team):
    staff_worker = UserFactory(team=team, is_staff=True)
    response = signed_in(staff_worker).get("/admin/accounts/user/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_new_manager_made_in_the_admin_sees_their_team(admin_client, team, case, signed_in):
    response = admin_client.post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newmanager",
            "usable_password": "true",
            "password1": "three random words here",
            "password2": "three random words here",
            "first_name": "Sam",
            "last_name": "Okafor",
            "email": "sam@act.example",
            "role": User.Role.MANAGER,
            "team": team.pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    newcomer = User.objects.get(username="newmanager")
    assert signed_in(newcomer).get(case_page(case)).status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_nothing_can_be_deleted_in_the_admin(admin_client, key_worker, method):
    response = getattr(admin_client, method)(reverse("admin:accounts_user_delete", args=[key_worker.pk]))
    assert response.status_code == 403
    assert User.objects.filter(pk=key_worker.pk).exists()
