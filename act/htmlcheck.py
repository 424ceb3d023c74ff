"""The Nu Html Checker (npm's `vnu-jar`, run with Java) over many pages at once, for the tests.

Java starts once for all the pages: the pages are written to files in one folder and checked in one run,
which takes a few seconds, where a run per page would take minutes.

Nothing the checker reports is dropped silently: a message is left out only if an entry of IGNORED says
why, and an entry that no longer matches anything is itself reported, so that it is removed with the
markup that needed it.
"""

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass(frozen=True)
class Ignored:
    """Messages left out: those matching `message` (a regular expression) on pages whose name matches
    `pages`, and why."""

    pages: str
    message: str
    reason: str

    def matches(self, page: str, text: str) -> bool:
        return re.search(self.pages, page) is not None and re.search(self.message, text) is not None


# Every message the check leaves out, and why. Keep this short: the fix is nearly always in the markup.
IGNORED: list[Ignored] = [
    # Django's own admin templates (django.contrib.auth), which the service does not override.
    Ignored(
        pages=r"^admin:accounts_user_change ",
        message=r"^Attribute “disabled” not allowed on element “div” at this point\.$",
        reason="Django's read-only password widget (auth/widgets/read_only_password_hash.html) is a <div disabled>",
    ),
    Ignored(
        pages=r"^admin:auth_user_password_change ",
        message=r"^No “p” element in scope but a “p” end tag seen\.$",
        reason="Django's admin password page puts a help text holding a list inside a <p>",
    ),
]


@dataclass(frozen=True)
class Message:
    page: str
    line: int
    text: str
    extract: str

    def __str__(self) -> str:
        return f"{self.page}, line {self.line}: {self.text}\n    {self.extract.strip()}"


def java() -> str | None:
    return shutil.which("java")


def unavailable() -> str | None:
    """Why the checker cannot run here, or None if it can."""
    if java() is None:
        return "Java is not installed (the Nu Html Checker runs on Java: apt-get install default-jre-headless)"
    if not JAR.exists():
        return f"the Nu Html Checker is not installed ({JAR} is missing: run `npm ci`)"
    return None


def _file_name(number: int, page: str) -> str:
    return f"{number:03d}-{re.sub(r'[^A-Za-z0-9-]+', '-', page)[:80]}.html"


def run_checker(pages: dict[str, str]) -> list[Message]:
    """Every error the checker finds in `pages` (a name for each page, shown in the messages: its HTML)."""
    with tempfile.TemporaryDirectory(prefix="html-check-") as folder:
        names = {}
        for number, (page, html) in enumerate(pages.items()):
            path = Path(folder) / _file_name(number, page)
            path.write_text(html, encoding="utf-8")
            names[path.name] = page
        # A short run: Java's quick compiler alone starts it in a third of the time; the checker then needs a
        # larger stack than the default, and says so if it has too small a one.
        java_options = ["-XX:TieredStopAtLevel=1", "-Xss8m"]
        checker_options = ["--errors-only", "--format", "json", "--stdout"]
        command = [java() or "java", *java_options, "-jar", str(JAR), *checker_options, *sorted(names)]
        # The checker answers 1 when it finds an error, so its status says nothing more than the report.
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError as error:
        raise RuntimeError(
            f"the Nu Html Checker did not answer in JSON: {done.stdout[-1000:]} {done.stderr[-1000:]}"
        ) from error
    # With --errors-only, every message is an error: in a page ("error") or in reading it ("non-document-error").
    return [
        Message(
            page=names.get(Path(message.get("url", "")).name, message.get("url", "?")),
            line=int(message.get("lastLine", 0)),
            text=message.get("message", ""),
            extract=message.get("extract", ""),
        )
        for message in report["messages"]
    ]


def errors(pages: dict[str, str], ignored: list[Ignored] | None = None) -> tuple[list[Message], list[Ignored]]:
    """The errors in `pages` that no entry of `ignored` (IGNORED unless given) leaves out, and the entries
    that left out nothing."""
    ignored = IGNORED if ignored is None else ignored
    used: set[int] = set()
    kept = []
    for message in run_checker(pages):
        matching = [index for index, entry in enumerate(ignored) if entry.matches(message.page, message.text)]
        used.update(matching)
        if not matching:
            kept.append(message)
    return kept, [entry for index, entry in enumerate(ignored) if index not in used]
