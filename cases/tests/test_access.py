import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import PartnerFactory, UserFactory
from cases import access, services
from cases.models import Case, CaseUserObjectPermission, NetworkMember, Referral
from cases.tests.factories import CaseFactory, ReferralFactory


def visible_names(user):
    return set(access.visible_cases(user).values_list("young_person__given_name", flat=True))


def test_key_worker_sees_and_changes_their_case(case, key_worker):
    assert access.can_view(key_worker, case)
    assert access.can_change(key_worker, case)
    assert access.get_case_for_view(key_worker, case.pk) == case


def test_worker_of_another_team_gets_404(case, outsider, outsider_case):
    assert visible_names(outsider) == {"Jordan"}
    with pytest.raises(Http404):
        access.get_case_for_view(outsider, case.pk)


def test_colleague_in_the_same_team_does_not_see_a_case_they_are_not_on(case, team):
    colleague = UserFactory(team=team)
    assert visible_names(colleague) == set()


def test_managers_see_every_case_of_their_team_and_no_other(case, manager, outsider_case):
    later = CaseFactory(given_name="Emily", team=manager.team)
    assert visible_names(manager) == {"Destiny", "Emily"}
    assert access.can_change(manager, later)


def test_manager_grant_follows_the_role(case, team):
    person = UserFactory(team=team)
    assert not access.can_view(person, case)
    person.role = User.Role.MANAGER
    person.save()
    assert access.can_view(person, case)
    person.role = User.Role.ACT_WORKER
    person.save()
    assert not access.can_view(person, case)


def test_manager_moving_team_loses_the_old_team(case, manager, other_team, outsider_case):
    manager.team = other_team
    manager.save()
    assert visible_names(manager) == {"Jordan"}


def test_reallocating_moves_the_grant(case, key_worker, team):
    new_worker = UserFactory(team=team)
    services.case_allocate(case=case, worker=new_worker, by=None)
    assert access.can_change(new_worker, case)
    assert not access.can_view(key_worker, case)
    assert not CaseUserObjectPermission.objects.filter(content_object=case, user=key_worker).exists()


def test_key_worker_must_be_in_the_case_team(case, outsider):
    with pytest.raises(ValueError):
        services.case_allocate(case=case, worker=outsider, by=None)
    case.refresh_from_db()
    assert case.key_worker.username == "worker"


def test_partner_sees_only_the_cases_they_were_added_to(case, partner_with_grant, team):
    CaseFactory(given_name="Lily", team=team)
    assert visible_names(partner_with_grant) == {"Destiny"}
    assert not access.can_change(partner_with_grant, case)


def test_partner_without_grant_gets_404(case, partner_without_grant):
    with pytest.raises(Http404):
        access.get_case_for_view(partner_without_grant, case.pk)


def test_removing_a_partner_takes_access_away(case, partner_with_grant):
    services.case_remove_partner(case=case, partner=partner_with_grant, by=None)
    assert visible_names(partner_with_grant) == set()


def test_only_partner_agency_workers_can_be_added_as_partners(case, outsider):
    with pytest.raises(ValueError):
        services.case_add_partner(case=case, partner=outsider, contribute=False, by=None)
    assert not access.can_view(outsider, case)


def test_administrator_sees_no_case_by_being_superuser(case, administrator):
    assert visible_names(administrator) == set()


def test_deactivated_person_sees_nothing(case, key_worker):
    key_worker.is_active = False
    key_worker.save()
    assert visible_names(key_worker) == set()


