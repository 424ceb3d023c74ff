"""Signed-in requests against a running server, timed: each person signs in once through the real sign-in
form (the young person through their space's passcode page), then the pages are opened one after the other."""

import re
import statistics
import time
from collections.abc import Iterable
from dataclasses import dataclass

import requests

from .pages import YOUNG_PERSON, Page

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT = 60


class BenchError(Exception):
    """The benchmark could not do what it measures (a sign-in refused, a page that is not there)."""


@dataclass(frozen=True)
class Timing:
    median_ms: float
    p95_ms: float
    requests: int
    status: int


def percentile(values: list[float], fraction: float) -> float:
    """The value below which `fraction` of the values lie (nearest rank: one of the measured values)."""
    ordered = sorted(values)
    rank = max(1, int(-(-fraction * len(ordered) // 1)))
    return ordered[min(rank, len(ordered)) - 1]


def _csrf(html: str, where: str) -> str:
    found = CSRF.search(html)
    if found is None:
        raise BenchError(f"No CSRF token on {where}")
    return found.group(1)


def staff_session(base_url: str, *, username: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base_url}/account/sign-in/", timeout=TIMEOUT)
    token = _csrf(page.text, "the sign-in page")
    answer = session.post(
        f"{base_url}/account/sign-in/",
        data={"csrfmiddlewaretoken": token, "username": username, "password": password},
        headers={"Referer": f"{base_url}/account/sign-in/"},
        timeout=TIMEOUT,
        allow_redirects=False,
    )
    if answer.status_code != 302:
        raise BenchError(f"{username} could not sign in (status {answer.status_code})")
    return session


def space_session(base_url: str, *, home: str, passcode: str | None) -> requests.Session:
    """A session that has opened the young person's space (giving its passcode, when it has one)."""
    session = requests.Session()
    page = session.get(f"{base_url}{home}", timeout=TIMEOUT)
    if passcode:
        token = _csrf(page.text, "the space's passcode page")
        answer = session.post(
            f"{base_url}{home}",
            data={"csrfmiddlewaretoken": token, "action": "passcode", "passcode": passcode},
            headers={"Referer": f"{base_url}{home}"},
            timeout=TIMEOUT,
        )
        if answer.status_code != 200:
            raise BenchError(f"The space's passcode was refused (status {answer.status_code})")
    return session


def sessions_for(base_url: str, manifest: dict, people: Iterable[str]) -> dict[str, requests.Session]:
    sessions = {}
    for who in sorted(set(people)):
        if who == YOUNG_PERSON:
            sessions[who] = space_session(
                base_url, home=f"/s/{manifest['space_token']}/", passcode=manifest.get("space_passcode")
            )
        else:
            sessions[who] = staff_session(base_url, username=manifest[who], password=manifest["password"])
    return sessions


def time_page(session: requests.Session, url: str, *, count: int) -> Timing:
    """`count` GETs one after the other, after one that is not counted (it warms the worker's caches)."""
    status = session.get(url, timeout=TIMEOUT).status_code
    took = []
    for _ in range(count):
        started = time.perf_counter()
        response = session.get(url, timeout=TIMEOUT)
        response.content  # noqa: B018 (the whole body is part of the page's time)
        took.append((time.perf_counter() - started) * 1000)
        status = response.status_code if response.status_code != 200 else status
    return Timing(median_ms=statistics.median(took), p95_ms=percentile(took, 0.95), requests=count, status=status)


def time_pages(base_url: str, manifest: dict, pages: list[Page], *, count: int) -> dict[str, Timing]:
    sessions = sessions_for(base_url, manifest, (page.who for page in pages))
    return {page.name: time_page(sessions[page.who], base_url + page.path, count=count) for page in pages}
