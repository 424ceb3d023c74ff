"""What every hostile input is held to: no server error, and nothing it carries comes back as markup, on
the page that answers it, on the pages that show it after saving, in the ecomap, in emails and in CSV
files."""

import csv
import io
import logging
import re
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.test import Client, TestCase
from django.urls import Resolver404, resolve

from act.testing import sign_in_fully
from cases.csvsafe import FORMULA_STARTS

from . import tally
from .inputs import MISSING, TEMPLATE_MARKERS, without_missing


class _Undo(Exception):
    pass


@contextmanager
def undone():
    """Everything one input writes is rolled back when it has been checked, so that every input starts
    from the same case (Hypothesis runs many inputs within one test)."""
    cache.clear()  # the shared links' rate limit
    mail.outbox.clear()
    try:
        with transaction.atomic():
            yield
            raise _Undo
    except _Undo:
        pass


@contextmanager
def attempt(area: str, user=None):
    """One generated input: counted, signed in as `user`, and rolled back afterwards."""
    tally.example(area)
    with undone():
        yield Visitor(area, user)


class ServerError(AssertionError):
    pass


class Visitor:
    """A test client signed in as one person, both steps (or nobody). Every answer is checked: a server error fails
    the input (and is counted), an HTML page must carry no markup from the input, and no form on it may
    name a field it does not have."""

    def __init__(self, area: str, user=None):
        self.area = area
        self.accepted = False
        self.client = Client()
        if user is not None:
            sign_in_fully(self.client, user)

    def get(self, url: str, data: dict | None = None, *, ok: bool = True):
        response = self._send("get", url, data or {})
        if ok:
            assert response.status_code == 200, f"GET {url} answered {response.status_code}"
        return response

    def post(self, url: str, data: dict, *, urlencoded: bool = False, run_tasks: bool = False, **extra):
        """`run_tasks`: the background tasks the request queues run as it ends (as a worker would run
        them once the request's transaction commits), and their errors count as the request's."""
        fields = without_missing(data)
        body: dict | str = fields
        if urlencoded:  # as a browser sends a form without a file
            body = urlencode(fields, doseq=True)
            extra["content_type"] = "application/x-www-form-urlencoded"
        return self._send("post", url, body, run_tasks=run_tasks, **extra)

    def submit(self, url: str, data: dict, *, urlencoded: bool = False, times: int = 1, run_tasks: bool = False):
        """POST the same data `times` times (a double click, a resubmitted page); the last answer. An
        input that any of them accepted (a redirect) counts as accepted."""
        responses = [self.post(url, data, urlencoded=urlencoded, run_tasks=run_tasks) for _time in range(times)]
        for number, response in enumerate(responses):
            # Once a submission was accepted, the thing it acted on may be gone (404) for the next.
            expected = (200, 302, 400, 409) if number == 0 else (200, 302, 400, 404, 409)
            assert response.status_code in expected, f"POST {url} answered {response.status_code}"
        if any(response.status_code == 302 for response in responses) and not self.accepted:
            self.accepted = True  # an input counts once, however many of its submissions are accepted
            tally.accepted(self.area)
        return responses[-1]

    def _send(self, method: str, url: str, data, *, run_tasks: bool = False, **extra):
        where = f"{method.upper()} {_view_name(url)}"
        try:
            with TestCase.captureOnCommitCallbacks(execute=run_tasks), _form_layout_errors() as layout_errors:
                response = getattr(self.client, method)(url, data, **extra)
        except Exception as error:
            tally.server_error(self.area, f"{where}: {type(error).__name__}: {error}")
            raise
        assert not layout_errors, f"{where}: {layout_errors}"
        if response.status_code >= 500:
            tally.server_error(self.area, f"{where}: status {response.status_code}")
            raise ServerError(f"{where} answered {response.status_code}")
        assert_no_markup(response)
        return response


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("Could not resolve form field"):
            self.messages.append(message)


@contextmanager
def _form_layout_errors():
    """What crispy-forms logs (with a traceback, and carries on) when a form's layout names a field the
    form does not have."""
    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.messages
    finally:
        root.removeHandler(handler)


def _view_name(url: str) -> str:
    try:
        return resolve(url.split("?")[0]).view_name
    except Resolver404:
        return url[:40]


# Pages


# The one inline script of the base layouts (templates/base_*.html): GOV.UK Frontend's marker that
# JavaScript runs.
LAYOUT_SCRIPT = (
    "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? "
    "' govuk-frontend-supported' : '');"
)


class _Elements(HTMLParser):
    """Every element of a page, with the ones that could only have come from the input."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_inline_script = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        # Every script of the service has a src, but for GOV.UK Frontend's one line in the base layouts.
        if tag == "script" and not values.get("src"):
            self.in_inline_script = True
        if tag in ("iframe", "object", "embed") or (tag == "img" and values.get("src") == "x"):
            self.problems.append(f"<{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script" and self.in_inline_script:
            self.in_inline_script = False
            self.problems.append("<script> without src, and not the layouts' own")

    def handle_data(self, data):
        if self.in_inline_script:
            self.in_inline_script = False
            if data != LAYOUT_SCRIPT:
                self.problems.append(f"<script> without src: {data[:60]!r}")


def markup_problems(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    problems = parser.problems
    problems += [f"template evaluated: {shown}" for shown in TEMPLATE_MARKERS.values() if shown in html]
    return problems


def assert_no_markup(response) -> None:
    kind = response.get("Content-Type", "")
    if not kind.startswith("text/html") or not response.content:
        return
    html = response.content.decode()
    problems = markup_problems(html)
    assert not problems, f"{response.request['PATH_INFO']}: markup from the input: {problems}"
    ecomap = ECOMAP.search(html)
    if ecomap:
        assert_clean_svg(ecomap.group(0))


def assert_shown(response, value: str) -> None:
    """The value is on the page, escaped: what was typed is shown as text."""
    from django.utils.html import escape

    assert escape(value) in response.content.decode(), f"{value!r} is not shown on {response.request['PATH_INFO']}"


# The ecomap

ECOMAP = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" class="act-ecomap__svg".*?</svg>', re.DOTALL)
SVG = "{http://www.w3.org/2000/svg}"
SVG_ELEMENTS = {"svg", "title", "desc", "g", "circle", "rect", "line", "text", "tspan", "path"}


def assert_clean_svg(markup: str) -> None:
    """The picture is well-formed XML (escaped for XML, with no character XML forbids) made only of
    the elements the ecomap draws, with no event handler."""
    root = ET.fromstring(markup)
    for element in root.iter():
        assert element.tag.startswith(SVG) and element.tag[len(SVG) :] in SVG_ELEMENTS, f"ecomap has <{element.tag}>"
        for name in element.attrib:
            assert not name.lower().startswith("on") and "href" not in name, f"ecomap has {name}="


# Emails and CSV files


def assert_clean_emails() -> None:
    """Every email sent: one-line subject, and any HTML part carries no markup from the input."""
    for message in mail.outbox:
        assert "\n" not in message.subject and "\r" not in message.subject
        message.message()  # builds the headers: a bad one raises here
        if message.content_subtype == "html":
            assert not markup_problems(str(message.body))
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                assert not markup_problems(content)


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_safe_csv(response) -> None:
    for row in csv_rows(response):
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), f"a spreadsheet would run {cell!r}"


__all__ = ["MISSING", "Visitor", "attempt", "undone"]
