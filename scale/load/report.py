"""The load test's report, from locust's statistics (its `--csv` files): requests per second, errors, and the
50th, 95th and 99th percentiles of the response times for each kind of page, then the targets."""

import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path

# The targets for 50 people for 5 minutes, and for 50 people on the Cases page at once.
P95_TARGET_MS = 500
CASES_RPS_TARGET = 60


@dataclass(frozen=True)
class Row:
    kind: str
    requests: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:  # "N/A" when a kind had no request
        return 0.0


def read(stats_csv: Path) -> tuple[list[Row], Row]:
    """The rows per kind, and the total ("Aggregated")."""
    rows, total = [], None
    with stats_csv.open(newline="") as source:
        for line in csv.DictReader(source):
            row = Row(
                kind=line["Name"],
                requests=int(line["Request Count"]),
                failures=int(line["Failure Count"]),
                rps=_number(line["Requests/s"]),
                p50=_number(line["50%"]),
                p95=_number(line["95%"]),
                p99=_number(line["99%"]),
            )
            if line["Name"] == "Aggregated":
                total = row
            else:
                rows.append(row)
    if total is None:
        raise SystemExit(f"{stats_csv} has no total: did locust run?")
    return rows, total


def _percentile(ordered: list[float], share: float) -> float:
    """The nearest-rank percentile of times already in order."""
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, math.ceil(share * len(ordered)) - 1))]


def _row(kind: str, times: list[float], failures: int, seconds: float) -> Row:
    ordered = sorted(times)
    return Row(
        kind=kind,
        requests=len(ordered),
        failures=failures,
        rps=len(ordered) / seconds if seconds else 0.0,
        p50=_percentile(ordered, 0.50),
        p95=_percentile(ordered, 0.95),
        p99=_percentile(ordered, 0.99),
    )


def read_steady(steady_json: Path) -> tuple[list[Row], Row, float] | None:
    """The times once everyone had started (the locustfile's `Steady`), as rows per kind and a total, and
    how many seconds that lasted; None if everyone never started."""
    if not steady_json.exists():
        return None
    found = json.loads(steady_json.read_text())
    seconds, kinds = found["seconds"], found["kinds"]
    if not seconds:
        return None
    rows = [_row(kind, value["times"], value["failures"], seconds) for kind, value in kinds.items()]
    every = [time for value in kinds.values() for time in value["times"]]
    total = _row("Aggregated", every, sum(value["failures"] for value in kinds.values()), seconds)
    return rows, total, seconds


def _line(row: Row) -> str:
    return (
        f"{row.kind:<36} {row.requests:>8} {row.failures:>7} {row.rps:>8.1f} "
        f"{row.p50:>8.0f} {row.p95:>8.0f} {row.p99:>8.0f}"
    )


def table(rows: list[Row], total: Row) -> str:
    head = f"{'kind of page':<36} {'requests':>8} {'errors':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    lines = [head, "-" * len(head), *(_line(row) for row in sorted(rows, key=lambda row: row.kind))]
    return "\n".join([*lines, "-" * len(head), _line(total)])


def failures(failures_csv: Path) -> str:
    """What went wrong, by kind and message (locust's failures file)."""
    if not failures_csv.exists():
        return ""
    with failures_csv.open(newline="") as source:
        found = [f"  {line['Occurrences']:>6} x {line['Name']}: {line['Error']}" for line in csv.DictReader(source)]
    return "\n".join(["Errors:", *found]) if found else ""


def verdict_mixed(rows: list[Row], total: Row) -> list[str]:
    """The targets of 50 people for 5 minutes: no errors, p95 under 500 ms (for every kind of page)."""
    slow = [row.kind for row in rows if row.p95 >= P95_TARGET_MS]
    return [
        f"Errors: {total.failures} of {total.requests} requests (target: none): "
        + ("met" if total.failures == 0 else "NOT MET"),
        f"p95 of all requests: {total.p95:.0f} ms (target: under {P95_TARGET_MS} ms): "
        + ("met" if total.p95 < P95_TARGET_MS else "NOT MET"),
        "Kinds of page with a p95 of 500 ms or more: " + (", ".join(slow) if slow else "none"),
    ]


def verdict_cases(total: Row) -> list[str]:
    return [
        f"Cases page: {total.rps:.1f} requests per second with 2 gunicorn workers (target: at least "
        f"{CASES_RPS_TARGET}): " + ("met" if total.rps >= CASES_RPS_TARGET else "NOT MET"),
        f"Errors: {total.failures} of {total.requests} requests",
    ]
