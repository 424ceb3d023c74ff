"""The policy's answers for referrals, which come before a case exists, and for imported referral files:
the managers of the receiving team see and decide them all; whoever made a referral sees that one."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases import access, services
from cases.models import ReferralImport
from cases.tests.factories import ReferralFactory


@pytest.fixture
def referral(team, key_worker):
    return ReferralFactory(team=team, given_name="Mia", created_by=key_worker)


@pytest.fixture
def upload(team, manager):
    return ReferralImport.objects.create(team=team, created_by=manager, file_name="referrals.csv", content="a,b\n")


def test_the_teams_managers_see_every_referral_to_the_team_and_may_decide_it(referral, manager, outsider):
    other = ReferralFactory(team=outsider.team, given_name="Jordan")
    assert list(access.visible_referrals(manager)) == [referral]
    assert access.may_decide_referrals(manager)
    assert access.get_referral_for_decision(manager, referral.pk) == referral
    with pytest.raises(Http404):
        access.get_referral_for_decision(manager, other.pk)


def test_whoever_made_a_referral_sees_it_but_may_not_decide_it(referral, key_worker):
    assert access.get_referral_for_view(key_worker, referral.pk) == referral
    assert not access.may_decide_referrals(key_worker)
    with pytest.raises(Http404):
        access.get_referral_for_decision(key_worker, referral.pk)


def test_a_colleague_who_did_not_make_a_referral_gets_404(referral, team):
    colleague = UserFactory(username="colleague", team=team)
    with pytest.raises(Http404):
        access.get_referral_for_view(colleague, referral.pk)


def test_a_signed_out_or_deactivated_person_sees_no_referral(referral, key_worker, manager):
    manager.is_active = False
    manager.save()
    for person in (AnonymousUser(), manager):
        assert not access.visible_referrals(person).exists()
        assert not access.may_decide_referrals(person)


def test_an_import_is_for_the_managers_of_its_team_and_its_file_is_not_loaded(upload, manager, key_worker, team):
    found = access.get_import_for_manager(manager, upload.pk)
    assert found == upload and "content" in found.get_deferred_fields()
    other_manager = UserFactory(username="wigan-manager", role=User.Role.MANAGER)
    for person in (key_worker, other_manager):
        with pytest.raises(Http404):
            access.get_import_for_manager(person, upload.pk)


@pytest.fixture
def accepted(team, manager, key_worker, case):
    """A referral made by a school, accepted, with `case` (whose key worker is `key_worker`) as its case."""
    return ReferralFactory(
        team=team, given_name="Mia", created_by=None, status="accepted", case=case, worries_details="Snapchat"
    )


def test_once_a_referral_has_a_case_the_key_worker_sees_it_and_reads_every_word(accepted, key_worker):
    assert access.get_referral_for_view(key_worker, accepted.pk) == accepted
    assert list(access.visible_referrals(key_worker)) == [accepted]
    assert access.may_read_referral_words(key_worker, accepted)


def test_a_partner_on_the_case_sees_its_referral_but_not_the_referrers_words(accepted, partner_with_grant):
    found = access.get_referral_for_view(partner_with_grant, accepted.pk)
    assert found == accepted
    assert not access.may_read_referral_words(partner_with_grant, found)


def test_the_teams_managers_and_the_referrer_read_the_referrers_words(accepted, referral, manager, key_worker):
    assert access.may_read_referral_words(manager, accepted)
    assert access.may_read_referral_words(key_worker, referral)  # they made it; no case yet


def test_before_a_case_exists_a_partner_or_colleague_reads_nothing_of_a_referral(referral, team, partner_with_grant):
    colleague = UserFactory(username="colleague", team=team)
    for person in (colleague, partner_with_grant, AnonymousUser()):
        assert not access.may_read_referral_words(person, referral)
        assert referral not in access.visible_referrals(person)


def test_someone_who_may_not_see_the_case_gets_404_for_its_referral(accepted, outsider, partner_without_grant, team):
    colleague = UserFactory(username="colleague", team=team)
    for person in (outsider, partner_without_grant, colleague):
        with pytest.raises(Http404):
            access.get_referral_for_view(person, accepted.pk)


def test_a_partner_removed_from_the_case_no_longer_sees_its_referral(accepted, partner_with_grant, case, manager):
    services.case_remove_partner(case=case, partner=partner_with_grant, by=manager)
    with pytest.raises(Http404):
        access.get_referral_for_view(partner_with_grant, accepted.pk)
