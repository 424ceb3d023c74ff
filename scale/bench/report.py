"""The benchmark's report: one markdown table of the pages, then the scans, the import and the bytes, each
against the targets the service is held to. Printed, and written to var/bench.md."""

from dataclasses import dataclass, field
from datetime import datetime

from .importing import ImportTiming
from .pages import FLOOR, Page
from .scans import Scan
from .timing import Timing
from .transfer import Transfer

# The targets: a staff page within 3 times the floor's median and under 150 ms at the 95th
# percentile; its queries the same at every size and at most 15; a due-item scan under 2 s; the import of
# 5,000 rows under 5 s; a young person's page under 150 KB with its assets.
RATIO_TARGET = 3.0
P95_TARGET_MS = 150.0
QUERY_TARGET = 15
SCAN_TARGET_MS = 2000.0
IMPORT_TARGET_S = 5.0
PAGE_BYTES_TARGET = 150 * 1024


@dataclass
class Results:
    started: datetime
    requests: int
    # Database label ("100 cases") to the number of cases and the query counts of each page: (queries, status).
    sizes: dict[str, int]
    pages: list[Page]
    timed_on: str
    timings: dict[str, Timing] = field(default_factory=dict)
    counts: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    scans: list[Scan] = field(default_factory=list)
    scanned_on: str = ""
    referral_import: ImportTiming | None = None
    transfers: dict[str, Transfer] = field(default_factory=dict)
    # Database label to the rows of the tables the scans read.
    rows: dict[str, dict[str, int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _verdict(page: Page, timing: Timing | None, floor: float, queries: list[int | None]) -> str:
    if page.name == FLOOR or timing is None:
        return ""
    problems = []
    if not page.young_persons:
        if timing.median_ms > RATIO_TARGET * floor:
            problems.append(f"> {RATIO_TARGET:g}x")
        if timing.p95_ms >= P95_TARGET_MS:
            problems.append(f"p95 >= {P95_TARGET_MS:g}")
        known = [q for q in queries if q is not None]
        if len(set(known)) > 1:
            problems.append("queries grow")
        if known and max(known) > QUERY_TARGET:
            problems.append(f"> {QUERY_TARGET} queries")
    if timing.status != 200:
        problems.append(f"status {timing.status}")
    return "no: " + ", ".join(problems) if problems else "yes"


def _pages_table(results: Results) -> list[str]:
    labels = list(results.counts)
    floor = results.timings.get(FLOOR)
    floor_ms = floor.median_ms if floor else 0.0
    head = ["Page", "As", "Median ms", "p95 ms", "x floor", *[f"Queries ({label})" for label in labels], "Meets"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for page in results.pages:
        timing = results.timings.get(page.name)
        queries = [results.counts[label].get(page.name, (None, 0))[0] for label in labels]
        cells = [
            page.name,
            page.who.replace("_", " "),
            f"{timing.median_ms:.1f}" if timing else "-",
            f"{timing.p95_ms:.1f}" if timing else "-",
            f"{timing.median_ms / floor_ms:.1f}" if timing and floor_ms else "-",
            *[str(q) if q is not None else "-" for q in queries],
            _verdict(page, timing, floor_ms, queries),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _scans_table(results: Results) -> list[str]:
    lines = [
        f"## Due-item scans ({results.scanned_on}; target under {SCAN_TARGET_MS / 1000:g} s each)",
        "",
        "| Scan | Median ms | Queries | Seq Scan on a big table | Meets |",
        "|---|---|---|---|---|",
    ]
    for scan in results.scans:
        meets = scan.median_ms < SCAN_TARGET_MS and not scan.big_seq_scans
        seq = ", ".join(scan.big_seq_scans) or "none"
        lines.append(f"| {scan.name} | {scan.median_ms:.1f} | {scan.queries} | {seq} | {'yes' if meets else 'no'} |")
    return lines


def _import_lines(results: Results) -> list[str]:
    found = results.referral_import
    if found is None:
        return []
    total = found.check_s + found.import_s
    meets = "yes" if total < IMPORT_TARGET_S else "no"
    return [
        f"## Referral import ({results.scanned_on}; target under {IMPORT_TARGET_S:g} s)",
        "",
        "| Rows | Check s | Import s | Total s | Good rows | Imported | Meets |",
        "|---|---|---|---|---|---|---|",
        f"| {found.rows} | {found.check_s:.2f} | {found.import_s:.2f} | {total:.2f} | {found.good_rows} "
        f"| {found.imported_rows} | {meets} |",
    ]


def _transfer_table(results: Results) -> list[str]:
    if not results.transfers:
        return []
    lines = [
        f"## Bytes transferred on a first visit, compressed, with assets (target under "
        f"{PAGE_BYTES_TARGET // 1024} KB for a young person's page)",
        "",
        "| Page | Page KB | Page compressed | Assets | Assets KB | Total KB | Meets |",
        "|---|---|---|---|---|---|---|",
    ]
    by_name = {page.name: page for page in results.pages}
    for name, found in results.transfers.items():
        page = by_name.get(name)
        meets = ""
        if found.status != 200:
            meets = f"status {found.status}"
        elif page is not None and page.young_persons:
            meets = "yes" if found.total_bytes < PAGE_BYTES_TARGET else "no"
        lines.append(
            f"| {name} | {found.page_bytes / 1024:.1f} | {found.page_encoding or 'no'} | {found.assets} "
            f"| {found.asset_bytes / 1024:.1f} "
            f"| {found.total_bytes / 1024:.1f} | {meets} |"
        )
    if any(not found.page_encoding for found in results.transfers.values()):
        lines += [
            "",
            "A page that came uncompressed: whitenoise compresses the static files only, nothing in the application"
            " compresses its pages (a web server in front may).",
        ]
    return lines


def _plans(results: Results) -> list[str]:
    lines = ["## Query plans of the scans (EXPLAIN (ANALYZE, BUFFERS))", ""]
    for scan in results.scans:
        lines += [f"### {scan.name}", ""]
        for plan in scan.plans:
            flag = f"  -- Seq Scan on a big table: {', '.join(plan.big_seq_scans)}" if plan.big_seq_scans else ""
            lines += ["```", plan.sql[:2000], "", plan.plan + flag, "```", ""]
    return lines


def render(results: Results) -> str:
    sizes = ", ".join(f"{label}: {cases} cases" for label, cases in results.sizes.items())
    lines = [
        f"# make bench, {results.started:%Y-%m-%d %H:%M} UTC",
        "",
        f"Pages timed on {results.timed_on} through gunicorn (2 workers), {results.requests} signed-in requests "
        f"each, one after the other. Queries counted in process on each database ({sizes}).",
        f"Targets for a staff page: within {RATIO_TARGET:g}x the floor's median, p95 under {P95_TARGET_MS:g} ms, "
        f"queries the same at every size and at most {QUERY_TARGET}.",
        *[
            f"Rows at {label}: " + ", ".join(f"{what} {count:,}" for what, count in rows.items()) + "."
            for label, rows in results.rows.items()
        ],
        "",
        *_pages_table(results),
        "",
        *_scans_table(results),
        "",
        *_import_lines(results),
        "",
        *_transfer_table(results),
        "",
        *[f"- {note}" for note in results.notes],
        "",
        *_plans(results),
    ]
    return "\n".join(lines).rstrip() + "\n"
