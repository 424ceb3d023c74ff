from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from scale.bench.run import main


class Command(BaseCommand):
    help = (
        "Time every daily staff page and the young person's pages through gunicorn, count their queries at "
        "100 and BENCH_CASES cases, time the due-item scans and the referral import, and write var/bench.md. "
        "Run with DJANGO_SETTINGS_MODULE=scale.bench_settings (make bench does)."
    )

    def handle(self, *args, **options):
        if settings.ROOT_URLCONF != "scale.bench_urls":
            raise CommandError("Run it with DJANGO_SETTINGS_MODULE=scale.bench_settings, as `make bench` does.")
        main(say=self.stdout.write)
