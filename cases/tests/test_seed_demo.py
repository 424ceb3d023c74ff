import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from cases import access
from cases.models import Case, CaseUserObjectPermission

# Seeding hashes every demo password: with the hasher every test has (conftest.py).
FAST_HASHING = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def names(username):
    return set(
        access.visible_cases(User.objects.get(username=username)).values_list("young_person__given_name", flat=True)
    )


@pytest.fixture
def codes_file(tmp_path):
    # Never the real var/demo-backup-codes.txt: that one belongs to the demo database.
    return tmp_path / "demo-backup-codes.txt"


def seed(codes_file, *args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, f"--backup-codes-file={codes_file}", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded once for the module's tests rather than once for each, as Django's
    TestCase.setUpTestData does: in a transaction of its own that each test's transaction nests in (so each
    test starts from the demo as seeding left it, whatever the one before wrote), rolled back once the module
    is done. What it printed, and the backup codes file it wrote."""
    codes_file = tmp_path_factory.mktemp("demo") / "demo-backup-codes.txt"
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(DEMO=True, PASSWORD_HASHERS=FAST_HASHING):
                printed = seed(codes_file)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield printed, codes_file.read_text()
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def seeded(_seeded_once, db, settings, codes_file):
    """The seeded demo (see `_seeded_once`), with its backup codes in this test's own file; what seeding
    printed."""
    settings.DEMO = True
    printed, codes = _seeded_once
    codes_file.write_text(codes)
    return printed


def test_demo_sign_ins_and_what_each_sees(seeded):
    assert names("worker") == {"Destiny", "Emily", "Mason", "Tyler"}
    assert names("worker2") == {"Lily", "Aaliyah", "Ruby", "Sofia"}
    assert names("manager") == names("worker") | names("worker2")
    assert names("partner") == {"Destiny"}
    assert names("outsider") == {"Jordan", "Kai", "Megan"}
    assert names("admin") == set()
    for user in User.objects.all():
        assert user.check_password(DEMO_PASSWORD), user.username


def test_the_team_has_a_capacity_of_30(seeded):
    assert User.objects.get(username="manager").team.case_capacity == 30


def test_seeding_twice_changes_nothing(seeded, codes_file):
    counts = (User.objects.count(), Case.objects.count(), CaseUserObjectPermission.objects.count())
    seed(codes_file)
    assert (User.objects.count(), Case.objects.count(), CaseUserObjectPermission.objects.count()) == counts


def codes_in(codes_file) -> dict[str, list[str]]:
    lines = [line for line in codes_file.read_text().splitlines() if not line.startswith("#")]
    return {name: rest.split() for name, rest in (line.split(": ") for line in lines)}


def test_every_demo_sign_in_is_enrolled_in_two_factor_the_same_way(seeded, codes_file):
    written = codes_in(codes_file)
    assert set(written) == set(User.objects.values_list("username", flat=True))
    for user in User.objects.all():
        assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1, user.username
        stored = set(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
        assert stored == set(written[user.username]) and len(stored) == 10, user.username
        assert f"{user.username:<12} {written[user.username][0]}" in seeded, "one code per sign-in is printed"


def test_each_run_makes_new_backup_codes_and_keeps_the_app(seeded, codes_file):
    apps = dict(TOTPDevice.objects.values_list("user__username", "key"))
    first = codes_in(codes_file)
    seed(codes_file)
    second = codes_in(codes_file)
    assert dict(TOTPDevice.objects.values_list("user__username", "key")) == apps
    assert all(not set(first[name]) & set(second[name]) for name in first)
    assert StaticToken.objects.count() == 10 * len(first)


def test_a_printed_backup_code_signs_the_demo_worker_in(seeded, codes_file, client):
    from accounts.demo import DEMO_PASSWORD

    printed = next(line.split()[1] for line in seeded.splitlines() if line.strip().startswith("worker "))
    client.post("/account/sign-in/", {"username": "worker", "password": DEMO_PASSWORD})
    response = client.post("/account/two-factor/verify/", {"code": printed}, follow=True)
    assert response.redirect_chain[-1][0] == "/dashboards/my-work/"
    assert "Destiny" in response.content.decode()


def test_destinys_and_emilys_cases_came_from_accepted_referrals_in_the_referrers_words(seeded):
    from cases.models import Referral

    destiny = Referral.objects.get(given_name="Destiny")
    emily = Referral.objects.get(given_name="Emily")
    assert destiny.referrer_agency == "Greater Manchester Police" and emily.referrer_agency == "Rochdale High School"
    for referral in (destiny, emily):
        assert referral.status == Referral.Status.ACCEPTED and referral.decided_within_target
        assert referral.case is not None and referral.case.young_person.given_name == referral.given_name
        assert referral.worries_details and referral.consent and referral.anything_else and referral.referrer_contact
    assert Case.objects.filter(young_person__given_name="Destiny").count() == 1


def test_the_key_worker_and_the_partner_on_destinys_case_open_her_referral(seeded):
    from cases.models import Referral

    destiny = Referral.objects.get(given_name="Destiny")
    for username, reads_words in (("worker", True), ("manager", True), ("partner", False), ("coordinator", False)):
        user = User.objects.get(username=username)
        assert access.get_referral_for_view(user, destiny.pk) == destiny
        assert access.may_read_referral_words(user, destiny) is reads_words
    worker = User.objects.get(username="worker2")
    assert destiny not in access.visible_referrals(worker)


def test_the_waiting_referrals_have_their_worries_written_on_them_and_seeding_again_adds_none(seeded, codes_file):
    from cases.models import Referral

    waiting = Referral.objects.filter(status=Referral.Status.WAITING)
    assert waiting.count() == 2 and all(referral.worries_details for referral in waiting)
    seed(codes_file)
    assert Referral.objects.count() == 4


def test_once_the_reminders_have_run_the_worker_is_told_about_destinys_return_home_interview(seeded):
    from accounts.models import Notification
    from accounts.tasks import send_reminders
    from cases.models import TimelineEntry

    send_reminders()
    worker = User.objects.get(username="worker")
    interview = TimelineEntry.objects.get(case__young_person__given_name="Destiny", kind="missing")
    told = set(Notification.objects.filter(recipient=worker).values_list("key", flat=True))
    assert {f"rhi-recorded:{interview.pk}", f"rhi-due:{interview.pk}"} <= told
    assert Notification.objects.get(recipient=worker, key=f"rhi-due:{interview.pk}").message.startswith(
        "Destiny Walker's return home interview is due by"
    )


def test_the_demo_has_history_for_the_dashboards_and_a_second_team_with_its_own(seeded):
    from datetime import timedelta

    from django.utils import timezone

    from cases.models import Move

    lily = Case.objects.get(young_person__given_name="Lily")
    year_ago = timezone.localdate() - timedelta(days=365)
    assert lily.moves.filter(moved_on__gt=year_ago).count() == 2
    assert lily.young_person.living_situation == lily.moves.first().to_kind
    wigan = User.objects.get(username="outsider").team
    assert Move.objects.filter(case__team=wigan).exists()
    assert Case.objects.filter(team=wigan).count() == 3
    assert lily.family_plan.goals.filter(ratings__rated_at__lt=timezone.now() - timedelta(days=80)).exists()
