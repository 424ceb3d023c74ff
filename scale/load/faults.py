"""make load-faults: the load test while things fail, then the counts.

A PostgreSQL cluster, a Redis and a mail server of its own (`own.py`), a Celery worker and gunicorn against
them, a smaller seeded database (LOAD_CASES, 500 by default) and the simulated people (LOAD_USERS, 30, for
LOAD_TIME, 4 minutes). While they work:
1. a reminders run is started and its worker killed (kill -9) while it is emailing; the worker is started
   again and the next run queued, as beat would;
2. Redis is stopped for a minute (LOAD_REDIS_DOWN seconds) and started again, while every kind of page is
   asked what it answers;
3. PostgreSQL is restarted (pg_ctl restart -m fast) and the same gunicorn workers must answer again by
   themselves.
Then a last reminders run, and the counts: every due reminder in the app once and emailed exactly once,
every autosave the service said it saved still in the database, what the pages answered while Redis was down.
"""

import json
import os
import shutil
import signal
import subprocess
import time
from datetime import UTC, datetime

import psutil  # type: ignore[import-untyped]
import psycopg

from . import database, processes
from .own import MailServer, Postgres, Redis
from .probes import Prober
from .run import RESULTS, Options, locust, print_report, service_env, wait_locust

FOLDER = RESULTS / "faults"
SEEDED = "act_faults_seed"
# A run killed after taking an email leaves it for a later run after this lapse (10 minutes in production):
# shortened so that the test sees it happen.
LAPSE_SECONDS = 30
MAIL_PORT = 8839
# A mail server greets each connection after a short while; the pause makes a reminders run last long
# enough (a few seconds) to be killed in the middle of its emailing, between taking an email and sending it.
MAIL_PAUSE = 0.05


