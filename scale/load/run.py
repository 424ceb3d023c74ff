"""Running locust against a gunicorn started for the run, and printing what it measured."""

import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import processes, report
from .processes import BASE_DIR, BIN

LOCUSTFILE = Path(__file__).with_name("locustfile.py")
RESULTS = BASE_DIR / "var" / "load"


@dataclass(frozen=True)
class Options:
    """What a run is given, from the environment (LOAD_*), with the issue's numbers by default."""

    database: str
    server: str
    port: int
    users: int
    time: str
    cases: int
    fresh: bool

    @classmethod
    def from_env(cls, *, port: int, database: str = "act_load", users: int = 50, time: str = "5m") -> "Options":
        return cls(
            database=os.environ.get("LOAD_DATABASE", database),
            # The PostgreSQL server (no database name): the system one, unless LOAD_POSTGRES says otherwise.
            server=os.environ.get("LOAD_POSTGRES", "postgresql://postgres@127.0.0.1:5432").rstrip("/"),
            port=int(os.environ.get("LOAD_PORT", str(port))),
            users=int(os.environ.get("LOAD_USERS", str(users))),
            time=os.environ.get("LOAD_TIME", time),
            cases=int(os.environ.get("LOAD_CASES", "10000")),
            fresh=os.environ.get("LOAD_FRESH", "") not in ("", "0", "false"),
        )

    @property
    def database_url(self) -> str:
        return f"{self.server}/{self.database}"


def service_env(options: Options, **extra: str) -> dict[str, str]:
    """The service's settings for a load run, said explicitly, as the demo's are (see the Makefile): production's
    defaults except what a measurement on 127.0.0.1 over plain HTTP needs. Two-factor sign-in is off, which
    only the demo may do (DEMO=true; the seeded sign-ins have passwords only). Nothing relaxes a rate limit:
    django-axes counts only wrong passwords and the shared links' limit only unknown tokens and wrong passcodes,
    and the simulated people make neither."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="act.settings",
        DATABASE_URL=options.database_url,
        SECRET_KEY_FILE=str(BASE_DIR / "var" / "secret-key"),
        DEBUG="false",
        DEMO="true",
        HTTPS="false",
        TWO_FACTOR_REQUIRED="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{options.port}",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
        BROKER_DIR=str(RESULTS / "broker"),
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def locust(
    options: Options,
    *,
    classes: list[str],
    name: str,
    env: Mapping[str, str],
    manifest: Path,
    saves: Path | None = None,
) -> subprocess.Popen:
    """Start locust, headless, bounded in time, against 127.0.0.1 only."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    spawn_rate = min(10, options.users)
    command = [
        str(BIN / "locust"),
        f"--locustfile={LOCUSTFILE}",
        "--headless",
        f"--users={options.users}",
        f"--spawn-rate={spawn_rate}",
        f"--run-time={options.time}",
        f"--host=http://127.0.0.1:{options.port}",
        f"--csv={RESULTS / name}",
        "--only-summary",
        "--stop-timeout=10",
        "--loglevel=WARNING",
        *classes,
    ]
    run_env = {
        **env,
        "LOAD_MANIFEST": str(manifest),
        "LOAD_SAVES": str(saves or ""),
        "LOAD_STEADY": str(RESULTS / f"{name}_steady.json"),
    }
    return processes.start(command, env=run_env, log=RESULTS / f"{name}-locust.log")


def wait_locust(process: subprocess.Popen, *, name: str) -> tuple[list[report.Row], report.Row]:
    process.wait()
    stats = RESULTS / f"{name}_stats.csv"
    if not stats.exists():
        log = (RESULTS / f"{name}-locust.log").read_text(errors="replace")[-3000:]
        raise SystemExit(f"locust wrote no statistics. The end of its log:\n{log}")
    return report.read(stats)


def print_report(name: str, rows: list[report.Row], total: report.Row, verdict: list[str]) -> None:
    print("\nThe whole run:")
    print(report.table(rows, total))
    if errors := report.failures(RESULTS / f"{name}_failures.csv"):
        print(errors)
    print()
    print("\n".join(verdict))
    sys.stdout.flush()


def print_steady(name: str, verdict: Callable[[list[report.Row], report.Row], list[str]]) -> None:
    """The same once everyone had signed in, and the machine's load."""
    if steady := report.read_steady(RESULTS / f"{name}_steady.json"):
        rows, total, seconds = steady
        print(f"\nOnce everyone had signed in (the last {seconds:.0f} s):")
        print(report.table(rows, total))
        print()
        print("\n".join(verdict(rows, total)))
    # Everything here shares the machine (the simulated people too): its load says how fair the numbers are.
    one, five, _fifteen = os.getloadavg()
    print(f"\nThe machine: {os.cpu_count()} cores, load average {one:.1f} (1 min), {five:.1f} (5 min) at the end.")
    sys.stdout.flush()
