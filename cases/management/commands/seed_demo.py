from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from accounts import demo as accounts_demo
from assessments import demo as assessments_demo
from cases import demo as cases_demo


class Command(BaseCommand):
    help = "Create the demo team, sign-ins and cases (safe to run again). Runs only in the demo (DEMO=true)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even though this is not the demo.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEMO and not force:
            raise CommandError(
                "This is not the demo (DEMO is not set), so it looks like a real service: demo accounts with a "
                "published password must not be created there. Use --force if you are sure."
            )
        with transaction.atomic():
            people = accounts_demo.seed()
            cases = cases_demo.seed(people)
            token = assessments_demo.seed(people, cases)
        self.stdout.write(self.style.SUCCESS(f"Demo ready: {len(people)} sign-ins, {len(cases)} cases."))
        self.stdout.write(f"Password for every demo sign-in: {accounts_demo.DEMO_PASSWORD}")
        self.stdout.write("Sign-ins: " + ", ".join(people))
        base = settings.SITE_URL
        self.stdout.write(
            f"Destiny's link to her 'About me' (no passcode): {base}{reverse('shared-link', args=[token])}"
        )
