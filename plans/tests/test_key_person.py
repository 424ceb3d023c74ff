"""Someone close to the young person adds their words to the plan through their own link ("plan-words"): a
short form and their own words, never the plan; their words land in the plan under their name, each a
numbered change in its history; and the whole plan's link is never theirs."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from cases import services as case_services
from cases.models import AuditEvent, LinkUse, Person, SharedLink
from cases.tests.network import add
from plans import services
from plans.models import KeyPersonLink, KeyPersonWords, PlanChange
from plans.pdf import plan_html

from .helpers import a_plan

pytestmark = pytest.mark.django_db

JARGON = re.compile(r"\b(CSE|CIN|CP|LAC|IRO|intervention|assessment domain|exploitation|risk|MACE)\b", re.IGNORECASE)
PASSCODE = "otter7"


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


@pytest.fixture
def plan(case, key_worker):
    return a_plan(case, key_worker)


@pytest.fixture
def nan(case):
    return add(case, name="Nan", relationship="Grandmother")


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def invite(plan, member, by, passcode=""):
    return services.plan_words_link_create(plan=plan, member=member, agreed=True, by=by, days=14, passcode=passcode)


def open_words(client, plan, member, by, passcode=PASSCODE):
    link, token = invite(plan, member, by, passcode=passcode)
    path = f"/s/{token}/"
    if passcode:
        assert client.post(path, {"action": "passcode", "passcode": passcode}).status_code == 302
    return link, path


def new_url(case):
    return reverse("plans:key-person-link-new", args=[case.pk])


def test_the_worker_invites_nan_to_the_plan_with_the_young_persons_agreement(client_for, key_worker, case, plan, nan):
    answer = client_for(key_worker).post(new_url(case), {"member": nan.pk, "days": "7", "passcode": "", "agreed": "on"})
    assert answer.status_code == 200 and "<svg" in answer.content.decode()
    link = SharedLink.objects.get(case=case)
    assert (link.person, link.person_name, link.purpose, link.target_id) == (
        Person.KEY_PERSON,
        "Nan",
        "plan-words",
        plan.pk,
    )
    assert KeyPersonLink.objects.get(link=link).member == nan
    entry = AuditEvent.objects.filter(case=case, what__startswith="shared link for Nan").get()
    assert "with the young person's agreement" in entry.what and entry.user == key_worker
    links_page = text_of(client_for(key_worker).get(reverse("cases:shared-links", args=[case.pk])))
    assert "Their words for the plan" in links_page
    assert "From their network (Family). The young person agreed: recorded by Jo Bennett" in links_page


@pytest.mark.parametrize(
    "change, error",
    [
        ({"agreed": ""}, "Tick to say the young person has agreed"),
        ({"member": ""}, "Choose who the link is for"),
        ({"member": "999999"}, "Choose one of the people listed"),
        ({"days": "0"}, "A link works for at least 1 day"),
        ({"days": "120"}, "A link works for 90 days at most"),
        ({"passcode": "ab"}, "A passcode needs at least 4 characters"),
    ],
)
def test_bad_input_makes_no_link(client_for, key_worker, case, plan, nan, change, error):
    data = {"member": nan.pk, "days": "14", "passcode": "", "agreed": "on", **change}
    answer = client_for(key_worker).post(new_url(case), data)
    assert answer.status_code == 400 and error in answer.content.decode()
    assert not SharedLink.objects.exists()


def test_the_service_refuses_a_professional_a_removed_member_another_cases_and_no_agreement(
    key_worker, case, plan, nan, outsider_case
):
    nurse = add(case, name="Nurse", kind="professional")
    gone = add(case, name="Uncle Ray")
    case_services.network_remove(member=gone, by=key_worker)
    elsewhere = add(outsider_case, name="Their Nan")
    for member in (nurse, gone, elsewhere):
        with pytest.raises(services.PlanError):
            invite(plan, member, key_worker)
    with pytest.raises(services.PlanError):
        services.plan_words_link_create(plan=plan, member=nan, agreed=False, by=key_worker, days=14)
    assert not SharedLink.objects.exists()


def test_the_whole_plans_link_is_never_made_for_a_key_person(key_worker, plan):
    with pytest.raises(services.PlanError):
        services.plan_link_create(
            plan=plan, person=Person.KEY_PERSON, name="Nan", by=key_worker, days=14, passcode=PASSCODE
        )


def test_a_plan_link_for_a_key_person_opens_nothing(client, key_worker, case, plan):
    # Made past the plan's service (as an old or forged row would be): the plan's page refuses it cleanly.
    link, token = case_services.link_create(
        case=case, purpose="plan", target_id=plan.pk, person=Person.KEY_PERSON, name="Nan", by=key_worker
    )
    answer = client.get(f"/s/{token}/")
    assert answer.status_code == 404
    assert "Funny and kind" not in answer.content.decode() and "Goal 0" not in answer.content.decode()
    assert LinkUse.objects.filter(link=link, event="opened").exists()


def test_nans_page_shows_only_a_short_form_and_nothing_of_the_plan(client, key_worker, plan, nan):
    _, path = open_words(client, plan, nan, key_worker)
    answer = client.get(path)
    page = text_of(answer)
    assert answer.status_code == 200
    assert "Your words for the plan" in page and "What will you do to help Destiny?" in page
    for secret in ("Funny and kind", "Older men", "Go back to college", "Goal 0", "Step 0", "07700 900123", "Mum"):
        assert secret not in page, secret
    assert not JARGON.search(page), JARGON.search(page)
    assert "Jo Bennett" in page  # who reads it, from the policy


def test_nans_words_land_in_the_plan_marked_as_hers_and_in_its_history(client, client_for, key_worker, case, plan, nan):
    link, path = open_words(client, plan, nan, key_worker)
    version = plan.version
    answer = client.post(path, {"action": "words", "going_well": "She laughs again", "will_do": "Sunday dinners"})
    assert answer.status_code == 302
    words = KeyPersonWords.objects.get()
    assert (words.name, words.going_well, words.will_do, words.plan) == (
        "Nan",
        "She laughs again",
        "Sunday dinners",
        plan,
    )
    change = PlanChange.objects.get(plan=plan, version=version + 1)
    assert change.by_label == "Nan (someone close to Destiny)" and change.by_user is None
    assert LinkUse.objects.filter(link=link, event="sent").count() == 1
    staff = text_of(client_for(key_worker).get(reverse("plans:plan", args=[case.pk])))
    assert "From Nan (someone close to Destiny)" in staff and "Sunday dinners" in staff
    again = text_of(client.get(path))
    assert "She laughs again" in again  # her own words, behind her passcode


def test_the_same_words_sent_twice_are_one_entry_and_one_change(client, key_worker, plan, nan):
    _, path = open_words(client, plan, nan, key_worker)
    version = plan.version
    words = {"action": "words", "going_well": "She laughs again", "will_do": "Sunday dinners"}
    assert client.post(path, words).status_code == 302
    assert client.post(path, words).status_code == 302  # a second tap on a slow phone
    assert KeyPersonWords.objects.count() == 1
    assert PlanChange.objects.filter(plan=plan, version__gt=version).count() == 1
    assert client.post(path, {**words, "will_do": "Lifts to college"}).status_code == 302  # new words are added
    assert KeyPersonWords.objects.count() == 2


def test_the_young_persons_plan_shows_nans_words_under_her_name(client, key_worker, plan, nan):
    words_link = KeyPersonLink.objects.get(link=invite(plan, nan, key_worker)[0])
    services.key_person_words_add(words_link=words_link, going_well="Brave", will_do="Lifts to college")
    _, token = services.plan_link_create(
        plan=plan, person=Person.YOUNG_PERSON, name="", by=key_worker, days=14, passcode=PASSCODE
    )
    client.post(f"/s/{token}/", {"action": "passcode", "passcode": PASSCODE})
    page = text_of(client.get(f"/s/{token}/"))
    assert "From the people close to you" in page and "From Nan (someone close to Destiny)" in page
    assert "Lifts to college" in page


def test_without_a_passcode_her_earlier_words_are_not_shown_again(client, key_worker, plan, nan):
    _, path = open_words(client, plan, nan, key_worker, passcode="")
    client.post(path, {"action": "words", "going_well": "Her smile is back", "will_do": ""})
    page = text_of(client.get(path))
    assert "Her smile is back" not in page and "You have added your words 1 time" in page


@pytest.mark.parametrize(
    "data",
    [
        {"action": "words", "going_well": "", "will_do": "   "},
        {"action": "words", "going_well": "x" * 2001, "will_do": ""},
        {"action": "rate", "goal": "1", "score": "5"},
        {"action": "safety", "part": "people", "text": "Call me", "phone": "0770"},
        {"going_well": "no action"},
    ],
)
def test_anything_else_posted_changes_nothing(client, key_worker, plan, nan, data):
    _, path = open_words(client, plan, nan, key_worker)
    version = plan.version
    answer = client.post(path, data)
    assert answer.status_code == 400
    assert not KeyPersonWords.objects.exists()
    plan.refresh_from_db()
    assert plan.version == version


def test_the_worker_can_take_her_words_off_the_plan_and_the_row_stays(client_for, key_worker, case, plan, nan):
    words_link = KeyPersonLink.objects.get(link=invite(plan, nan, key_worker)[0])
    words = services.key_person_words_add(words_link=words_link, going_well="Kind", will_do="")
    answer = client_for(key_worker).post(reverse("plans:remove", args=[case.pk, "words", words.pk]))
    assert answer.status_code == 302
    words.refresh_from_db()
    assert words.removed_at is not None
    page = client_for(key_worker).get(reverse("plans:plan", args=[case.pk])).content.decode()
    assert reverse("plans:remove", args=[case.pk, "words", words.pk]) not in page
    assert "Nothing from them yet." in page


def test_the_plan_page_reads_her_words_in_a_fixed_number_of_queries(
    client_for, key_worker, case, plan, nan, django_assert_max_num_queries
):
    client = client_for(key_worker)
    url = reverse("plans:plan", args=[case.pk])
    words_link = KeyPersonLink.objects.get(link=invite(plan, nan, key_worker)[0])
    services.key_person_words_add(words_link=words_link, going_well="One", will_do="")
    client.get(url)
    with django_assert_max_num_queries(60) as first:
        client.get(url)
    for number in range(5):
        services.key_person_words_add(words_link=words_link, going_well=f"More {number}", will_do="")
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


def test_a_partner_cannot_make_the_invitation(client_for, partner_with_grant, case, plan):
    assert client_for(partner_with_grant).get(new_url(case)).status_code == 404


def test_the_family_pdf_of_the_plan_has_nans_words_under_her_name(key_worker, case, plan, nan):
    words_link = KeyPersonLink.objects.get(link=invite(plan, nan, key_worker)[0])
    services.key_person_words_add(words_link=words_link, going_well="Loves her art", will_do="Pay for the bus")
    page = text_of_html(plan_html(plan=plan, audience="family", today=timezone.localdate()))
    assert "From Nan (someone close to Destiny)" in page and "Pay for the bus" in page


def text_of_html(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