def say(text: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {text}", flush=True)


class Faults:
    def __init__(self):
        self.options = Options.from_env(port=8833, database="act_faults", users=30, time="4m")
        self.pg = Postgres(FOLDER / "pg", 5499)
        self.redis = Redis(FOLDER / "redis", 6391)
        self.mail = MailServer(MAIL_PORT, FOLDER / "mail.jsonl", MAIL_PAUSE)
        self.options = Options(**{**self.options.__dict__, "server": self.pg.server})
        self.env = service_env(
            self.options,
            REDIS_URL=self.redis.url,
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(MAIL_PORT),
            EMAIL_TIMEOUT="10",
            EMAIL_TAKEN_LAPSE_SECONDS=str(LAPSE_SECONDS),
        )
        self.started: list[subprocess.Popen] = []
        self.results: list[str] = []

    # The parts -----------------------------------------------------------------------------------------------
    def worker(self) -> subprocess.Popen:
        command = [str(processes.BIN / "celery"), "-A", "act", "worker", "--concurrency=1", "--loglevel=INFO"]
        process = processes.start(command, env=self.env, log=FOLDER / "celery.log")
        self.started.append(process)
        return process

    def _count_unemailed(self) -> int:
        with psycopg.connect(self.options.database_url, autocommit=True) as connection:
            row = connection.execute("SELECT count(*) FROM accounts_notification WHERE emailed_at IS NULL").fetchone()
            return row[0] if row else 0

    def _sent(self) -> int:
        return len(self.mail.record.read_text().splitlines())

    def reminders_run(self) -> None:
        from act.celery import app

        app.send_task("accounts.tasks.send_reminders")

    # The faults ----------------------------------------------------------------------------------------------
    def kill_worker_in_a_run(self, worker: subprocess.Popen) -> subprocess.Popen:
        sent_before = self._sent()
        self.reminders_run()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            # Emailing has begun (one email out) and more is waiting: the run is in the middle of its work.
            if self._sent() > sent_before and self._count_unemailed() > 0:
                processes.stop(worker, sig=signal.SIGKILL)
                waiting = self._count_unemailed()
                self.results.append(
                    f"Worker killed (kill -9) in a reminders run after {self._sent() - sent_before} emails, "
                    f"{waiting} notifications not yet emailed."
                )
                say(self.results[-1])
                break
            time.sleep(0.01)
        else:
            self.results.append("The reminders run ended (or never began emailing) before it could be killed.")
            say(self.results[-1])
        time.sleep(5)
        say("Worker started again; the next reminders run queued (as beat would).")
        again = self.worker()
        self.reminders_run()
        return again

    def redis_outage(self, prober: Prober, seconds: float) -> None:
        say(f"Redis stopped for {seconds:.0f} s.")
        self.redis.stop()
        prober.during("redis down", seconds)
        self.redis.start()
        say("Redis started again.")

    def postgres_restart(self, prober: Prober, server: subprocess.Popen) -> None:
        before = sorted(child.pid for child in psutil.Process(server.pid).children())
        say("PostgreSQL restarted (pg_ctl restart -m fast).")
        self.pg.restart()
        began = time.monotonic()
        while time.monotonic() - began < 60:
            answer = prober.overview()
            prober.answers["postgres restarted|case overview (until it answers)"][answer.status_code] += 1
            if answer.status_code == 200:
                break
            time.sleep(0.5)
        recovered = time.monotonic() - began
        prober.during("postgres restarted", 10, pause=0.5)
        after = sorted(child.pid for child in psutil.Process(server.pid).children())
        self.results.append(
            f"After PostgreSQL's restart the case page answered 200 again after {recovered:.1f} s; gunicorn's "
            f"workers before {before}, after {after}: " + ("the same, none restarted" if before == after else "CHANGED")
        )
        say(self.results[-1])

    def last_runs(self) -> None:
        """Reminders runs, as beat makes them, until nothing is left to email (an email taken by the killed
        run waits for its taking to lapse)."""
        deadline = time.monotonic() + LAPSE_SECONDS + 120
        while time.monotonic() < deadline:
            self.reminders_run()
            time.sleep(10)
            if not self._count_unemailed():
                break
        time.sleep(2)

    # The whole test ------------------------------------------------------------------------------------------
    def prepare(self) -> dict:
        FOLDER.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(self.redis.folder, ignore_errors=True)  # the last run's queue and counts
        for old in [*FOLDER.glob("*.log"), *RESULTS.glob("faults[-_]*")]:  # the last run's logs and statistics
            old.unlink()
        self.pg.start()
        self.redis.start()
        self.mail.start()
        cases = int(os.environ.get("LOAD_CASES", "500"))
        # Seeded once; each run works on a fresh copy, so that every run starts with the same due reminders,
        # nothing emailed yet and no count of wrong passcodes left by the last run.
        seeded_env = {**self.env, "DATABASE_URL": f"{self.pg.server}/{SEEDED}"}
        seeded = database.ensure(server=self.pg.server, name=SEEDED, cases=cases, env=seeded_env, template=None)
        database.drop(self.pg.server, self.options.database)
        database.copy(self.pg.server, self.options.database, template=SEEDED)
        manifest = database.manifest_of(self.options.database)
        shutil.copyfile(seeded, manifest)
        os.environ.update(self.env)
        import django

        django.setup()
        return {"path": manifest, **json.loads(manifest.read_text())}

    def run(self) -> None:
        manifest = self.prepare()
        self.since = datetime.now(UTC)
        saves = FOLDER / "saves.json"
        server = processes.gunicorn(port=self.options.port, env=self.env, log=FOLDER / "gunicorn.log")
        self.started.append(server)
        worker = self.worker()
        prober = Prober(
            base=f"http://127.0.0.1:{self.options.port}", manifest=manifest, link=manifest["assessment_links"][-1]
        )
        say(f"{self.options.users} simulated people for {self.options.time}.")
        crowd = locust(
            self.options, classes=["Worker", "Manager", "YoungPerson"], name="faults", env=self.env,
            manifest=manifest["path"], saves=saves,
        )  # fmt: skip
        self.started.append(crowd)
        prober.during("before", 20)
        worker = self.kill_worker_in_a_run(worker)
        prober.during("after the worker's restart", 10)
        self.redis_outage(prober, float(os.environ.get("LOAD_REDIS_DOWN", "60")))
        prober.during("after Redis came back", 10)
        self.postgres_restart(prober, server)
        say("Waiting for the simulated people to finish.")
        rows, total = wait_locust(crowd, name="faults")
        self.last_runs()
        self.report(rows, total, prober, saves)

    def report(self, rows, total, prober: Prober, saves) -> None:
        from django.db import connection

        from . import counts

        connection.close()  # opened before PostgreSQL's restart
        print_report("faults", rows, total, [f"Errors during the faults: {total.failures} of {total.requests}"])
        saved = json.loads(saves.read_text()) if saves.exists() else {}
        saved[prober.link["token"]] = prober.saved
        print("\nWhat happened:\n" + "\n".join(f"  {line}" for line in self.results))
        for label in ("before", "redis down", "after Redis came back", "postgres restarted"):
            print(f"\nWhat the pages answered ({label}):\n{prober.table(label)}")
        for title, found in (
            ("Reminders due now, against the notifications in the app", counts.reminders()),
            ("Emails (against the notifications owed one)", counts.emails(self.mail.record, self.since)),
            ("Young people's autosaves", counts.autosaves(saved)),
        ):
            print(f"\n{title}:\n" + "\n".join(f"  {name}: {number}" for name, number in found.items()))

    def stop(self) -> None:
        for process in reversed(self.started):
            processes.stop(process)
        self.redis.stop()
        self.pg.stop()
        self.mail.shutdown()


def main() -> None:
    faults = Faults()
    try:
        faults.run()
    finally:
        faults.stop()
