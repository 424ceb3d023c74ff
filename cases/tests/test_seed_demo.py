import pytest
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from cases import access
from cases.models import Case, CaseUserObjectPermission


def names(username):
    return set(
        access.visible_cases(User.objects.get(username=username)).values_list("young_person__given_name", flat=True)
    )


@pytest.fixture
def seeded(db, settings):
    settings.DEMO = True
    call_command("seed_demo")


def test_demo_sign_ins_and_what_each_sees(seeded):
    assert names("worker") == {"Destiny", "Emily"}
    assert names("worker2") == {"Lily"}
    assert names("manager") == {"Destiny", "Emily", "Lily"}
    assert names("partner") == {"Destiny"}
    assert names("outsider") == {"Jordan"}
    assert names("admin") == set()
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD), user.username


def test_the_team_has_a_capacity_of_30(seeded):
    assert User.objects.get(username="manager").team.case_capacity == 30


def test_seeding_twice_changes_nothing(seeded):
    counts = (User.objects.count(), Case.objects.count(), CaseUserObjectPermission.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Case.objects.count(), CaseUserObjectPermission.objects.count()) == counts


def test_seeding_refuses_outside_the_demo(db, settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="not the demo"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seeding_with_force_runs_outside_the_demo(db, settings):
    settings.DEMO = False
    call_command("seed_demo", "--force")
    assert User.objects.filter(username="worker").exists()
