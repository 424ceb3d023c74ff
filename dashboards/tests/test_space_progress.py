"""The young person's dashboard in their space, "How things are going": their goals as bars and in words,
their own check-ins over time as lines with words under them, their next meeting and who sees these; never
a parent's check-ins, never another case's, never in a parent's or carer's space; a fixed number of queries."""

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from cases import services as case_services
from cases.models import Appearance, Person
from cases.tests.factories import CaseFactory
from dashboards.space.progress_words import since
from feedback import services as feedback_services
from feedback.models import CheckIn
from plans import services as plan_services
from plans.models import RatedBy, Whose
from plans.tests.meeting_helpers import plan_meeting

from .helpers import open_space, text_of

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _at(month: int, day: int = 10) -> datetime:
    """A moment this year (last year for a month still to come), so "since September" reads as it would."""
    today = timezone.localdate()
    year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    return timezone.make_aware(datetime(year, month, day, 12))


def a_goal(case, by, words, *scores_in_months):
    plan = plan_services.plan_start(case=case, by=by)
    goal = plan_services.goal_add(plan=plan, owner=Whose.YOUNG_PERSON, owner_name="", words=words, why="", by=by)
    for score, when in scores_in_months:
        plan_services.goal_rate(goal=goal, score=score, rated_by=RatedBy.YOUNG_PERSON, name="Destiny", by=None, at=when)
    return goal


def a_check_in(case, at, scores, person=Person.YOUNG_PERSON):
    check_in = feedback_services.check_in_record(
        case=case,
        person=person,
        scores=dict(zip(CheckIn.MEASURES, scores, strict=True)),
        anything_else="",
        request=None,
        entered_by=None,
    )
    CheckIn.objects.filter(pk=check_in.pk).update(at=at)
    return check_in


def progress_page(client, case, by, **kwargs):
    _link, home = open_space(client, case, by, **kwargs)
    return client.get(f"{home}progress/")


def test_each_goal_says_where_it_moved_from_and_since_when(client, case, key_worker):
    a_goal(case, key_worker, "Go back to college", (3, _at(9)), (5, _at(10)), (6, _at(11)))
    a_goal(case, key_worker, "See Mum every weekend", (4, _at(9, 20)))
    a_goal(case, key_worker, "Sleep better", (7, _at(9)), (4, _at(11)))
    a_goal(case, key_worker, "Stay in touch with Gran", (5, _at(9, 3)), (5, _at(11)))
    a_goal(case, key_worker, "Learn to drive")
    response = progress_page(client, case, key_worker)
    text = text_of(response)
    assert response.status_code == 200
    assert "How things are going" in text
    assert "You’ve moved from 3 to 6 since September." in text
    assert "It’s at 4 out of 10. This is its first score." in text
    # Going down is said kindly, with who to talk to.
    assert "It’s gone from 7 to 4 since September. Things go up and down, and that’s OK" in text
    assert "talk about it with Jo." in text
    assert "You’re at 5 out of 10, the same as on 3 September. Keeping steady counts too." in text
    assert "Learn to drive Not scored yet. You can give it a score on your plan." in text


def test_each_goal_is_a_picture_that_says_what_it_measures_and_its_numbers_are_a_table(client, case, key_worker):
    goal = a_goal(case, key_worker, "Go back to college", (3, _at(9)), (6, _at(11)))
    content = progress_page(client, case, key_worker).content.decode()
    bar = re.search(r'<svg[^>]*class="act-progress__bar".*?</svg>', content, re.S)
    assert bar is not None
    picture = ET.fromstring(bar.group(0))
    assert picture.get("role") == "img"
    assert picture.get("aria-labelledby") == f"goal-{goal.pk}-title"
    assert "Where “Go back to college” is now, from 0 (not started) to 10 (done)" in picture.find(f"{SVG}title").text
    assert "You’ve moved from 3 to 6" in picture.find(f"{SVG}desc").text
    texts = [element.text for element in picture.iter(f"{SVG}text")]
    assert "Now 6" in texts and "Start 3" in texts
    table = re.search(r'<table class="govuk-table[^"]*act-progress__table">.*?</table>', content, re.S).group(0)
    assert "Scores of “Go back to college”, oldest first" in table
    assert re.findall(r"govuk-table__cell--numeric\">(\d+)<", table) == ["3", "6"]


