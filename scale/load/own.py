"""The fault test's own PostgreSQL cluster, Redis and mail server: started here, on their own ports, so that
killing and restarting them touches nothing else on the machine.

PostgreSQL will not run as root: when this runs as root, its commands run as the `postgres` user and the
cluster's folder is theirs."""

import email
import email.policy
import json
import os
import shutil
import socketserver
import subprocess
import threading
import time
from contextlib import suppress
from pathlib import Path

from . import processes

PG_BIN = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1] if Path("/usr/lib/postgresql").exists() else None


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


class Postgres:
    """A cluster in `folder` on 127.0.0.1:`port`, trusting local connections (it listens on 127.0.0.1 only)."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.data = folder / "data"
        self.log = folder / "postgres.log"

    @property
    def server(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}"

    def _tool(self, name: str) -> str:
        found = (PG_BIN / name) if PG_BIN else shutil.which(name)
        if not found:
            raise SystemExit(f"PostgreSQL's {name} was not found (the fault test starts a cluster of its own).")
        return str(found)

    def _run(self, *command: str) -> None:
        subprocess.run(_as_postgres(list(command)), check=True, stdout=subprocess.DEVNULL)  # noqa: S603 - our own

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        if not (self.data / "PG_VERSION").exists():
            self._run(self._tool("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder} -c fsync=off"
        self._run(self._tool("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "start")

    def restart(self) -> None:
        """As an operator would: fast shutdown (every connection is cut), then start again."""
        self._run(self._tool("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "restart")

    def stop(self) -> None:
        with suppress(subprocess.CalledProcessError):
            self._run(self._tool("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")


class Redis:
    """redis-server on 127.0.0.1:`port`, keeping its data in `folder` (append-only file), as a production Redis
    that holds a queue would: stopping it loses no queued task."""

    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        command = [
            shutil.which("redis-server") or "redis-server",
            "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder),
            "--appendonly", "yes", "--save", "", "--daemonize", "no",
        ]  # fmt: skip
        self.process = processes.start(command, env=os.environ, log=self.folder / "redis.log")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and b"Ready to accept" not in (self.folder / "redis.log").read_bytes():
            time.sleep(0.2)

    def stop(self) -> None:
        if self.process:
            processes.stop(self.process)
            self.process = None


class _Mail(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's SMTP backend: each message's recipients and subject are written down,
    one JSON line per message, after a pause like a real mail server's."""

    def _say(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def _data(self) -> list[str]:
        lines = []
        while (line := self.rfile.readline().decode(errors="replace").rstrip("\r\n")) != ".":
            lines.append(line)
        return lines

    def handle(self) -> None:
        # A mail server takes a moment to greet (a real one looks the client up, then TLS): the pause.
        time.sleep(self.server.pause)  # type: ignore[attr-defined]
        self._say("220 load-test mail")
        recipients: list[str] = []
        while line := self.rfile.readline().decode(errors="replace").strip():
            verb = line.split(" ", 1)[0].upper()
            if verb == "DATA":
                self._say("354 go on")
                self.server.keep(recipients, self._data())  # type: ignore[attr-defined]
                recipients = []
                self._say("250 kept")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].strip(" <>"))
                self._say("250 ok")
            elif verb == "QUIT":
                self._say("221 bye")
                return
            else:  # EHLO, HELO, MAIL, RSET, NOOP
                self._say("250 ok")


class MailServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, record: Path, pause: float):
        super().__init__(("127.0.0.1", port), _Mail)
        self.record, self.pause = record, pause
        self._lock = threading.Lock()
        record.parent.mkdir(parents=True, exist_ok=True)  # the first run on a machine has no results folder
        record.write_text("")

    def keep(self, recipients: list[str], lines: list[str]) -> None:
        message = email.message_from_string("\n".join(lines), policy=email.policy.default)
        subject = str(message["Subject"] or "")
        with self._lock, self.record.open("a") as out:
            out.write(json.dumps({"to": recipients, "subject": subject}) + "\n")

    def start(self) -> None:
        threading.Thread(target=self.serve_forever, daemon=True).start()
