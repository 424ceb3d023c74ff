"""`make bench` from start to end: the databases (100 cases and BENCH_CASES), gunicorn on the big one, the
pages timed, their queries counted on both, the scans, the import and the bytes; then the report."""

import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from . import datasets, importing, queries, scans, server, timing, transfer
from .pages import all_pages, space_home, staff_pages
from .report import Results, render

SMALL = 100
# The staff page whose bytes are measured beside the young person's pages.
TRANSFER_STAFF_PAGE = "Busy case: overview"


@dataclass(frozen=True)
class Options:
    database_url: str
    cases: int
    requests: int
    port: int
    reseed: bool

    @classmethod
    def from_environment(cls) -> "Options":
        return cls(
            database_url=os.environ["BENCH_DATABASE_URL"],  # scale.bench_settings gives the default
            cases=int(os.environ.get("BENCH_CASES", "10000")),
            requests=int(os.environ.get("BENCH_REQUESTS", "100")),
            port=int(os.environ.get("BENCH_PORT", "8821")),
            reseed=os.environ.get("RESEED", "") not in ("", "0"),
        )


def _databases(options: Options) -> dict[str, str]:
    """Label to database URL: the measured database, and one of 100 cases beside it to compare queries."""
    found = {f"{options.cases} cases": options.database_url}
    if options.cases != SMALL:
        small = datasets.with_name(options.database_url, datasets.database_name(options.database_url) + "_small")
        found = {f"{SMALL} cases": small, **found}
    return found


def _cases(label: str) -> int:
    return int(label.split()[0])


def _newest_source() -> float:
    newest = 0.0
    folders: list = settings.STATICFILES_DIRS
    for folder in folders:
        path = Path(folder[1] if isinstance(folder, tuple) else folder)
        for found in path.rglob("*"):
            newest = max(newest, found.stat().st_mtime)
    return newest


def _collect_static(say) -> None:
    """The static files collected and compressed as production serves them; again only when one changed
    (compressing them all takes a minute)."""
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists() and manifest.stat().st_mtime >= _newest_source():
        return
    say("Collecting the static files, compressed, as production serves them (a minute)...")
    call_command("collectstatic", interactive=False, verbosity=0, clear=True)


def measure(options: Options, *, say=print) -> Results:
    urls = _databases(options)
    manifests = {
        label: datasets.ensure(url, cases=_cases(label), reseed=options.reseed, say=say) for label, url in urls.items()
    }
    measured = f"{options.cases} cases"
    manifest = manifests[measured]
    _collect_static(say)

    results = Results(
        started=timezone.now(),
        requests=options.requests,
        sizes={label: _cases(label) for label in urls},
        pages=staff_pages(manifest),
        timed_on=f"{options.cases} cases",
    )
    log = Path(settings.VAR_DIR) / "bench-gunicorn.log"
    with server.serving(port=options.port, database_url=options.database_url, log=log) as base_url:
        space = timing.space_session(base_url, home=space_home(manifest), passcode=manifest.get("space_passcode"))
        results.pages = all_pages(manifest, space.get(base_url + space_home(manifest), timeout=60).text)
        space.close()
        sessions = timing.sessions_for(base_url, manifest, {page.who for page in results.pages})
        for page in results.pages:
            say(f"Timing {page.name}...")
            results.timings[page.name] = timing.time_page(
                sessions[page.who], base_url + page.path, count=options.requests
            )
        say("Bytes transferred...")
        for page in results.pages:
            if page.young_persons or page.name == TRANSFER_STAFF_PAGE:
                results.transfers[page.name] = transfer.measure(sessions[page.who], base_url, page.path)

    for label, url in urls.items():
        say(f"Counting queries on {label}...")
        with datasets.on_database(datasets.database_name(url)):
            results.rows[label] = scans.dataset_rows()
            # Each database's own young person, with the pages their home page says are waiting.
            pages = all_pages(manifests[label], queries.space_home_html(manifests[label]))
            results.counts[label] = queries.count_pages(manifests[label], pages)

    say("Timing the due-item scans and the referral import...")
    results.scanned_on = measured
    results.scans = scans.scans(manifest)
    results.referral_import = importing.time_import(manifest)
    results.notes += [
        "The scans and the import run in process on the measured database, each in a transaction rolled back; a"
        f" scan's time is the median of {scans.RUNS} runs, each of which finds everything due (nothing was"
        " recorded by the one before), and includes making the messages, not only the queries. A big table has"
        f" more than {scans.BIG_TABLE_ROWS:,} rows.",
        "Bytes: every stylesheet, script, image and font the page or its stylesheets name is counted once, as"
        " on a first visit (a browser fetches a font or an image of a stylesheet only if the page uses it).",
    ]
    return results


def main(*, say=print) -> Results:
    options = Options.from_environment()
    results = measure(options, say=say)
    text = render(results)
    out = Path(settings.VAR_DIR) / "bench.md"
    out.write_text(text)
    say(text)
    say(f"Written to {out}")
    return results
