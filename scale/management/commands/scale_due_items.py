"""Build a large database (`--build N` cases) and time each scan of a reminders run, with its plans:
`manage.py scale_due_items --build 10000 --explain`. Refuses a database whose name does not say it is
for measuring (it adds rows and never removes them)."""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import notifications
from cases.models import Case, Stage
from feedback.models import Rhythm
from feedback.services import sending
from scale import due_items


def _check_ins(cases: list[Case]) -> dict[str, int]:
    made: dict[str, int] = {}
    due_items.check_ins(cases, random.Random(2), timezone.now(), made)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return made


def _due_rhythms(now) -> list[Rhythm]:
    """The rhythms scan of feedback.services.sending.make_due_requests, without its lock (a plan needs no
    transaction)."""
    return list(Rhythm.objects.filter(next_due_at__lte=now, stopped_at__isnull=True).exclude(case__stage=Stage.CLOSED))


class Command(BaseCommand):
    help = "Build a large database and time the scans of a reminders run (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--build", type=int, default=0, help="add this many cases first")
        parser.add_argument("--explain", action="store_true", help="print each scan's plan")
        parser.add_argument("--check-ins", action="store_true", help="add check-in rhythms to the cases made before")

    def handle(self, *args, build: int, explain: bool, check_ins: bool, **options):
        name = str(connection.settings_dict["NAME"])
        if connection.vendor != "postgresql" or "scale" not in name and "act_wt" not in name:
            raise CommandError(f"Not on {name}: only a PostgreSQL database of its own, for measuring.")
        if build:
            seconds, made = due_items.timed(lambda: due_items.build(cases=build))
            self.stdout.write(f"built in {seconds:.1f} s: {made}")
        if check_ins:
            cases = list(Case.objects.filter(team__name__startswith="Scale team", rhythms__isnull=True))
            seconds, made = due_items.timed(lambda: _check_ins(cases))
            self.stdout.write(f"check-ins added in {seconds:.1f} s: {made}")
        now = timezone.now()
        # The reminders' sources, and the check-ins' two scans (the rhythms due, the requests not yet sent).
        sources = [*notifications._reminder_sources, _due_rhythms, sending._unsent]
        for source in sources:
            with CaptureQueriesContext(connection) as captured:
                seconds, messages = due_items.timed(lambda: source(now))  # noqa: B023 (called at once)
            self.stdout.write(
                f"{source.__module__}.{source.__name__}: {seconds * 1000:.0f} ms, {len(messages)} messages, "
                f"{len(captured)} queries"
            )
            # The scan is the first query; what follows (the managers of each team) is small and indexed.
            for query in captured.captured_queries[:1]:
                ms, plan = due_items.explain(query["sql"])
                self.stdout.write(f"  scan {ms:.1f} ms: {query['sql'][:150]}")
                if explain:
                    self.stdout.write("    " + plan.replace("\n", "\n    "))
