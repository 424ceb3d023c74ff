"""Build a service of Greater Manchester's size (10 teams, 10,000 cases, half a million timeline entries)
in an empty PostgreSQL database, in minutes, for the benchmark and the load test; then write the manifest
that says whom they sign in as and what they open."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from accounts.models import PartnerAgency, Team, User
from cases.models import Case

from ...seed.run import seed
from ...seed.sizes import DEFAULT_CASES, Sizes


class Command(BaseCommand):
    help = (
        "Fill an empty, migrated PostgreSQL database with a service of the given size (default: Greater "
        "Manchester's, 10,000 cases) and write var/scale/<database>.json. Refuses SQLite, a database that "
        "already holds data, and a server not in DEBUG (unless --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=DEFAULT_CASES, help="How many cases (everything scales).")
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, cases: int, force: bool, **options):
        self._refuse(cases=cases, force=force)
        sizes = Sizes.for_cases(cases)
        self.stdout.write(f"Seeding {connection.settings_dict['NAME']}: {sizes}")
        path, stages = seed(sizes=sizes, parameters={"cases": cases, "force": force}, say=self.stdout.write)
        self.stdout.write("Made: " + ", ".join(f"{count:,} {what}" for what, count in stages.counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Seeded in {stages.total:.1f} s. Manifest: {path}"))

    def _refuse(self, *, cases: int, force: bool) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale needs PostgreSQL (it uses COPY): set DATABASE_URL to a PostgreSQL database.")
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a real service: seed_scale fills it with invented records and "
                "published passwords. Use --force if you are sure."
            )
        if cases < 1:
            raise CommandError("--cases must be at least 1.")
        if User.objects.exists() or Team.objects.exists() or PartnerAgency.objects.exists() or Case.objects.exists():
            raise CommandError(
                "This database already holds data. seed_scale builds into an empty, migrated database only (it "
                "never deletes anything): drop and create the database (dropdb, createdb), run migrate, then "
                "seed_scale again."
            )
