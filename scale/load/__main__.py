"""python -m scale.load [mixed|cases|faults]

mixed (make load): 50 people (LOAD_USERS) for 5 minutes (LOAD_TIME): workers, managers and young people.
cases (make load-cases): 50 managers on the Cases page at once, as fast as it answers, for 1 minute.
faults (make load-faults): the mixed load against a PostgreSQL, Redis and Celery worker of its own, while the
worker is killed in a reminders run, Redis is stopped for a minute and PostgreSQL restarted; then the counts.
"""

import argparse
import os

from . import database, processes, report
from .run import RESULTS, Options, locust, print_report, print_steady, service_env, wait_locust

MIXED = ["Worker", "Manager", "YoungPerson"]


def _serve_and_load(options: Options, *, classes: list[str], name: str):
    env = service_env(options)
    if options.fresh:
        database.drop(options.server, options.database)
    # The benchmark's seeded database, copied when it is there (LOAD_TEMPLATE names another).
    template = os.environ.get("LOAD_TEMPLATE", "act_bench")
    manifest = database.ensure(
        server=options.server, name=options.database, cases=options.cases, env=env, template=template
    )
    for old in RESULTS.glob(f"{name}[-_]*"):  # the last run's logs and statistics
        old.unlink()
    print(f"Serving {options.database} with gunicorn (2 workers) on 127.0.0.1:{options.port}.")
    server = processes.gunicorn(port=options.port, env=env, log=RESULTS / f"{name}-gunicorn.log")
    try:
        print(f"{options.users} simulated people for {options.time} ({', '.join(classes)}).", flush=True)
        crowd = locust(options, classes=classes, name=name, env=env, manifest=manifest)
        try:
            return wait_locust(crowd, name=name)
        finally:
            processes.stop(crowd)
    finally:
        processes.stop(server)


def mixed() -> None:
    options = Options.from_env(port=8831)
    rows, total = _serve_and_load(options, classes=MIXED, name="mixed")
    print_report("mixed", rows, total, report.verdict_mixed(rows, total))
    print_steady("mixed", report.verdict_mixed)


def cases() -> None:
    options = Options.from_env(port=8832, time="1m")
    rows, total = _serve_and_load(options, classes=["CasesPage"], name="cases")
    print_report("cases", rows, total, [f"Errors: {total.failures} of {total.requests} requests"])
    # The throughput once everyone is on the Cases page: their signing in is not what this measures.
    print_steady("cases", lambda rows, total: report.verdict_cases(_cases_row(rows, total)))


def _cases_row(rows: list[report.Row], total: report.Row) -> report.Row:
    return next((row for row in rows if row.kind == "cases list"), total)


def faults() -> None:
    from .faults import main as run_faults

    run_faults()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m scale.load", description=__doc__.split("\n\n")[1])
    parser.add_argument("scenario", nargs="?", default="mixed", choices=["mixed", "cases", "faults"])
    scenario = parser.parse_args().scenario
    {"mixed": mixed, "cases": cases, "faults": faults}[scenario]()


if __name__ == "__main__":
    main()