def test_the_goals_words_are_escaped_in_the_picture(client, case, key_worker):
    a_goal(case, key_worker, '<script>alert("x")</script> & more', (3, _at(9)))
    content = progress_page(client, case, key_worker).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in content


def test_the_check_ins_are_five_lines_with_words_under_them(client, case, key_worker):
    a_check_in(case, _at(9), (2, 3, 3, 4, 5))
    a_check_in(case, _at(10), (3, 3, 3, 4, 5))
    a_check_in(case, _at(11), (4, 3, 3, 2, 5))
    text = text_of(progress_page(client, case, key_worker))
    assert "Your answers at your last 3 check-ins, oldest on the left." in text
    assert "Your mood has gone up from “Not good” to “Good” since September." in text
    assert "How you feel about your life and what’s ahead is “OK”, the same as on 10 September." in text
    assert "How you feel about yourself has gone from “Good” to “Not good” since September." in text
    assert "Everyone has harder times: you can tell Jo how you feel." in text
    assert "What this shows: your answers to “How are you feeling at the moment?”" in text


def test_every_picture_has_a_name_a_description_and_ids_of_its_own(client, case, key_worker):
    case_services.appearance_save(
        young_person=case.young_person, choices={**Appearance.first_choices(), "theme": "green"}, by=key_worker
    )
    a_goal(case, key_worker, "Go back to college", (3, _at(9)), (6, _at(11)))
    a_goal(case, key_worker, "Sleep better", (7, _at(9)))
    a_check_in(case, _at(10), (2, 3, 3, 4, 5))
    a_check_in(case, _at(11), (4, 3, 3, 2, 5))
    content = progress_page(client, case, key_worker).content.decode()
    # Their image and colours, as on every page of their space: in the header and beside the heading.
    assert "act-yp--theme-green" in content
    assert len(re.findall(r'<svg[^>]*class="act-avatar__svg"', content)) == 2
    charts = re.findall(r'<svg[^>]*class="act-(?:progress__bar|check-in-chart)".*?</svg>', content, re.S)
    assert len(charts) == 2 + 5
    for markup in charts:
        picture = ET.fromstring(markup)
        assert picture.get("role") == "img"
        assert picture.find(f"{SVG}title").text and picture.find(f"{SVG}desc").text
    ids = re.findall(r'\sid="([^"]+)"', content)
    assert len(ids) == len(set(ids)), "an id is used twice on the page"


def test_one_check_in_is_said_as_it_was_and_none_invites_one(client, case, key_worker):
    home_link, home = open_space(client, case, key_worker)
    text = text_of(client.get(f"{home}progress/"))
    assert "You haven’t done a check-in yet." in text and "Do your first check-in" in text
    assert f'href="{home}check-in/"' in client.get(f"{home}progress/").content.decode()
    a_check_in(case, _at(11, 2), (4, 3, 3, 2, 5))
    text = text_of(client.get(f"{home}progress/"))
    assert "Your mood was “Good” at your check-in on 2 November." in text
    assert "Your answers at your last check-in." in text


def test_only_the_young_persons_own_check_ins_are_shown(client, case, key_worker):
    a_check_in(case, _at(10), (5, 5, 5, 5, 5), person=Person.PARENT_CARER)
    a_check_in(case, _at(11), (1, 1, 1, 1, 1), person=Person.PARENT_CARER)
    text = text_of(progress_page(client, case, key_worker))
    assert "You haven’t done a check-in yet." in text
    assert "Really bad" not in text and "Really good)" not in text


def test_nothing_of_another_case_is_shown(client, case, key_worker, outsider, outsider_case):
    a_goal(outsider_case, outsider, "Jordan's own goal", (2, _at(9)), (9, _at(11)))
    a_check_in(outsider_case, _at(11), (1, 2, 3, 4, 5))
    text = text_of(progress_page(client, case, key_worker))
    assert "Jordan" not in text
    assert "There is no plan yet." in text and "You haven’t done a check-in yet." in text


