"""Parts of a page drawn by an app above the page's own: for example the assessment's review page shows how
the family plan's goals have been rated since the last review, though `assessments` knows nothing of
`plans`.

`cases` sits below both, so it offers the meeting point: a page names a place ("assessment-review") and
asks for what the apps above registered for it, when they started (their `AppConfig.ready`). A panel is
given the request, the case (its access already decided) and the moment the page is about, and returns
HTML, or "" when it has nothing to show. Each must read a fixed number of rows, however big the case.
"""

from collections.abc import Callable
from datetime import datetime

from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from .models import Case

Panel = Callable[[HttpRequest, Case, datetime | None], str]
_panels: dict[str, list[Panel]] = {}


def register(place: str, panel: Panel) -> Panel:
    """Draw `panel(request, case, since)` in `place` (once, however often called)."""
    panels = _panels.setdefault(place, [])
    if panel not in panels:
        panels.append(panel)
    return panel


def render(place: str, request: HttpRequest, case: Case, since: datetime | None) -> SafeString:
    """What the apps above draw in `place`, in the order they registered. Each panel escapes its own
    content (it renders a template): the result is joined as it came."""
    drawn = [panel(request, case, since) for panel in _panels.get(place, [])]
    return format_html_join("", "{}", ((SafeString(html),) for html in drawn if html))