@pytest.mark.parametrize("who", ["outsider", "partner_without_grant", "administrator"])
def test_case_page_is_404_for_people_without_a_grant(request, case, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 404
    assert b"Destiny" not in response.content


@pytest.mark.parametrize("who", ["key_worker", "manager", "partner_with_grant"])
def test_case_page_shows_the_case_to_people_with_a_grant(request, case, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert b"Destiny" in response.content


def test_a_missing_case_looks_the_same_as_a_forbidden_one(case, client_for, outsider):
    client = client_for(outsider)
    forbidden = client.get(reverse("cases:detail", args=[case.pk]))
    missing = client.get(reverse("cases:detail", args=[case.pk + 1000]))
    assert forbidden.status_code == missing.status_code == 404

    def without_csrf_token(response):
        return re.sub(r'value="[^"]+"', "", response.content.decode())

    assert without_csrf_token(forbidden) == without_csrf_token(missing)


# The policy's own answers, one rule at a time: every line and branch of cases/access is run by the tests of
# this file and the two beside it (test_access_words.py, test_access_referrals.py); make test checks it.


def test_signed_out_visitors_see_no_case(case):
    assert not access.visible_cases(AnonymousUser()).exists()
    assert access.access_to(AnonymousUser(), case) == access.NO_ACCESS
    with pytest.raises(Http404):
        access.get_case_for_view(AnonymousUser(), case.pk)


def test_a_getter_decides_access_once_for_the_rest_of_the_request(case, key_worker, manager, django_assert_num_queries):
    fetched = access.get_case_for_view(key_worker, case.pk)
    with django_assert_num_queries(0):
        decided = access.access_to(key_worker, fetched)
        assert access.can_view(key_worker, fetched) and access.can_change(key_worker, fetched)
        assert access.can_contribute(key_worker, fetched)
    assert decided.may_change_now and decided.may_contribute_now
    assert not decided.manages_team and not decided.may_manage_now and not decided.may_audit
    # Someone else asking about the same case object is asked of the database, not given the key worker's answer.
    with django_assert_num_queries(1):
        assert access.access_to(manager, fetched).may_audit


def test_a_case_that_no_longer_exists_gives_no_access(key_worker, team):
    assert access.access_to(key_worker, Case(pk=987654, team=team)) == access.NO_ACCESS


@pytest.mark.parametrize("getter", ["get_case_for_view", "get_case_for_change", "get_case_for_contribution"])
def test_a_missing_case_is_404_from_every_getter(key_worker, getter):
    with pytest.raises(Http404):
        getattr(access, getter)(key_worker, 987654)


def test_a_partner_who_contributes_may_add_to_the_record_but_not_change_it(case, partner_with_grant):
    assert access.get_case_for_contribution(partner_with_grant, case.pk) == case
    assert access.can_contribute(partner_with_grant, case) and not access.can_change(partner_with_grant, case)
    with pytest.raises(Http404):
        access.get_case_for_change(partner_with_grant, case.pk)


def test_a_partner_who_only_looks_may_not_add_to_the_record(case, viewing_partner):
    assert access.can_view(viewing_partner, case) and not access.can_contribute(viewing_partner, case)
    with pytest.raises(Http404):
        access.get_case_for_contribution(viewing_partner, case.pk)


def test_only_the_teams_manager_gets_a_case_for_the_managers_decisions(case, key_worker, manager):
    assert access.get_case_for_management(manager, case.pk) == case
    with pytest.raises(Http404):
        access.get_case_for_management(key_worker, case.pk)


def test_a_partner_who_contributes_records_missing_episodes_but_not_the_return_home_interview(case, partner_with_grant):
    assert access.get_case_for_missing_episode(partner_with_grant, case.pk) == case
    decided = access.access_to(partner_with_grant, case)
    assert decided.may_record_missing and decided.may_record_missing_now and not decided.may_change_now


@pytest.mark.parametrize("who", ["viewing_partner", "partner_without_grant", "outsider", "administrator"])
def test_people_who_may_not_add_to_the_record_may_not_record_missing_episodes(request, case, who):
    person = request.getfixturevalue(who)
    with pytest.raises(Http404):
        access.get_case_for_missing_episode(person, case.pk)
    assert not access.access_to(person, case).may_record_missing_now


def test_the_key_worker_records_missing_episodes_while_the_case_is_open(case, key_worker, manager):
    assert access.access_to(key_worker, case).may_record_missing_now
    services.case_close(case=case, reason="Moved away", outcome="moved_away", by=manager)
    with pytest.raises(access.CaseClosed):
        access.get_case_for_missing_episode(key_worker, case.pk, open_only=True)
    assert not access.access_to(key_worker, Case.objects.get(pk=case.pk)).may_record_missing_now


def test_a_closed_case_is_refused_to_changes_that_need_it_open(case, key_worker, manager):
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=manager)
    assert access.get_case_for_change(key_worker, case.pk) == case  # closing and reopening still change it
    for getter in (access.get_case_for_change, access.get_case_for_contribution, access.get_case_for_management):
        with pytest.raises(access.CaseClosed) as refused:
            getter(manager, case.pk, open_only=True)
        assert refused.value.case == case and str(refused.value) == str(access.CLOSED_MESSAGE)
    decided = access.access_to(manager, access.get_case_for_view(manager, case.pk))
    assert decided.may_change and not decided.may_change_now
    assert not decided.may_contribute_now and not decided.may_manage_now and decided.may_audit


def test_a_closed_case_is_404_not_closed_to_someone_who_may_not_change_it(case, manager, viewing_partner):
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=manager)
    with pytest.raises(Http404):
        access.get_case_for_change(viewing_partner, case.pk, open_only=True)


