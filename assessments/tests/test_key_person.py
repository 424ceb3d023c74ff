"""Someone close to the young person (from their network, with the young person's agreement) adds their words
to one part of the assessment through their own link: their own questions, their own words only, marked as
theirs for the worker, never shared with partner agencies."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from assessments import services
from assessments.models import Contribution, ContributionShare, SectionLink
from assessments.sections import KEY_PERSON_PROMPTS, Audience, SectionKind, prompts_for
from cases.models import AuditEvent, Person, SharedLink
from cases.tests.network import add

pytestmark = pytest.mark.django_db

JARGON = re.compile(r"\b(CSE|CIN|CP|LAC|IRO|intervention|assessment domain|exploitation|risk)\b", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


@pytest.fixture
def nan(case):
    return add(case, name="Nan", relationship="Grandmother")


@pytest.fixture
def about_me(case):
    return case.assessment.sections.get(kind=SectionKind.ABOUT_ME)


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def invite(section, member, by, **kwargs):
    return services.key_person_link_create(section=section, member=member, agreed=True, by=by, **kwargs)


def new_url(case):
    return reverse("assessments:key-person-link-new", args=[case.pk])


def test_a_key_person_is_asked_their_own_plain_questions_in_every_part():
    for kind in SectionKind.values:
        prompts = prompts_for(kind, Audience.KEY_PERSON)
        assert prompts.questions == KEY_PERSON_PROMPTS
        assert not JARGON.search(" ".join(str(q) for q in prompts.questions))
    assert [str(q) for q in KEY_PERSON_PROMPTS] == [
        "What do you see going well for them?",
        "What worries you?",
        "What could you do to help?",
    ]


def test_the_worker_invites_nan_with_the_young_persons_agreement(client_for, key_worker, case, nan, about_me):
    answer = client_for(key_worker).post(
        new_url(case), {"section": "about_me", "member": nan.pk, "days": "10", "passcode": "", "agreed": "on"}
    )
    assert answer.status_code == 200
    assert "/s/" in answer.content.decode() and "<svg" in answer.content.decode()
    link = SharedLink.objects.get(case=case)
    assert (link.person, link.person_name, link.purpose, link.target_id) == (
        Person.KEY_PERSON,
        "Nan",
        "section",
        about_me.pk,
    )
    assert SectionLink.objects.get(link=link).member == nan
    entry = AuditEvent.objects.filter(case=case, what__startswith="shared link for Nan").get()
    assert "with the young person's agreement" in entry.what and entry.user == key_worker


def test_the_case_list_of_links_says_the_young_person_agreed_and_who_recorded_it(
    client_for, key_worker, case, nan, about_me
):
    invite(about_me, nan, key_worker)
    page = text_of(client_for(key_worker).get(reverse("cases:shared-links", args=[case.pk])))
    assert "From their network (Family). The young person agreed: recorded by Jo Bennett" in page


def test_the_list_of_links_reads_key_person_links_in_a_fixed_number_of_queries(
    client_for, key_worker, case, about_me, django_assert_max_num_queries
):
    client = client_for(key_worker)
    url = reverse("cases:shared-links", args=[case.pk])
    invite(about_me, add(case, name="Nan"), key_worker)
    client.get(url)
    with django_assert_max_num_queries(30) as first:
        client.get(url)
    for number in range(4):
        invite(about_me, add(case, name=f"Auntie {number}"), key_worker)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


@pytest.mark.parametrize(
    "change, error",
    [
        ({"agreed": ""}, "Tick to say the young person has agreed"),
        ({"member": ""}, "Choose who the link is for"),
        ({"section": ""}, "Choose the part of the assessment"),
        ({"days": "0"}, "A link works for at least 1 day"),
        ({"days": "91"}, "A link works for 90 days at most"),
        ({"days": "soon"}, "Enter a number of days"),
        ({"passcode": "abc"}, "A passcode needs at least 4 characters"),
    ],
)
def test_bad_input_makes_no_link(client_for, key_worker, case, nan, change, error):
    data = {"section": "about_me", "member": nan.pk, "days": "14", "passcode": "", "agreed": "on", **change}
    answer = client_for(key_worker).post(new_url(case), data)
    assert answer.status_code == 400
    assert error in answer.content.decode()
    assert not SharedLink.objects.exists()


@pytest.mark.parametrize("who", ["professional", "removed", "other_case"])
def test_only_someone_close_from_this_cases_network_can_be_chosen(client_for, key_worker, case, outsider_case, who):
    if who == "professional":
        member = add(case, name="Dr Patel", kind="professional")
    elif who == "removed":
        member = add(case, name="Uncle Ray")
        from cases import services as case_services

        case_services.network_remove(member=member, by=key_worker)
    else:
        member = add(outsider_case, name="Their Nan")
    data = {"section": "about_me", "member": member.pk, "days": "14", "passcode": "", "agreed": "on"}
    answer = client_for(key_worker).post(new_url(case), data)
    assert answer.status_code == 400
    assert "Choose one of the people listed" in answer.content.decode()
    assert member.name not in text_of(client_for(key_worker).get(new_url(case)))
    assert not SharedLink.objects.exists()
    with pytest.raises(services.AssessmentError):
        invite(case.assessment.sections.get(kind="about_me"), member, key_worker)


def test_the_service_refuses_without_agreement_and_the_ordinary_link_refuses_a_key_person(key_worker, nan, about_me):
    with pytest.raises(services.AssessmentError):
        services.key_person_link_create(section=about_me, member=nan, agreed=False, by=key_worker)
    with pytest.raises(services.AssessmentError):
        services.section_link_create(section=about_me, person=Person.KEY_PERSON, name="Nan", by=key_worker)
    assert not SharedLink.objects.exists()


def test_nan_sees_her_questions_and_nobody_elses_words(client, key_worker, case, nan, about_me, partner_with_grant):
    yp_link, _ = services.section_link_create(section=about_me, person=Audience.YOUNG_PERSON, name="", by=key_worker)
    services.contribution_save(
        contribution=yp_link.section_link.contribution, text="Destiny private words", expected_version=0, label="D"
    )
    services.contribution_send(contribution=yp_link.section_link.contribution, label="D")
    services.judgement_save(
        section=about_me, going_well="Worker judgement", worries="", why="", expected_version=0, by=key_worker
    )
    _, token = invite(about_me, nan, key_worker)
    answer = client.get(f"/s/{token}/")
    page = text_of(answer)
    assert answer.status_code == 200
    assert "Hi Nan" in page and "Jo, Destiny’s worker, would like to hear what you think" in page
    assert "What could you do to help?" in page
    assert "Destiny private words" not in page and "Worker judgement" not in page
    assert not JARGON.search(page), JARGON.search(page)
    # Not offered to share with the police officer on the case: that choice is the young person's and family's.
    assert 'name="agencies"' not in answer.content.decode() and "Do you want anyone else" not in page


def test_nans_words_are_saved_sent_and_marked_as_hers_for_the_worker(
    client, client_for, key_worker, case, nan, about_me
):
    link, token = invite(about_me, nan, key_worker)
    path = f"/s/{token}/"
    assert (
        client.post(path, {"action": "send", "text": "She is kind to her little brother", "version": 0}).status_code
        == 302
    )
    words = Contribution.objects.get(section=about_me, contributor=Audience.KEY_PERSON)
    assert (words.contributor_name, words.status, words.author) == ("Nan", Contribution.Status.SENT, None)
    page = text_of(client_for(key_worker).get(reverse("assessments:section", args=[case.pk, "about_me"])))
    assert "From Nan (someone close to Destiny)" in page and "She is kind to her little brother" in page


def test_a_partner_never_reads_nans_words_and_she_cannot_share_them(
    client, client_for, key_worker, case, nan, about_me, partner_with_grant
):
    link, token = invite(about_me, nan, key_worker)
    path = f"/s/{token}/"
    client.post(path, {"action": "send", "text": "Nan's worry about the lifts", "version": 0})
    answer = client.post(path, {"action": "share", "agencies": [partner_with_grant.agency_id]})
    assert answer.status_code == 400
    assert not ContributionShare.objects.exists()
    page = client_for(partner_with_grant).get(reverse("assessments:section", args=[case.pk, "about_me"]))
    assert "Nan's worry" not in page.content.decode()
    with pytest.raises(services.AssessmentError):
        services.link_share(
            link=SectionLink.objects.get(link=link), agency_ids={partner_with_grant.agency_id}, allowed={1}, label="N"
        )


def test_the_pages_linking_to_the_invitation_are_for_those_who_change_the_case(
    client_for, key_worker, partner_with_grant, case
):
    assert client_for(key_worker).get(new_url(case)).status_code == 200
    assert client_for(partner_with_grant).get(new_url(case)).status_code == 404
    section_page = client_for(key_worker).get(reverse("assessments:section", args=[case.pk, "about_me"]))
    assert new_url(case) in section_page.content.decode()


def test_with_nobody_in_the_network_the_page_says_where_to_add_them(client_for, key_worker, case):
    page = text_of(client_for(key_worker).get(new_url(case)))
    assert "There is nobody in their network to invite yet" in page


def test_the_choice_says_who_each_person_is_and_when_the_young_person_sees_them_as_a_worry(
    client_for, key_worker, case
):
    add(case, name="Nan", relationship="Grandmother")
    add(case, name="Older group", kind="other", relationship="People she goes out with", young_persons_view="worry")
    page = text_of(client_for(key_worker).get(new_url(case)))
    assert "Nan (Family): Grandmother" in page
    assert "Older group (Someone else): People she goes out with. In the young person’s view: a worry" in page