def test_a_parents_or_carers_space_has_no_such_page(client, case, key_worker):
    a_check_in(case, _at(11), (4, 3, 3, 2, 5))
    response = progress_page(client, case, key_worker, person=Person.PARENT_CARER, name="Mum")
    assert response.status_code == 404
    assert "Your mood" not in response.content.decode()
    _link, home = open_space(client, case, key_worker, person=Person.PARENT_CARER, name="Mum")
    assert "progress/" not in client.get(home).content.decode()


@pytest.mark.parametrize("rest", ["progress/more/", "progress/1/"])
def test_addresses_under_it_and_posts_open_nothing(client, case, key_worker, rest):
    _link, home = open_space(client, case, key_worker)
    assert client.get(f"{home}{rest}").status_code == 404
    assert client.post(f"{home}progress/", {}).status_code == 404


def test_the_home_page_leads_to_it_near_the_goals(client, case, key_worker):
    a_goal(case, key_worker, "Go back to college", (3, _at(9)))
    _link, home = open_space(client, case, key_worker)
    content = client.get(home).content.decode()
    assert content.count(f'href="{home}progress/"') == 2  # beside the goals, and in the menu
    assert "See how things are going, as pictures" in content


def test_the_next_meeting_and_who_sees_these_are_said_truthfully(client, case, key_worker, manager, partner_with_grant):
    plan_services.plan_start(case=case, by=key_worker)
    plan_meeting(case, key_worker, days=3, place="Youth club, Hope Street")
    text = text_of(progress_page(client, case, key_worker))
    assert "Your first meeting about what you want:" in text and "Youth club, Hope Street" in text
    readers = re.search(r"Your check-in answers are read only by: (.*?) Your goals", text).group(1)
    assert "Jo Bennett (your worker)" in readers and manager.get_full_name() in readers
    assert partner_with_grant.get_full_name() not in readers
    assert f"the people from {partner_with_grant.agency.name} who work with you" in text


def test_with_no_meeting_it_says_so(client, case, key_worker):
    assert "No meeting is planned right now." in text_of(progress_page(client, case, key_worker))


def test_the_page_is_recorded_as_opened_on_the_space_link(client, case, key_worker):
    link, home = open_space(client, case, key_worker)
    before = link.uses.count()
    client.get(f"{home}progress/")
    assert link.uses.count() == before + 1


def test_the_same_number_of_queries_with_one_check_in_as_with_twenty_and_six_goals(
    client, key_worker, django_assert_num_queries
):
    counts = []
    for check_ins, goals in ((1, 1), (20, 6)):
        case = CaseFactory.create(key_worker=key_worker, team=key_worker.team)
        for number in range(goals):
            a_goal(case, key_worker, f"Goal {number}", *[(score, _at(9) + timedelta(days=score)) for score in range(5)])
        for number in range(check_ins):
            a_check_in(case, _at(9) + timedelta(days=number), (3, 3, 3, 3, 3))
        plan_meeting(case, key_worker)
        _link, home = open_space(client, case, key_worker)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{home}progress/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    # The door (session, link, its use), the plan, the goals and their scores, the check-ins, the next
    # meeting, who reads them (three); the session is written only when its expiry is due (accounts.sessions).
    assert counts[1] <= 15, counts
    with django_assert_num_queries(counts[1]):
        client.get(f"{home}progress/")


def test_with_no_partner_agency_the_plan_is_said_to_be_read_by_the_people_above(client, case, key_worker):
    a_goal(case, key_worker, "Go back to college", (3, _at(9)))
    text = text_of(progress_page(client, case, key_worker))
    assert "Your goals and their scores are part of your plan. The people above can read it." in text
    assert "people from" not in text


def test_a_start_nearly_a_year_ago_says_its_year():
    today = date(2026, 12, 3)
    assert since(date(2026, 9, 10), today) == "September"
    assert since(date(2026, 12, 1), today) == "1 December"
    assert since(date(2025, 12, 10), today) == "December 2025"
