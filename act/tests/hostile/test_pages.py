"""Every page of a young person's record, filled with hostile text everywhere it can be written, as the
key worker and a partner see it; and hostile query strings on the pages that read them
(filters, page numbers)."""

from contextlib import suppress
from datetime import timedelta

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from act.urlwalk import all_urls
from assessments import services as assessment_services
from assessments.models import ReviewPoint, Section
from assessments.sections import Audience, SectionKind
from cases import services
from cases.models import Case, Referral, TimelineEntry, YoungPerson
from cases.tests.factories import CaseFactory, ReferralFactory

from .checks import Visitor, attempt
from .inputs import HOSTILE, hostile_text, markup

EVERY_PAGE = "every page of a hostile record"
# Pages of a case (or of a referral) that answer a GET with only the object's pk.
RECORD_PAGES = sorted(
    name
    for name, path in all_urls()
    if "{pk}" in path and path.count("{") == 1 and not name.startswith(("referrals:import", "admin:"))
)


def _fill(case: Case, words, key_worker, manager, partner) -> dict:
    """Everything that can be written about the young person, written with hostile words; returns the
    objects whose pages take their own id."""
    w = iter(words * 40)
    young_person = YoungPerson.objects.get(pk=case.young_person_id)
    for name in ("given_name", "family_name", "preferred_name", "pronouns", "living_details", "enjoys"):
        field = YoungPerson._meta.get_field(name)
        assert isinstance(field, models.Field)
        setattr(young_person, name, next(w)[: field.max_length or 10_000])
    young_person.save()
    case = Case.objects.get(pk=case.pk)
    Case.objects.filter(pk=case.pk).update(social_worker_name=next(w)[:150], social_worker_contact=next(w)[:200])
    services.case_change_stage(case=case, stage="assessment", reason=next(w), by=key_worker)
    other = CaseFactory.create(given_name=next(w)[:100], team=case.team, key_worker=key_worker)
    services.case_link(case=case, other=other, reason=next(w)[:300], by=key_worker)
    for kind, closeness in (("family", "close"), ("friend", "some"), ("professional", "distant")):
        services.network_add(
            case=case,
            by=key_worker,
            kind=kind,
            name=next(w)[:150],
            relationship=next(w)[:150],
            agency=next(w)[:150],
            contact_details=next(w)[:200],
            closeness=closeness,
            young_persons_view="worry",
        )
    went = timezone.now() - timedelta(days=2)
    entry = services.timeline_add(
        case=case,
        by=partner,
        kind=TimelineEntry.Kind.CONTACT,
        occurred_at=went,
        summary=next(w)[:200],
        details=next(w),
        their_words=next(w),
        method="phone",
    )
    missing = services.timeline_add(
        case=case, by=key_worker, kind=TimelineEntry.Kind.MISSING, occurred_at=went, summary=next(w)[:200]
    )
    services.missing_episode_end(
        entry=missing, returned_at=went + timedelta(hours=3), where_found=next(w)[:200], by=key_worker
    )
    section = Section.objects.get(assessment__case=case, kind=SectionKind.ABOUT_ME)
    link, _token = assessment_services.section_link_create(
        section=section, person=Audience.PARENT_CARER, name=next(w)[:150], by=key_worker
    )
    contribution = link.section_link.contribution
    assert contribution is not None
    assessment_services.contribution_save(contribution=contribution, text=next(w), expected_version=0, label="x")
    assessment_services.contribution_send(contribution=contribution, label=next(w)[:150])
    assessment_services.contribution_add(contribution=contribution, by=key_worker)
    assessment_services.judgement_save(
        section=section, going_well=next(w), worries=next(w), why=next(w), expected_version=0, by=key_worker
    )
    proposal = assessment_services.timescale_propose(
        assessment=section.assessment,
        weeks=6,
        strategy=next(w),
        target_date=timezone.localdate() + timedelta(weeks=8),
        by=key_worker,
    )
    assessment_services.timescale_decide(proposal=proposal, by=manager, comment=next(w), weeks=7, strategy=next(w))
    review = ReviewPoint.objects.get(assessment=section.assessment, held_at__isnull=True)
    assessment_services.review_hold(
        review=review, what_changed=next(w), next_due_on=timezone.localdate() + timedelta(weeks=6), by=key_worker
    )
    referral = ReferralFactory.create(
        team=case.team, given_name=next(w)[:100], referrer_agency=next(w)[:150], going_well=next(w)
    )
    Referral.objects.filter(pk=referral.pk).update(case=case, status=Referral.Status.ACCEPTED)
    return {"case": case, "referral": referral, "entry": entry, "missing": missing}


def _pages(objects: dict) -> list[str]:
    case, referral = objects["case"], objects["referral"]
    urls = []
    for name in RECORD_PAGES:
        with suppress(NoReverseMatch):  # those that take another id as well are below
            urls.append(reverse(name, args=[referral.pk if name.startswith("referrals:") else case.pk]))
    urls += [reverse("cases:list"), reverse("referrals:list")]
    for kind in (SectionKind.ABOUT_ME, SectionKind.WORRIES):
        urls += [reverse(n, args=[case.pk, kind]) for n in ("assessments:section", "assessments:history")]
    for entry in (objects["entry"], objects["missing"]):
        urls.append(reverse("cases:timeline-entry", args=[case.pk, entry.pk]))
    return urls


writable = hostile_text.filter(lambda text: "\x00" not in text and text.strip())  # what a form would accept


@given(words=st.lists(st.one_of(markup, writable), min_size=3, max_size=8))
@settings(parent=HOSTILE, max_examples=max(3, HOSTILE.max_examples // 8))
def test_every_page_of_a_hostile_record(key_worker, manager, partner_with_grant, case, words):
    with attempt(EVERY_PAGE, key_worker) as worker:
        objects = _fill(case, words, key_worker, manager, partner_with_grant)
        # The key worker sees every page (the manager's are the same pages); a partner, what partners see.
        for person in (worker, Visitor(EVERY_PAGE, partner_with_grant)):
            for url in _pages(objects):
                response = person.get(url, ok=False)
                assert response.status_code in (200, 302, 404, 405), f"GET {url} answered {response.status_code}"


QUERY = "query strings"
query_value = st.one_of(
    hostile_text, st.lists(hostile_text, min_size=2, max_size=3), st.sampled_from(["0", "-1", "9" * 30, "last", "1e5"])
)
query = st.dictionaries(
    st.sampled_from(["q", "stage", "worker", "kind", "page", "section", "filter"]), query_value, max_size=4
)


# The pages that read their query string, and who opens them.
QUERY_PAGES = [
    ("cases:list", "manager"),
    ("cases:list", "key_worker"),
    ("cases:timeline", "key_worker"),
    ("cases:audit", "manager"),
    ("referrals:list", "manager"),
    ("referrals:list", "key_worker"),
    ("assessments:reviews", "key_worker"),
    ("assessments:link-new", "key_worker"),
    ("accounts:notifications", "key_worker"),
]


@given(pages=st.lists(st.sampled_from(QUERY_PAGES), min_size=1, max_size=3, unique=True), params=query)
@HOSTILE
def test_hostile_query_strings(manager, key_worker, case, pages, params):
    with attempt(QUERY, manager) as as_manager:
        visitors = {"manager": as_manager, "key_worker": Visitor(QUERY, key_worker)}
        for name, who in pages:
            args = [] if name in ("cases:list", "referrals:list", "accounts:notifications") else [case.pk]
            visitors[who].get(reverse(name, args=args), params)
