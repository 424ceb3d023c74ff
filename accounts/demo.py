"""Demo people for the embedded default. Every sign-in uses DEMO_PASSWORD (see the README), and every
demo person is enrolled in two-factor sign-in the same way: an authenticator app and new backup codes
on each run, one of which `seed_demo` prints."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from . import two_factor
from .models import DEFAULT_CASE_CAPACITY, PartnerAgency, Team, User

DEMO_PASSWORD = "act-demo-2026"

# username: (first name, last name, role, team name, extra fields)
PEOPLE = {
    "manager": ("Priya", "Shah", User.Role.MANAGER, "ACT Rochdale", {"job_title": "ACT team manager"}),
    "worker": ("Jo", "Bennett", User.Role.ACT_WORKER, "ACT Rochdale", {"job_title": "ACT worker"}),
    "worker2": ("Kieran", "Walsh", User.Role.ACT_WORKER, "ACT Rochdale", {"job_title": "ACT worker"}),
    "coordinator": (
        "Helen",
        "Moss",
        User.Role.PLAN_COORDINATOR,
        "ACT Rochdale",
        {"job_title": "Independent reviewing officer", "coordinator_kind": User.CoordinatorKind.IRO},
    ),
    "partner": ("Dan", "Hughes", User.Role.PARTNER, None, {"job_title": "Police constable, CSE team"}),
    "outsider": ("Alex", "Turner", User.Role.ACT_WORKER, "ACT Wigan", {"job_title": "ACT worker"}),
    "admin": ("Chris", "Lee", User.Role.ADMINISTRATOR, None, {"job_title": "System administrator"}),
}


def seed() -> dict[str, User]:
    """Create (or bring back to their demo state) the demo teams and people. Safe to run again."""
    teams = {
        "ACT Rochdale": Team.objects.update_or_create(
            name="ACT Rochdale",
            defaults={"local_authority": "Rochdale Borough Council", "case_capacity": DEFAULT_CASE_CAPACITY},
        )[0],
        "ACT Wigan": Team.objects.update_or_create(
            name="ACT Wigan", defaults={"local_authority": "Wigan Council", "case_capacity": DEFAULT_CASE_CAPACITY}
        )[0],
    }
    police = PartnerAgency.objects.update_or_create(
        name="Greater Manchester Police", defaults={"kind": PartnerAgency.Kind.POLICE}
    )[0]
    people = {}
    for username, (first, last, role, team_name, extra) in PEOPLE.items():
        is_admin = role == User.Role.ADMINISTRATOR
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@act.example",
                "role": role,
                "team": teams[team_name] if team_name else None,
                "agency": police if role == User.Role.PARTNER else None,
                "is_staff": is_admin,
                "is_superuser": False,
                "is_active": True,
                **extra,
            },
        )
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        people[username] = user
    return people


def enrol(people: dict[str, User]) -> dict[str, list[str]]:
    """Give each demo person a confirmed authenticator app (kept from run to run, with its throttle and
    last-used code cleared) and new backup codes. Returns the backup codes, by username."""
    codes = {}
    for username, user in people.items():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        app = TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()
        if app is None:
            app = TOTPDevice.objects.create(user=user, name=two_factor.APP_DEVICE_NAME, confirmed=True)
        TOTPDevice.objects.filter(user=user).exclude(pk=app.pk).delete()
        app.last_t, app.drift = -1, 0
        app.throttle_reset(commit=False)
        app.save(update_fields=["last_t", "drift", "throttling_failure_count", "throttling_failure_timestamp"])
        codes[username] = two_factor.new_backup_codes(user=user)
    return codes
