"""My space: one link behind a passcode opens the young person's (or a parent's or carer's) own home, and
from it their plan, the meeting they can plan and the parts of the assessment they were asked to write;
never anything of another case, another person, or a page that is not theirs."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from assessments import services as assessment_services
from assessments.sections import SectionKind
from cases import services as case_services
from cases.models import LinkUse, Person, SharedLink
from cases.tests.factories import CaseFactory
from dashboards import services
from plans.tests.helpers import a_plan
from plans.tests.meeting_helpers import plan_meeting

from .helpers import PASSCODE, open_space, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


def test_a_space_asks_for_its_passcode_before_anything(client, case, key_worker):
    _, token = services.space_link_create(
        case=case, person=Person.YOUNG_PERSON, name="", by=key_worker, days=14, passcode=PASSCODE
    )
    for path in (f"/s/{token}/", f"/s/{token}/plan/", f"/s/{token}/people/"):
        page = client.get(path)
        assert page.status_code == 200
        assert case.young_person.given_name not in page.content.decode()
        assert "passcode" in page.content.decode()
    wrong = client.post(f"/s/{token}/", {"action": "passcode", "passcode": "badger"})
    assert wrong.status_code == 400


def test_the_home_greets_them_and_says_what_is_waiting(client, case, key_worker):
    about_me = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    assessment_services.section_link_create(section=about_me, person=Person.YOUNG_PERSON, name="", by=key_worker)
    plan = a_plan(case, key_worker, goals=2, ratings=2)
    meeting = plan_meeting(case, key_worker)
    link, home = open_space(client, case, key_worker)
    page = client.get(home)
    text = text_of(page)
    assert page.status_code == 200
    assert f"Hi {case.young_person.called}" in text
    assert "About me" in text and "Write your part" in text
    assert "Say where, when and who comes" in text
    assert "Now at 4 out of 10, from 3" in text
    assert f"{home}plan/" in page.content.decode()
    assert f"{home}meeting/{meeting.pk}/" in page.content.decode()
    assert plan.goals.count() == 2
    assert LinkUse.objects.filter(link=link, event=LinkUse.Event.OPENED).exists()


def test_an_empty_space_says_so_kindly(client, case, key_worker):
    _, home = open_space(client, case, key_worker)
    text = text_of(client.get(home))
    assert "Nothing right now" in text
    assert "There is no plan yet" in text
    assert "No meeting is planned" in text


def test_the_space_opens_their_plan_and_records_a_rating_on_the_space_link(client, case, key_worker):
    plan = a_plan(case, key_worker)
    link, home = open_space(client, case, key_worker)
    page = client.get(f"{home}plan/")
    assert page.status_code == 200
    assert "Back to my space" in text_of(page)
    goal = plan.goals.get()
    answer = client.post(f"{home}plan/", {"action": "rate", "goal": goal.pk, "score": 8, "note": ""})
    assert answer.status_code == 302
    assert answer["Location"].startswith(f"{home}plan/")
    assert goal.ratings.order_by("-pk").first().score == 8
    assert LinkUse.objects.filter(link=link, event=LinkUse.Event.SAVED).exists()


def test_the_space_opens_a_part_of_the_assessment_they_were_asked_to_write(client, case, key_worker):
    about_me = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    section_link, _ = assessment_services.section_link_create(
        section=about_me, person=Person.YOUNG_PERSON, name="", by=key_worker
    )
    _, home = open_space(client, case, key_worker)
    page = client.get(f"{home}section/{section_link.pk}/")
    assert page.status_code == 200
    saved = client.post(f"{home}section/{section_link.pk}/", {"action": "save", "text": "I like drawing", "version": 0})
    assert saved.status_code in (200, 302)
    section_link.section_link.contribution.refresh_from_db()
    assert section_link.section_link.contribution.text == "I like drawing"


def test_a_parents_space_opens_only_their_own_parts_and_never_plans_the_meeting(client, case, key_worker):
    about_me = case.assessment.sections.get(kind=SectionKind.FAMILY)
    young, _ = assessment_services.section_link_create(
        section=case.assessment.sections.get(kind=SectionKind.ABOUT_ME),
        person=Person.YOUNG_PERSON,
        name="",
        by=key_worker,
    )
    other_parent, _ = assessment_services.section_link_create(
        section=about_me, person=Person.PARENT_CARER, name="Dad", by=key_worker
    )
    mine, _ = assessment_services.section_link_create(
        section=about_me, person=Person.PARENT_CARER, name="Mum", by=key_worker
    )
    meeting = plan_meeting(case, key_worker)
    _, home = open_space(client, case, key_worker, person=Person.PARENT_CARER, name="Mum")
    page = client.get(home)
    assert f"{home}section/{mine.pk}/" in page.content.decode()
    assert "Say where, when and who comes" not in text_of(page)
    assert client.get(f"{home}section/{mine.pk}/").status_code == 200
    for path in (f"section/{young.pk}/", f"section/{other_parent.pk}/", f"meeting/{meeting.pk}/"):
        assert client.get(f"{home}{path}").status_code == 404, path


def test_nothing_of_another_case_opens_through_a_space(client, case, key_worker, outsider, outsider_case):
    theirs = plan_meeting(outsider_case, outsider)
    their_section, _ = assessment_services.section_link_create(
        section=outsider_case.assessment.sections.get(kind=SectionKind.ABOUT_ME),
        person=Person.YOUNG_PERSON,
        name="",
        by=outsider,
    )
    a_plan(outsider_case, outsider)
    _, home = open_space(client, case, key_worker)
    for path in (f"meeting/{theirs.pk}/", f"section/{their_section.pk}/", "plan/", "nothing/", "meeting/abc/", "/"):
        response = client.get(f"{home}{path}")
        assert response.status_code == 404, path
        assert outsider_case.young_person.given_name not in response.content.decode()


def test_a_one_thing_link_has_no_pages_inside(client, case, key_worker):
    plan = a_plan(case, key_worker)
    from plans import services as plan_services

    _, token = plan_services.plan_link_create(
        plan=plan, person=Person.YOUNG_PERSON, name="", by=key_worker, days=14, passcode=PASSCODE
    )
    client.post(f"/s/{token}/", {"action": "passcode", "passcode": PASSCODE})
    assert client.get(f"/s/{token}/people/").status_code == 404


def test_a_revoked_or_closed_space_opens_nothing(client, case, key_worker):
    link, home = open_space(client, case, key_worker)
    case_services.link_revoke(link=link, by=key_worker)
    for path in ("", "plan/", "people/"):
        assert client.get(f"{home}{path}").status_code == 404
    assert LinkUse.objects.filter(link=link, event=LinkUse.Event.REFUSED).exists()


def test_a_space_link_always_has_a_passcode(case, key_worker):
    with pytest.raises(services.SpaceError):
        services.space_link_create(case=case, person=Person.YOUNG_PERSON, name="", by=key_worker, days=14, passcode=" ")
    with pytest.raises(services.SpaceError):
        services.space_link_create(
            case=case, person=Person.KEY_PERSON, name="Nan", by=key_worker, days=14, passcode=PASSCODE
        )
    assert not SharedLink.objects.filter(case=case).exists()


def test_the_worker_makes_a_space_link_and_sees_it_once(client_for, case, key_worker):
    client = client_for(key_worker)
    url = reverse("dashboards:space-link-new", args=[case.pk])
    assert client.get(url).status_code == 200
    made = client.post(url, {"contributor": "young_person", "name": "", "days": "30", "passcode": "otter7"})
    assert made.status_code == 200
    link = SharedLink.objects.get(case=case, purpose="space")
    assert link.passcode_hash and "/s/" in made.content.decode()
    assert "Their space" in client.get(reverse("cases:shared-links", args=[case.pk])).content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"contributor": "young_person", "days": "30", "passcode": ""},
        {"contributor": "young_person", "days": "30", "passcode": "abc"},
        {"contributor": "young_person", "days": "0", "passcode": "otter7"},
        {"contributor": "young_person", "days": "many", "passcode": "otter7"},
        {"contributor": "parent_carer", "name": "", "days": "30", "passcode": "otter7"},
        {"contributor": "key_person", "name": "Nan", "days": "30", "passcode": "otter7"},
        {"contributor": "", "days": "30", "passcode": "otter7"},
    ],
)
def test_bad_answers_when_making_a_space_link_are_refused(client_for, case, key_worker, data):
    response = client_for(key_worker).post(reverse("dashboards:space-link-new", args=[case.pk]), data)
    assert response.status_code == 400
    assert not SharedLink.objects.filter(case=case).exists()


def test_only_people_who_may_change_the_case_make_a_space_link(client_for, case, outsider, partner_with_grant):
    url = reverse("dashboards:space-link-new", args=[case.pk])
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(partner_with_grant).get(url).status_code in (403, 404)


def test_the_home_page_reads_a_fixed_number_of_rows(client, key_worker, django_assert_max_num_queries):
    small = CaseFactory.create(key_worker=key_worker, team=key_worker.team)
    big = CaseFactory.create(key_worker=key_worker, team=key_worker.team)
    a_plan(small, key_worker, goals=1, ratings=1)
    a_plan(big, key_worker, goals=8, ratings=5)
    for _ in range(4):
        plan_meeting(big, key_worker)
    counts = []
    for case in (small, big):
        cache.clear()
        client.cookies.clear()
        _, home = open_space(client, case, key_worker)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(home).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[1] <= 25
