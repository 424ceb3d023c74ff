"""The due-item scans, timed on the measured database: every reminder source the reminders run asks
(registered with accounts.notifications), the run of check-ins and feedback requests, the whole reminders
run, and the due lists of My work. Each is run a few times; the queries of one run are shown with
PostgreSQL's EXPLAIN (ANALYZE), and a sequential scan of a big table is flagged.

Everything runs inside a transaction that is rolled back: a scan that writes (a request made, a notification
recorded) leaves the database as it found it, so the next run of the benchmark measures the same thing."""

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts import notifications
from accounts.models import User
from accounts.tasks import send_reminders
from assessments.models import ReviewPoint
from cases.models import Case, TimelineEntry
from dashboards.work import due, words
from feedback.models import Request
from feedback.services import send_due
from plans.models import Action, Meeting

RUNS = 3
# A table with more rows than this is "big": reading all of it for a few due items does not scale.
BIG_TABLE_ROWS = 10_000
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


@dataclass
class Plan:
    sql: str
    plan: str
    big_seq_scans: list[str]


@dataclass
class Scan:
    name: str
    median_ms: float
    queries: int
    plans: list[Plan] = field(default_factory=list)

    @property
    def big_seq_scans(self) -> list[str]:
        return sorted({table for plan in self.plans for table in plan.big_seq_scans})


class _Rollback(Exception):
    pass


def _row_estimates() -> dict[str, float]:
    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples FROM pg_class WHERE relkind = 'r'")
        return dict(cursor.fetchall())


def explain(sql: str, rows: dict[str, float]) -> Plan:
    if connection.vendor != "postgresql":  # the tests' SQLite: the scan is timed, not explained
        return Plan(sql=sql, plan="", big_seq_scans=[])
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        text = "\n".join(line for (line,) in cursor.fetchall())
    big = sorted({t for t in SEQ_SCAN.findall(text) if rows.get(t, 0) > BIG_TABLE_ROWS})
    return Plan(sql=sql, plan=text, big_seq_scans=big)


def _is_read(sql: str) -> bool:
    return sql.lstrip().upper().startswith("SELECT")


def measure(name: str, scan: Callable[[], object], *, runs: int = RUNS) -> Scan:
    """Time `scan` `runs` times, each in a transaction rolled back, and explain the reads of the last run."""
    took: list[float] = []
    captured: list[str] = []
    rows = _row_estimates()
    plans: list[Plan] = []
    for run in range(runs):
        try:
            with transaction.atomic():
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    scan()
                    took.append((time.perf_counter() - started) * 1000)
                captured = [query["sql"] for query in queries.captured_queries]
                if run == runs - 1:
                    # Explained inside the same transaction, so that it sees what the scan saw.
                    plans = [explain(sql, rows) for sql in captured if _is_read(sql)]
                raise _Rollback
        except _Rollback:
            pass
    return Scan(name=name, median_ms=statistics.median(took), queries=len(captured), plans=plans)


def dataset_rows() -> dict[str, int]:
    """The rows of the tables the scans read, for the report."""
    counted = {
        "cases": Case,
        "review points": ReviewPoint,
        "timeline entries": TimelineEntry,
        "meetings": Meeting,
        "plan actions": Action,
        "check-in and feedback requests": Request,
    }
    return {what: model._default_manager.count() for what, model in counted.items()}


def _source_name(source: Callable) -> str:
    return f"{source.__module__}.{source.__name__}"


def scans(manifest: dict) -> list[Scan]:
    now = timezone.now()
    worker = User.objects.get(username=manifest["worker"])
    found = [
        measure(f"Reminder source {_source_name(source)}", partial(source, now))
        for source in notifications._reminder_sources
    ]
    found.append(measure("Check-ins and feedback requests due (feedback.services.send_due)", send_due))
    found.append(measure("The whole reminders run (accounts.tasks.send_reminders)", send_reminders))
    found.append(measure("My work: due this week (worker)", lambda: due.due_this_week(worker)))
    found.append(measure("My work: new words (worker)", lambda: words.new_words(worker)))
    return found
