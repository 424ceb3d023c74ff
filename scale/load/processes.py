"""Starting and stopping what the load test runs: each process is started here, remembered by its PID and
stopped by that PID (never by name: other copies of the same programs may be running on the machine)."""

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def start(command: list[str], *, env: Mapping[str, str], log: Path) -> subprocess.Popen:
    """Start a program in its own process group (so that stopping it stops its children too), its output
    in `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603 - our own commands, never a shell
            command, cwd=BASE_DIR, env=dict(env), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def stop(process: subprocess.Popen, *, sig: int = signal.SIGTERM, wait: float = 20) -> None:
    """Stop a process started by `start` and everything it started, by its process group's id."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout=wait)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def gunicorn(*, port: int, env: Mapping[str, str], log: Path, workers: int = 2) -> subprocess.Popen:
    """The service as production runs it: gunicorn's sync workers, on 127.0.0.1 only."""
    command = [
        str(BIN / "gunicorn"),
        "act.wsgi:application",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--timeout=60",
        "--graceful-timeout=5",
    ]
    process = start(command, env=env, log=log)
    wait_for(f"http://127.0.0.1:{port}/healthz", process=process, log=log)
    return process


def wait_for(url: str, *, process: subprocess.Popen, log: Path, seconds: float = 60) -> None:
    """Wait until `url` answers 200, or fail with the end of the process's log."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - http://127.0.0.1 only
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    stop(process)
    tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    raise SystemExit(f"{url} did not answer. The end of {log}:\n{tail}")
