"""Hostile input to the assessment: everyone's words and the worker's judgement in a section, the
timescale and the manager's decision on it, reviews, the first full picture, and shared links."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from assessments import services
from assessments.models import Assessment, Contribution, ReviewPoint, Section
from assessments.sections import Audience, SectionKind
from cases.models import SharedLink

from . import tally
from .checks import Visitor, assert_shown, attempt
from .inputs import HOSTILE, choice, chosen, date_parts, form, number, pick, text, with_dates

KINDS = SectionKind.values
IN_EIGHT_WEEKS = timezone.localdate() + timedelta(weeks=8)
FUTURE = (str(IN_EIGHT_WEEKS.day), str(IN_EIGHT_WEEKS.month), str(IN_EIGHT_WEEKS.year))


def assessment_of(case) -> Assessment:
    return Assessment.objects.get(case_id=case.pk)


def _section_pages(visitor, case, kind: str) -> None:
    visitor.get(reverse("assessments:section", args=[case.pk, kind]))
    visitor.get(reverse("assessments:history", args=[case.pk, kind]))
    visitor.get(reverse("assessments:overview", args=[case.pk]))


SECTION = "assessments:section"
# The part's page holds two forms; each one's fields carry its prefix.
words_data = form(**{"form": choice(["words"]), "words-text": text("She loves drawing"), "words-version": number("0")})
judgement_data = form(
    **{
        "form": choice(["judgement"]),
        "judgement-going_well": text("Goes to school most days"),
        "judgement-worries": text(""),
        "judgement-why": text(""),
        "judgement-version": number("0"),
    }
)


@given(
    kind=st.sampled_from(KINDS),
    partner=st.booleans(),
    drawn=st.data(),
    urlencoded=st.booleans(),
    times=st.integers(1, 2),
)
@HOSTILE
def test_words_and_judgement_in_a_section(
    key_worker, partner_with_grant, case, kind, partner, drawn, urlencoded, times
):
    # A partner adds their own words; the judgement is the worker's (a partner's POST of it is a 404).
    data = drawn.draw(words_data if partner else st.one_of(words_data, judgement_data))
    with attempt(SECTION, partner_with_grant if partner else key_worker) as visitor:
        response = visitor.submit(reverse(SECTION, args=[case.pk, kind]), data, urlencoded=urlencoded, times=times)
        if response.status_code == 302:
            _section_pages(visitor, case, kind)
            section = Section.objects.get(assessment__case_id=case.pk, kind=kind)
            own = Contribution.objects.filter(section=section).first()
            if own and own.text.strip() and not partner:
                page = visitor.get(reverse("assessments:history", args=[case.pk, kind]))
                assert_shown(page, own.text.splitlines()[0].strip() or own.text.strip())


TIMESCALES = "assessments:timescales"
timescale_data = form(
    weeks=number("6"), strategy=text("Meet after school at the youth club"), target_date=date_parts(FUTURE)
).map(lambda data: with_dates(data, "target_date"))


@given(data=timescale_data, urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_proposing_the_timescale(key_worker, case, data, urlencoded, times):
    with attempt(TIMESCALES, key_worker) as visitor:
        response = visitor.submit(reverse(TIMESCALES, args=[case.pk]), data, urlencoded=urlencoded, times=times)
        if response.status_code == 302:
            page = visitor.get(reverse(TIMESCALES, args=[case.pk]))
            proposal = assessment_of(case).timescales.first()
            assert_shown(page, proposal.engagement_strategy.splitlines()[0])


DECIDE = "assessments:timescale-decide"
decision_data = form(
    decision=choice(["agree", "change"]),
    comment=text("Agreed in supervision"),
    weeks=number("8"),
    strategy=text("Meet at the youth club"),
    target_date=date_parts(FUTURE),
).map(lambda data: with_dates(data, "target_date"))


@given(data=decision_data, urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_the_managers_decision_on_the_timescale(manager, key_worker, case, data, urlencoded, times):
    with attempt(DECIDE, manager) as visitor:
        proposal = services.timescale_propose(
            assessment=assessment_of(case),
            weeks=6,
            strategy="Meet after school",
            target_date=IN_EIGHT_WEEKS,
            by=key_worker,
        )
        url = reverse(DECIDE, args=[case.pk, proposal.pk])
        visitor.get(url)
        response = visitor.submit(url, data, urlencoded=urlencoded, times=times)
        if response.status_code == 302:
            visitor.get(reverse(TIMESCALES, args=[case.pk]))
            Visitor(DECIDE, key_worker).get(reverse(TIMESCALES, args=[case.pk]))


REVIEWS = "assessments:reviews"
review_data = st.one_of(
    form(
        form=choice(["review"]),
        review=pick("open", ""),
        what_changed=text("Back at school"),
        next_due_on=date_parts(FUTURE),
    ).map(lambda data: with_dates(data, "next_due_on")),
    form(form=choice(["interval"]), weeks=number("4")),
)


@given(data=review_data, urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_reviews(key_worker, case, data, urlencoded, times):
    with attempt(REVIEWS, key_worker) as visitor:
        if "review" in data:
            open_review = ReviewPoint.objects.get(assessment__case_id=case.pk, held_at__isnull=True)
            data = {**data, "review": chosen(data["review"], {"open": open_review.pk})}
        response = visitor.submit(reverse(REVIEWS, args=[case.pk]), data, urlencoded=urlencoded, times=times)
        if response.status_code == 302:
            page = visitor.get(reverse(REVIEWS, args=[case.pk]))
            held = ReviewPoint.objects.filter(assessment__case_id=case.pk, held_at__isnull=False).first()
            if held:
                assert_shown(page, held.what_changed.splitlines()[0])


@given(data=form(note=text(""), confirm=text("yes")), times=st.integers(1, 3))
@HOSTILE
def test_marking_the_first_full_picture(key_worker, case, data, times):
    with attempt("assessments:first-picture", key_worker) as visitor:
        visitor.submit(reverse("assessments:first-picture", args=[case.pk]), data, times=times)
        visitor.get(reverse(TIMESCALES, args=[case.pk]))


LINK_NEW = "assessments:link-new"
link_data = form(
    section=choice(KINDS),
    contributor=choice([Audience.YOUNG_PERSON, Audience.PARENT_CARER]),
    name=text("Sarah"),
    days=number("14"),
    passcode=text(""),
)


@pytest.fixture
def links_page(case):
    return reverse("cases:shared-links", args=[case.pk])


@given(
    data=link_data,
    section=st.sampled_from(["", "about_me", "<script>alert(1)</script>", "\x00"]),
    times=st.integers(1, 2),
)
@HOSTILE
def test_making_a_shared_link(key_worker, case, links_page, data, section, times):
    with attempt(LINK_NEW, key_worker) as visitor:
        url = reverse(LINK_NEW, args=[case.pk])
        visitor.get(url, {"section": section})
        response = visitor.submit(url, data, times=times)
        if response.status_code == 200 and SharedLink.objects.filter(case_id=case.pk).exists():
            tally.accepted(LINK_NEW)  # the page with the new link answers the POST itself
            visitor.get(links_page)
            link = SharedLink.objects.filter(case_id=case.pk).first()
            revoke = reverse("cases:shared-link-revoke", args=[case.pk, link.pk])
            visitor.get(revoke)
            visitor.submit(revoke, data, times=2)
            visitor.get(links_page)
