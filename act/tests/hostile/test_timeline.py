"""Hostile input to the timeline: contacts, significant events and missing episodes, recording that a
missing young person is back, and their return home interview."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from cases import services
from cases.models import Case, TimelineEntry

from .checks import assert_shown, attempt
from .inputs import HOSTILE, Field, bad, choice, date_parts, form, hostile_text, text, with_dates

Kind = TimelineEntry.Kind
DAYS_AGO = timezone.localdate() - timedelta(days=3)
YESTERDAY = timezone.localdate() - timedelta(days=1)


def boxes(day) -> tuple[str, str, str]:
    return (str(day.day), str(day.month), str(day.year))


TIMES = ["25:00", "12:60", "13pm", "0am", "12", "2", "24:00", "-1:00", "١٤:٣٠", "14:30:00", "noon ", "2 p.m.", "9.5"]


def time_box(valid: str) -> Field:
    return Field(st.just(valid), bad(st.one_of(st.sampled_from(TIMES), hostile_text)))


def when(prefix: str, day, at: str = "09:15") -> dict:
    return {f"{prefix}_on": date_parts(boxes(day)), f"{prefix}_time": time_box(at)}


def entry_form(returned: bool) -> st.SearchStrategy[dict]:
    fields = {
        **when("occurred", DAYS_AGO),
        "summary": text("Home visit"),
        "details": text(""),
        "restricted": choice(["no", "yes"]),
        "method": choice([value for value, _label in TimelineEntry.Method.choices]),
        "seen_alone": choice(["yes", "no", "not_seen"]),
        "their_words": text(""),
        "where_found": text("Came home by herself" if returned else ""),
    }
    if returned:
        fields.update(when("returned", YESTERDAY))
    return form(**fields).map(lambda data: with_dates(data, *(name for name in data if name.endswith("_on"))))


entry_data = st.one_of(entry_form(False), entry_form(True))


def _entry_pages(visitor, case, entry) -> None:
    visitor.get(reverse("cases:timeline", args=[case.pk]))
    page = visitor.get(reverse("cases:timeline-entry", args=[case.pk, entry.pk]))
    assert_shown(page, entry.summary)
    visitor.get(reverse("cases:detail", args=[case.pk]))  # the return home interview warning


@given(kind=st.sampled_from(Kind.values), data=entry_data, urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_adding_to_the_timeline(key_worker, case, kind, data, urlencoded, times):
    with attempt("cases:timeline-add", key_worker) as visitor:
        response = visitor.submit(
            reverse("cases:timeline-add", args=[case.pk, kind]), data, urlencoded=urlencoded, times=times
        )
        if response.status_code == 302:
            _entry_pages(visitor, case, TimelineEntry.objects.filter(case=case).latest("pk"))


@given(data=entry_data)
@HOSTILE
def test_a_partner_adding_to_the_timeline(partner_with_grant, case, data):
    with attempt("cases:timeline-add (partner)", partner_with_grant) as visitor:
        response = visitor.submit(reverse("cases:timeline-add", args=[case.pk, Kind.CONTACT]), data)
        if response.status_code == 302:
            _entry_pages(visitor, case, TimelineEntry.objects.filter(case=case).latest("pk"))


def missing_episode(case, by, *, back: bool) -> TimelineEntry:
    went = timezone.now() - timedelta(days=3)
    entry = services.timeline_add(
        case=Case.objects.get(pk=case.pk), by=by, kind=Kind.MISSING, occurred_at=went, summary="Did not come home"
    )
    if back:
        services.missing_episode_end(
            entry=entry, returned_at=went + timedelta(days=1), where_found="Came home by herself", by=by
        )
    return entry


RETURNED = "cases:timeline-returned"


returned_data = form(**when("returned", YESTERDAY), where_found=text("Came home by herself")).map(
    lambda data: with_dates(data, "returned_on")
)


@given(data=returned_data, times=st.integers(1, 2))
@HOSTILE
def test_recording_that_they_are_back(key_worker, case, data, times):
    with attempt(RETURNED, key_worker) as visitor:
        entry = missing_episode(case, key_worker, back=False)
        response = visitor.submit(reverse(RETURNED, args=[case.pk, entry.pk]), data, times=times)
        if response.status_code == 302:
            entry.refresh_from_db()
            page = visitor.get(reverse("cases:timeline-entry", args=[case.pk, entry.pk]))
            if entry.where_found:
                assert_shown(page, entry.where_found)


INTERVIEW = "cases:timeline-interview-done"


interview_data = form(**when("done", YESTERDAY), summary=text("")).map(lambda data: with_dates(data, "done_on"))


@given(data=interview_data, times=st.integers(1, 2))
@HOSTILE
def test_recording_the_return_home_interview(key_worker, case, data, times):
    with attempt(INTERVIEW, key_worker) as visitor:
        entry = missing_episode(case, key_worker, back=True)
        response = visitor.submit(reverse(INTERVIEW, args=[case.pk, entry.pk]), data, times=times)
        if response.status_code == 302:
            visitor.get(reverse("cases:timeline-entry", args=[case.pk, entry.pk]))
