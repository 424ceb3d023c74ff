"""What the timeline's tests share: addresses, entries written through the service, and form data as a
worker would type it."""

from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone

from cases import services
from cases.models import TimelineEntry

TOMORROW = timezone.now() + timedelta(days=1)


def url(name, case, *args):
    return reverse(f"cases:{name}", args=[case.pk, *args])


def ago(**delta) -> datetime:
    return timezone.now() - timedelta(**delta)


def entry(case, author, kind="contact", **fields) -> TimelineEntry:
    fields.setdefault("occurred_at", ago(days=1))
    fields.setdefault("summary", f"A {kind}")
    if kind == "contact":
        fields.setdefault("method", TimelineEntry.Method.VISIT)
    return services.timeline_add(case=case, by=author, kind=kind, **fields)


def came_back(case, author, *, away: timedelta, returned: timedelta, **fields) -> TimelineEntry:
    """A missing episode ("Missing overnight") they came back from `returned` ago, after `away`."""
    returned_at = timezone.now() - returned
    return entry(
        case,
        author,
        "missing",
        summary="Missing overnight",
        occurred_at=returned_at - away,
        returned_at=returned_at,
        **fields,
    )


def moment(prefix: str, when: datetime, time_name: str | None = None) -> dict:
    """Form data for a date input and its time box, as a worker would type `when`."""
    local = timezone.localtime(when)
    return {
        f"{prefix}_0": str(local.day),
        f"{prefix}_1": str(local.month),
        f"{prefix}_2": str(local.year),
        time_name or prefix.replace("_on", "_time"): local.strftime("%H:%M"),
    }


def to_the_minute(when: datetime) -> datetime:
    return when.replace(second=0, microsecond=0)


def contact_form(**changes) -> dict:
    data = {
        **moment("occurred_on", ago(hours=3)),
        "method": "visit",
        "seen_alone": "yes",
        "summary": "Home visit after school",
        "their_words": "I just want people to stop asking me where I was",
        "details": "Talked about the college course.",
        "restricted": "no",
    }
    data.update(changes)
    return data


def event_form(**changes) -> dict:
    return {
        **moment("occurred_on", ago(days=2)),
        "summary": "Moved to a new foster placement",
        "restricted": "no",
        **changes,
    }


def missing_form(**changes) -> dict:
    return {
        **moment("occurred_on", ago(hours=20)),
        "summary": "Did not come home after school",
        "restricted": "no",
        **changes,
    }


def page_text(response) -> str:
    return response.content.decode()


def errors_shown(response) -> str:
    """The text of the GOV.UK error summary (and proof that there is one)."""
    content = page_text(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in content and "There is a problem" in content
    return content.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
