"""The people of the load test, for locust (run by `python -m scale.load`, never by hand against a real service).

Whom they sign in as and what they open comes from the scale manifest (`var/scale/<database>.json`, written by
`manage.py seed_scale`), named by LOAD_MANIFEST. Every request is named by the kind of page it is, so that the
report gives the times per kind, not per case.

- Worker: opens their own cases (the Cases page lists them), a case's overview and timeline, and adds a
  contact to the timeline through the real form, with its CSRF token.
- Manager: the Cases page filtered and searched, the team dashboard, referrals and the register of concerns.
- YoungPerson: opens their own link to their part of an assessment and saves as they type, like the page's
  script does; each save adds a marker of its own, and every marker the service said it saved is written to
  LOAD_SAVES at the end, so that the fault test can check that none was lost.
- CasesPage: a manager on the Cases page and nothing else, without pausing: the throughput scenario.
"""

import datetime
import itertools
import json
import os
import random
import re
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

from locust import FastHttpUser, between, constant, events, task
from locust.exception import StopUser

MANIFEST = json.loads(Path(os.environ["LOAD_MANIFEST"]).read_text())
PASSWORD = MANIFEST["password"]
WORKERS = [MANIFEST["worker"], *MANIFEST.get("workers", [])]
MANAGERS = [MANIFEST["manager"], *MANIFEST.get("managers", [])]
LINKS = MANIFEST.get("assessment_links") or [{"token": MANIFEST["assessment_link_token"], "passcode": None}]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CASE_LINK = re.compile(r'href="/cases/(\d+)/"')
VERSION = re.compile(r'id="words-version"[^>]*value="(\d+)"|value="(\d+)"[^>]*id="words-version"')
# A few letters to search the Cases page with: names are searched by their start and their middle alike.
SEARCHES = ["a", "an", "el", "jo", "ma", "li", "sa", "em", "ch", "ri"]
RISKS = ["low", "medium", "high", "very_high"]

# Each simulated person takes the next sign-in or link; a link is never shared by two people, because two
# people saving the same words would each refuse the other's stale version.
_next_worker = itertools.cycle(WORKERS)
_next_manager = itertools.cycle(MANAGERS)
_next_link = iter(LINKS)
_lock = threading.Lock()
# For each link's token: the markers the service answered "saved" for (the fault test looks for every one).
SAVED: dict[str, list[str]] = {}


class Steady:
    """The times once everyone has started (signed in: a deliberately slow password hash, 50 at once), by kind
    of page, beside locust's own statistics of the whole run: the report gives both."""

    started = 0
    since: float | None = None
    times: dict[str, list[float]] = defaultdict(list)
    failures: Counter = Counter()


def _started(user) -> None:
    with _lock:
        Steady.started += 1
        if Steady.since is None and Steady.started >= user.environment.runner.target_user_count:
            Steady.since = time.time()


@events.request.add_listener
def _steady(name, response_time, exception, **kwargs):
    if Steady.since is not None:
        Steady.times[name].append(response_time)
        if exception:
            Steady.failures[name] += 1


def _token(html: str) -> str:
    found = CSRF.search(html)
    return found.group(1) if found else ""


