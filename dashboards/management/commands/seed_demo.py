"""The demo: every app's demo data, in order. It lives in the top layer because it brings all the
apps together (cases knows nothing of assessments)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from accounts import demo as accounts_demo
from assessments import demo as assessments_demo
from cases import demo as cases_demo
from cases.demo import concerns as concerns_demo
from cases.demo import missing as missing_demo
from cases.demo import risk as risk_demo
from feedback import demo as feedback_demo
from plans import demo as plans_demo
from supervision import demo as supervision_demo

from ... import demo as dashboards_demo
from ... import demo_history


class Command(BaseCommand):
    help = "Create the demo team, sign-ins and cases (safe to run again). Runs only in the demo (DEMO=true)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though this is not the demo.")
        parser.add_argument(
            "--backup-codes-file",
            type=Path,
            default=Path(settings.VAR_DIR) / "demo-backup-codes.txt",
            help="Where to write every demo sign-in's backup codes (default: var/demo-backup-codes.txt).",
        )

    def handle(self, *args, force: bool = False, backup_codes_file: Path, **options):
        if not settings.DEMO and not force:
            raise CommandError(
                "This is not the demo (DEMO is not set), so it looks like a real service: demo accounts with a "
                "published password must not be created there. Use --force if you are sure."
            )
        with transaction.atomic():
            people = accounts_demo.seed()
            codes = accounts_demo.enrol(people)
            cases = cases_demo.seed(people)
            missing_demo.seed(people, cases)
            risk_demo.seed(people, cases)
            concerns_demo.seed(people, cases)
            token = assessments_demo.seed(people, cases)
            plan_token = plans_demo.seed(people, cases)
            supervision_demo.seed(people, cases)
            feedback_demo.seed(people, cases)
            demo_history.seed(people, cases)
            space_token = dashboards_demo.seed(people, cases)
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {len(people)} sign-ins, {len(cases)} cases."))
        self.stdout.write(f"Password for every demo sign-in: {accounts_demo.DEMO_PASSWORD}")
        self.stdout.write("Sign-ins: " + ", ".join(people))
        self._write_backup_codes(codes, backup_codes_file)
        base = settings.SITE_URL
        self.stdout.write(
            f"Destiny's link to her 'About me' (no passcode): {base}{reverse('shared-link', args=[token])}"
        )
        self.stdout.write(
            f"Destiny's link to her plan (passcode {plans_demo.DEMO_PASSCODE}): "
            f"{base}{reverse('shared-link', args=[plan_token])}"
        )
        self.stdout.write(
            f"Destiny's own space (passcode {dashboards_demo.DEMO_PASSCODE}): "
            f"{base}{reverse('shared-link', args=[space_token])}"
        )

    def _write_backup_codes(self, codes: dict[str, list[str]], path: Path) -> None:
        self.stdout.write("Two-factor sign-in: after the password, enter a backup code (each works once):")
        for username, theirs in codes.items():
            self.stdout.write(f"  {username:<12} {theirs[0]}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600, exist_ok=True)
        lines = ["# Backup codes of the demo sign-ins, made by seed_demo. Each works once; the next run replaces them."]
        lines += [f"{username}: {' '.join(theirs)}" for username, theirs in codes.items()]
        path.write_text("\n".join(lines) + "\n")
        self.stdout.write(f"All their backup codes: {path}")
