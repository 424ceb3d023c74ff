from django.core.management.base import BaseCommand

from scale.bench.run import main


class Command(BaseCommand):
    help = (
        "Time every daily staff page and the young person's pages through gunicorn, count their queries at "
        "100 and BENCH_CASES cases, time the due-item scans and the referral import, and write var/bench.md. "
        "Run with DJANGO_SETTINGS_MODULE=scale.bench_settings (make bench does)."
    )

    def handle(self, *args, **options):
        main(say=self.stdout.write)