class Staff(FastHttpUser):
    abstract = True
    wait_time = between(1, 4)
    username = ""

    def sign_in(self, username: str) -> None:
        self.username = username
        page = self.client.get("/account/sign-in/", name="sign-in (page)")
        with self.client.post(
            "/account/sign-in/",
            data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": _token(page.text or "")},
            name="sign-in",
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code != 302:
                response.failure(f"signing in as {username} answered {response.status_code}")
                raise StopUser()


class Worker(Staff):
    weight = 5

    def on_start(self):
        with _lock:
            username = next(_next_worker)
        self.sign_in(username)
        self.cases = self._own_cases()
        _started(self)

    def _own_cases(self) -> list[int]:
        page = self.client.get("/cases/", name="cases list (own)")
        return sorted({int(pk) for pk in CASE_LINK.findall(page.text or "")})

    def _a_case(self) -> int | None:
        return random.choice(self.cases) if self.cases else None

    @task(2)
    def my_work(self):
        self.client.get("/dashboards/my-work/", name="my work")

    @task(3)
    def own_cases(self):
        self.cases = self._own_cases() or self.cases

    @task(6)
    def overview(self):
        if pk := self._a_case():
            self.client.get(f"/cases/{pk}/", name="case overview")

    @task(5)
    def timeline(self):
        if pk := self._a_case():
            self.client.get(f"/cases/{pk}/timeline/", name="case timeline")

    @task(2)
    def add_contact(self):
        pk = self._a_case()
        if pk is None:
            return
        path = f"/cases/{pk}/timeline/add/contact/"
        form = self.client.get(path, name="timeline add (form)")
        today = datetime.date.today()
        data = {
            "csrfmiddlewaretoken": _token(form.text or ""),
            "occurred_on_0": str(today.day),
            "occurred_on_1": str(today.month),
            "occurred_on_2": str(today.year),
            "occurred_time": "09:30",
            "method": "call",
            "seen_alone": "not_seen",
            "summary": f"Load test call {uuid.uuid4().hex[:8]}",
            "their_words": "",
            "details": "Talked about the week ahead.",
            "restricted": "no",
        }
        with self.client.post(
            path, data=data, name="timeline add (save)", catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 302:
                response.failure(f"the contact was not added ({response.status_code})")


class Manager(Staff):
    weight = 2

    def on_start(self):
        with _lock:
            username = next(_next_manager)
        self.sign_in(username)
        _started(self)

    @task(4)
    def cases_filtered(self):
        self.client.get(f"/cases/?stage=open&risk={random.choice(RISKS)}", name="cases list (filtered)")

    @task(3)
    def cases_searched(self):
        self.client.get(f"/cases/?stage=&q={random.choice(SEARCHES)}", name="cases list (searched)")

    @task(3)
    def team_dashboard(self):
        self.client.get("/dashboards/team/", name="team dashboard")

    @task(2)
    def referrals(self):
        self.client.get("/referrals/", name="referrals")

    @task(2)
    def concerns(self):
        self.client.get("/concerns/", name="concerns register")


class CasesPage(Staff):
    """The throughput scenario: everyone on the Cases page at once, as fast as the service answers."""

    wait_time = constant(0)
    weight = 1

    def on_start(self):
        with _lock:
            username = next(_next_manager)
        self.sign_in(username)
        _started(self)

    @task
    def cases(self):
        self.client.get("/cases/", name="cases list")


class YoungPerson(FastHttpUser):
    """Writes their part of the assessment on their phone: the page saves every few seconds as they type."""

    weight = 3
    wait_time = between(2, 5)

    def on_start(self):
        with _lock:
            link = next(_next_link, None)
        if link is None:
            # More young people than links: a shared link would only measure its own refusals.
            _started(self)
            raise StopUser()
        self.path = f"/s/{link['token']}/"
        self.text = ""
        self.version = 0
        self.csrf = ""
        SAVED.setdefault(link["token"], [])
        self.token = link["token"]
        self.open_page()
        _started(self)

    def open_page(self):
        page = self.client.get(self.path, name="young person: their part (page)")
        html = page.text or ""
        self.csrf = _token(html) or self.csrf
        if found := VERSION.search(html):
            self.version = int(found.group(1) or found.group(2))

    @task(1)
    def reopen(self):
        self.open_page()

    @task(8)
    def autosave(self):
        # The words so far and one new sentence with its own marker: a save holds every earlier marker.
        marker = f"[{uuid.uuid4().hex[:10]}]"
        self.text = f"{self.text} I wrote this {marker}.".strip()
        data = {"csrfmiddlewaretoken": self.csrf, "action": "autosave", "text": self.text, "version": str(self.version)}
        with self.client.post(self.path, data=data, name="young person: autosave", catch_response=True) as response:
            body = _json(response)
            if response.status_code == 200 and body.get("saved"):
                self.version = body["version"]
                with _lock:
                    SAVED[self.token] = re.findall(r"\[[0-9a-f]{10}\]", self.text)
            elif response.status_code == 409 and body.get("conflict"):
                # Saved elsewhere meanwhile (a save whose answer was lost): what is typed here is kept and
                # saved on top next time, as the page does.
                self.version = body["version"]
                response.success()
            else:
                response.failure(f"not saved ({response.status_code})")


def _json(response) -> dict:
    try:
        body = response.json()
    except Exception:
        return {}
    return body if isinstance(body, dict) else {}


@events.quitting.add_listener
def _write_saves(environment, **kwargs):
    if target := os.environ.get("LOAD_SAVES"):
        Path(target).write_text(json.dumps(SAVED, indent=1))
    if target := os.environ.get("LOAD_STEADY"):
        seconds = time.time() - Steady.since if Steady.since else 0
        kinds = {name: {"times": times, "failures": Steady.failures[name]} for name, times in Steady.times.items()}
        Path(target).write_text(json.dumps({"seconds": seconds, "kinds": kinds}))