def test_restricted_entries_are_seen_by_the_key_worker_the_manager_and_their_writer(
    case, key_worker, manager, partner_with_grant, viewing_partner
):
    now = timezone.now()
    services.timeline_add(
        case=case, by=partner_with_grant, kind="contact", summary="Intelligence", restricted=True, occurred_at=now
    )
    services.timeline_add(case=case, by=key_worker, kind="contact", summary="Visit", occurred_at=now)

    def seen(person):
        return set(access.timeline_for(person, case).values_list("summary", flat=True))

    assert seen(key_worker) == seen(manager) == seen(partner_with_grant) == {"Intelligence", "Visit"}
    assert seen(viewing_partner) == {"Visit"}
    assert seen(AnonymousUser()) == set()


def test_the_referrals_that_brought_a_case_are_seen_by_everyone_who_may_see_it_and_their_words_as_on_the_referral(
    case, key_worker, manager, partner_with_grant, viewing_partner, partner_without_grant, outsider, administrator
):
    accepted = ReferralFactory(team=case.team, status=Referral.Status.ACCEPTED, case=case)
    ReferralFactory(team=case.team, status=Referral.Status.WAITING, case=case)  # not (yet) part of the record
    for person, reads_words in (
        (key_worker, True),
        (manager, True),
        (partner_with_grant, False),
        (viewing_partner, False),
    ):
        found = access.case_referrals(person, case)
        assert found == [accepted]
        assert found[0].words_readable is reads_words is access.may_read_referral_words(person, accepted)
    for person in (partner_without_grant, outsider, administrator, AnonymousUser()):
        assert access.case_referrals(person, case) == []


def test_links_to_cases_a_person_may_not_see_are_not_shown(case, key_worker, manager, team):
    mine = CaseFactory(given_name="Emily", team=team, key_worker=key_worker)
    theirs = CaseFactory(given_name="Lily", team=team)
    services.case_link(case=case, other=mine, reason="Friends", by=manager)
    services.case_link(case=case, other=theirs, reason="Go missing together", by=manager)
    assert access.linked_cases(manager, case).count() == 2
    assert [link.other(case) for link in access.linked_cases(key_worker, case)] == [mine]
    assert not access.linked_cases(AnonymousUser(), case).exists()


def test_the_managers_of_a_team_are_its_active_managers(team, manager):
    UserFactory(username="former", role=User.Role.MANAGER, team=team, is_active=False)
    UserFactory(username="colleague", team=team)
    assert list(access.team_managers(team.pk)) == [manager]


# Grants follow the case's people.


def test_partners_get_view_and_if_they_contribute_contribute_grants_and_nothing_once_closed(
    case, partner_with_grant, viewing_partner, manager
):
    def held(person):
        return set(
            CaseUserObjectPermission.objects.filter(content_object=case, user=person).values_list(
                "permission__codename", flat=True
            )
        )

    assert held(partner_with_grant) == {access.VIEW, access.CONTRIBUTE}
    assert held(viewing_partner) == {access.VIEW}
    services.case_close(case=case, reason="Goals met", outcome="goals_met", by=manager)
    assert held(partner_with_grant) == held(viewing_partner) == set()


def test_a_network_member_who_is_not_an_active_partner_gets_no_grant(case, team):
    colleague = UserFactory(username="colleague", team=team)
    former = PartnerFactory(username="former-officer", is_active=False)
    NetworkMember.objects.create(case=case, name="Colleague", kind="professional", user=colleague)
    NetworkMember.objects.create(case=case, name="Former officer", kind="professional", user=former)
    access.sync_grants(case=case)
    assert not CaseUserObjectPermission.objects.filter(content_object=case, user__in=[colleague, former]).exists()
