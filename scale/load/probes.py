"""What the pages answer while something is down: a signed-in worker, a new sign-in, a young person's link and
the shared-link door, each asked in turn, their answers counted by kind of page."""

import re
import time
import uuid
from collections import Counter, defaultdict
from datetime import date

import requests

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
VERSION = re.compile(r'id="words-version"[^>]*value="(\d+)"|value="(\d+)"[^>]*id="words-version"')
TIMEOUT = 30


def _token(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


def _status(call) -> int | str:
    try:
        return call().status_code
    except requests.RequestException as error:
        return type(error).__name__


class Prober:
    def __init__(self, *, base: str, manifest: dict, link: dict):
        self.base, self.manifest, self.link = base, manifest, link
        self.answers: dict[str, Counter] = defaultdict(Counter)
        self.slowest: dict[str, float] = {}
        self.staff = self._signed_in()
        self.case = manifest["busy_case"]
        self.young = requests.Session()
        self.text, self.version = "", 0
        self.saved: list[str] = []

    def _signed_in(self) -> requests.Session:
        session = requests.Session()
        self.signed_in = self._sign_in(session)
        return session

    def _sign_in(self, session: requests.Session) -> requests.Response:
        page = session.get(f"{self.base}/account/sign-in/", timeout=TIMEOUT)
        data = {
            # The team's manager, not the key worker: a restricted entry they add tells the key worker, so
            # adding one queues an email through the broker.
            "username": self.manifest["manager"],
            "password": self.manifest["password"],
            "csrfmiddlewaretoken": _token(page.text),
        }
        return session.post(f"{self.base}/account/sign-in/", data=data, timeout=TIMEOUT, allow_redirects=False)

    def sign_in(self) -> requests.Response:
        return self._sign_in(requests.Session())

    def overview(self) -> requests.Response:
        return self.staff.get(f"{self.base}/cases/{self.case}/", timeout=TIMEOUT, allow_redirects=False)

    def cases(self) -> requests.Response:
        return self.staff.get(f"{self.base}/cases/", timeout=TIMEOUT, allow_redirects=False)

    def add_restricted_contact(self) -> requests.Response:
        """A restricted entry tells the key worker (in the app, and an email queued through the broker)."""
        path = f"{self.base}/cases/{self.case}/timeline/add/contact/"
        form = self.staff.get(path, timeout=TIMEOUT)
        today = date.today()
        data = {
            "csrfmiddlewaretoken": _token(form.text),
            "occurred_on_0": today.day,
            "occurred_on_1": today.month,
            "occurred_on_2": today.year,
            "occurred_time": "10:00",
            "method": "visit",
            "seen_alone": "yes",
            "summary": f"Fault test visit {uuid.uuid4().hex[:8]}",
            "restricted": "yes",
        }
        return self.staff.post(path, data=data, timeout=TIMEOUT, allow_redirects=False)

    def autosave(self) -> requests.Response:
        path = f"{self.base}/s/{self.link['token']}/"
        page = self.young.get(path, timeout=TIMEOUT)
        if found := VERSION.search(page.text):
            self.version = int(found.group(1) or found.group(2))
        marker = f"[{uuid.uuid4().hex[:10]}]"
        self.text = f"{self.text} Probe {marker}.".strip()
        data = {
            "csrfmiddlewaretoken": _token(page.text),
            "action": "autosave",
            "text": self.text,
            "version": self.version,
        }
        response = self.young.post(path, data=data, timeout=TIMEOUT)
        if response.status_code == 200:
            self.saved = re.findall(r"\[[0-9a-f]{10}\]", self.text)
        return response

    def unknown_link(self) -> requests.Response:
        return requests.get(f"{self.base}/s/{uuid.uuid4().hex}{uuid.uuid4().hex}/", timeout=TIMEOUT)

    def passcode_page(self) -> requests.Response:
        token = self.manifest.get("space_token") or self.link["token"]
        return requests.get(f"{self.base}/s/{token}/", timeout=TIMEOUT)

    def wrong_passcode(self) -> requests.Response:
        token = self.manifest.get("space_token") or self.link["token"]
        session = requests.Session()
        page = session.get(f"{self.base}/s/{token}/", timeout=TIMEOUT)
        data = {"csrfmiddlewaretoken": _token(page.text), "action": "passcode", "passcode": "not-the-passcode"}
        return session.post(f"{self.base}/s/{token}/", data=data, timeout=TIMEOUT)

    def healthz(self) -> requests.Response:
        return requests.get(f"{self.base}/healthz", timeout=TIMEOUT)

    KINDS = {
        "sign-in": "sign_in",
        "case overview": "overview",
        "cases list": "cases",
        "timeline add (restricted, queues an email)": "add_restricted_contact",
        "young person: autosave": "autosave",
        "shared link: unknown token": "unknown_link",
        "shared link: passcode page": "passcode_page",
        "shared link: wrong passcode": "wrong_passcode",
        "health check": "healthz",
    }

    # Asked once in each phase: each counts against the shared links' limits (ten in 15 minutes), which the
    # probes must not reach themselves.
    ONCE = ("shared link: unknown token", "shared link: wrong passcode")

    def round(self, label: str) -> None:
        for kind, method in self.KINDS.items():
            if kind in self.ONCE and self.answers[f"{label}|{kind}"]:
                continue
            began = time.monotonic()
            self.answers[f"{label}|{kind}"][_status(getattr(self, method))] += 1
            took = time.monotonic() - began
            self.slowest[f"{label}|{kind}"] = max(self.slowest.get(f"{label}|{kind}", 0.0), took)

    def during(self, label: str, seconds: float, pause: float = 2.0) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.round(label)
            time.sleep(pause)

    def table(self, label: str) -> str:
        lines = []
        for key, answers in self.answers.items():
            if key.startswith(f"{label}|"):
                said = ", ".join(f"{status}: {count}" for status, count in sorted(answers.items(), key=str))
                slowest = f" (slowest {self.slowest[key] * 1000:.0f} ms)" if key in self.slowest else ""
                lines.append(f"  {key.split('|', 1)[1]:<44} {said}{slowest}")
        return "\n".join(lines)
