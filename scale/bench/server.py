"""gunicorn with two workers on 127.0.0.1, serving the application with the benchmark's settings, started
and stopped by the benchmark itself (stopped by its process id, whatever happens in between)."""

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

WORKERS = 2
STARTUP_SECONDS = 60


def _wait_until_answering(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped as it started (exit status {process.returncode})")
        try:
            if requests.get(f"{url}/healthz", timeout=10).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or still loading the application
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer at {url} within {STARTUP_SECONDS} s")


def _refuse_busy_port(port: int) -> None:
    """Something already answering on the port would be measured instead of this server."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            raise RuntimeError(f"Port {port} is in use: choose another with BENCH_PORT.")


@contextmanager
def serving(*, port: int, database_url: str, log: Path) -> Iterator[str]:
    """Serve the application on 127.0.0.1:`port` against `database_url`; yields the base URL."""
    _refuse_busy_port(port)
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "scale.bench_settings", "DATABASE_URL": database_url}
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "act.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{port}"]
    command += ["--log-level", "warning"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as output:
        # Our own gunicorn, with arguments made here.
        process = subprocess.Popen(command, env=environment, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_answering(url, process)
            yield url
        finally:
            if process.poll() is None:
                # TERM is gunicorn's graceful stop: the arbiter stops its workers and exits.
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
