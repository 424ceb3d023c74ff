"""The young person's "plan my meeting" link: the meeting as planned, their choices in their words, why a
choice could not be followed, the summary after it; always behind a passcode, and for one meeting only."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import Notification
from cases.models import SharedLink
from cases.tests.factories import CaseFactory
from plans import services
from plans.models import ChoiceOverride, Meeting

pytestmark = pytest.mark.django_db
PASSCODE = "badger9"
JARGON = re.compile(r"\b(CSE|CIN|CP|LAC|IRO|intervention|exploitation|risk|Ambitions meeting|MACE)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


def a_meeting(case, by, **fields) -> Meeting:
    defaults = {"kind": Meeting.Kind.AMBITIONS, "starts_at": timezone.now() + timedelta(days=5), "place": "The office"}
    return Meeting.objects.create(case=case, organiser=by, created_by=by, **{**defaults, **fields})


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def open_link(client, meeting, by):
    _link, token = services.meeting_link_create(
        meeting=meeting, person="young_person", name="", by=by, days=14, passcode=PASSCODE
    )
    path = f"/s/{token}/"
    assert client.post(path, {"action": "passcode", "passcode": PASSCODE}).status_code == 302
    return path


CHOICES = {
    "place": "The youth club",
    "time": "After school",
    "wanted": "Mum, Jo",
    "not_wanted": "The police officer",
    "role": "co_chair",
    "advocate_wanted": "yes",
    "advocate_name": "Sam",
    "talk_first": "College",
}


def test_she_gives_her_choices_and_they_are_kept_as_hers(client, case, key_worker):
    meeting = a_meeting(case, key_worker)
    path = open_link(client, meeting, key_worker)
    page = client.get(path)
    text = text_of(page)
    assert "Your first meeting about what you want" in text and "The office" in text
    assert not JARGON.search(text), JARGON.search(text)
    assert client.post(path, CHOICES).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.chosen_place, meeting.not_wanted, meeting.role, meeting.advocate_wanted, meeting.advocate_name) == (
        "The youth club",
        "The police officer",
        "co_chair",
        True,
        "Sam",
    )
    assert meeting.choices_by == "Destiny" and meeting.choices_at is not None
    told = Notification.objects.get(recipient=key_worker, kind="meeting-choices")
    assert "Destiny has said what they want" in told.message
    assert 'value="The youth club"' in client.get(path).content.decode()


def test_the_page_names_only_those_who_organise_not_the_partners(client, case, key_worker, partner_with_grant):
    path = open_link(client, a_meeting(case, key_worker), key_worker)
    text = text_of(client.get(path))
    assert "Jo Bennett (your worker)" in text
    assert partner_with_grant.get_full_name() not in text


def test_a_reason_for_not_following_a_choice_is_shown_to_her(client, case, key_worker):
    meeting = a_meeting(case, key_worker)
    ChoiceOverride.objects.create(
        meeting=meeting, choice="place", reason="The youth club is closed that week", by=key_worker
    )
    path = open_link(client, meeting, key_worker)
    assert "The youth club is closed that week" in text_of(client.get(path))


@pytest.mark.parametrize(
    "data",
    [
        {**CHOICES, "role": "boss"},
        {**CHOICES, "advocate_wanted": "maybe"},
        {**CHOICES, "place": "x" * 201},
        {**CHOICES, "talk_first": "y" * 1001},
    ],
)
def test_bad_choices_are_refused_and_nothing_is_saved(client, case, key_worker, data):
    meeting = a_meeting(case, key_worker)
    path = open_link(client, meeting, key_worker)
    answer = client.post(path, data)
    assert answer.status_code == 400 and "There is a problem" in answer.content.decode()
    meeting.refresh_from_db()
    assert meeting.choices_at is None


def test_after_the_meeting_she_reads_the_summary_written_for_her_not_the_notes(client, case, key_worker):
    meeting = a_meeting(case, key_worker)
    path = open_link(client, meeting, key_worker)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.HELD,
        held_at=timezone.now(),
        family_summary="We agreed you will start college in January.",
        professional_views="Professional note: concerns about the boyfriend.",
    )
    text = text_of(client.get(path))
    assert "start college in January" in text
    assert "Professional note" not in text
    assert client.post(path, CHOICES).status_code == 400


def test_the_link_opens_only_its_own_meeting(client, case, key_worker):
    mine = a_meeting(case, key_worker)
    other_case = CaseFactory(given_name="Mia", team=key_worker.team, key_worker=key_worker)
    theirs = a_meeting(other_case, key_worker, place="Mia's school")
    path = open_link(client, mine, key_worker)
    # A link pointed at another case's meeting (as if its target were changed) opens nothing.
    SharedLink.objects.filter(purpose="meeting").update(target_id=theirs.pk)
    assert client.get(path).status_code == 404
    assert "Mia" not in client.get(path).content.decode()


def test_meeting_links_are_for_the_young_person_with_a_passcode(case, key_worker):
    meeting = a_meeting(case, key_worker)
    with pytest.raises(services.PlanError):
        services.meeting_link_create(
            meeting=meeting, person="parent_carer", name="Mum", by=key_worker, days=5, passcode=PASSCODE
        )
    with pytest.raises(services.PlanError):
        services.meeting_link_create(
            meeting=meeting, person="young_person", name="", by=key_worker, days=5, passcode=""
        )
    assert not SharedLink.objects.exists()


def test_the_worker_makes_the_link_from_the_meeting(client_for, case, key_worker):
    from django.urls import reverse

    meeting = a_meeting(case, key_worker)
    url = reverse("plans:meeting-link-new", args=[case.pk, meeting.pk])
    made = client_for(key_worker).post(url, {"contributor": "young_person", "days": 7, "passcode": PASSCODE})
    assert made.status_code == 200
    assert SharedLink.objects.get(case=case).target_id == meeting.pk


def test_a_partner_on_the_case_does_not_see_who_she_does_not_want_there(
    client_for, case, key_worker, partner_with_grant
):
    from django.urls import reverse

    meeting = a_meeting(case, key_worker)
    services.meeting_choices_save(
        meeting=meeting,
        place="The youth club",
        time="After school",
        wanted="Mum",
        not_wanted="The police officer",
        role="attend",
        advocate_wanted=True,
        advocate_name="Sam",
        talk_first="College",
        by_label="Destiny",
    )
    url = reverse("plans:meeting", args=[case.pk, meeting.pk])
    assert "The police officer" in client_for(key_worker).get(url).content.decode()
    page = client_for(partner_with_grant).get(url).content.decode()
    assert page.count("The police officer") == 0
    assert "seen by the people who organise it" in page


def test_a_partner_does_not_read_her_views_from_the_meeting(client_for, case, key_worker, partner_with_grant):
    from django.urls import reverse

    meeting = a_meeting(case, key_worker)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.HELD, held_at=timezone.now(), young_persons_views="I hate the weekends at Dad's"
    )
    url = reverse("plans:meeting", args=[case.pk, meeting.pk])
    assert "I hate the weekends" in client_for(key_worker).get(url).content.decode()
    assert "I hate the weekends" not in client_for(partner_with_grant).get(url).content.decode()


def test_the_cases_list_of_links_names_the_plan_and_the_meeting_and_revokes_them(client_for, case, key_worker):
    from django.urls import reverse

    from plans.tests.helpers import a_plan

    plan = a_plan(case, key_worker)
    services.plan_link_create(plan=plan, person="young_person", name="", by=key_worker, days=14, passcode=PASSCODE)
    meeting = a_meeting(case, key_worker)
    link, _token = services.meeting_link_create(
        meeting=meeting, person="young_person", name="", by=key_worker, days=14, passcode=PASSCODE
    )
    client = client_for(key_worker)
    listing = client.get(reverse("cases:shared-links", args=[case.pk])).content.decode()
    assert "Their plan" in listing and "Plan my meeting" in listing and "Ambitions meeting (" in listing
    client.post(reverse("cases:shared-link-revoke", args=[case.pk, link.pk]))
    assert SharedLink.objects.get(pk=link.pk).revoked_at is not None
