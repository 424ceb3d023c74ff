"""Hostile input to referrals: the referral form (from a worker with a team, and from a partner, who
chooses the team), and the manager's decisions: accept and allocate, decline, signpost, same young person
or not."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import Team
from cases.models import Awareness, LivingSituation, Referral, Urgency, Worry
from cases.tests.factories import ReferralFactory

from .checks import Visitor, assert_shown, attempt
from .inputs import HOSTILE, Field, bad, choice, chosen, date_parts, form, hostile_text, pick, text, with_dates

NEW = "referrals:new"

worries = Field(
    st.lists(st.sampled_from(Worry.values), min_size=1, max_size=3, unique=True),
    bad(st.lists(st.one_of(st.sampled_from(Worry.values), hostile_text), min_size=0, max_size=4)),
)
referral_data = form(
    given_name=text("Mia"),
    family_name=text("Roberts"),
    date_of_birth=date_parts(("2", "4", "2012")),
    living_situation=choice(LivingSituation.values),
    education_setting=text("Falinge Park High School"),
    referrer_name=text("Dee Shaw"),
    referrer_agency=text("Falinge Park High School"),
    referrer_contact=text("d.shaw@school.example"),
    worries=worries,
    worries_details=text(""),
    going_well=text("Loves art"),
    young_person_knows=choice(Awareness.values),
    parent_knows=choice(Awareness.values),
    urgency=choice(Urgency.values),
    consent=text("To meet an ACT worker"),
    anything_else=text(""),
    team=pick("team"),
)


def as_posted(data: dict, team: Team) -> dict:
    return with_dates({**data, "team": chosen(data["team"], {"team": team.pk})}, "date_of_birth")


def _referral_pages(visitor, manager_visitor, referral: Referral) -> None:
    page = visitor.get(reverse("referrals:detail", args=[referral.pk]))
    assert_shown(page, referral.given_name)
    manager_visitor.get(reverse("referrals:list"))
    manager_visitor.get(reverse("referrals:detail", args=[referral.pk]))


@given(data=referral_data, partner=st.booleans(), urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_the_referral_form(key_worker, partner_with_grant, manager, team, data, partner, urlencoded, times):
    with attempt(NEW, partner_with_grant if partner else key_worker) as visitor:
        response = visitor.submit(reverse(NEW), as_posted(data, team), urlencoded=urlencoded, times=times)
        if response.status_code == 302:
            _referral_pages(visitor, Visitor(NEW, manager), Referral.objects.latest("pk"))


# The answers of a decision, sent from its form (not confirmed: the confirmation page is shown) or from
# its confirmation page (confirmed: the decision is made).
confirmed = choice(["true", ""])
DECISIONS = {
    "referrals:accept": form(
        key_worker=pick("key_worker", "manager"), over_capacity_reason=text(""), confirmed=confirmed
    ),
    "referrals:decline": form(reason=text("Not CSE: signposted to early help"), confirmed=confirmed),
    "referrals:signpost": form(service=text("Early Help"), reason=text(""), confirmed=confirmed),
    "referrals:duplicate": form(choice=choice(["linked", "separate"])),
}


@pytest.fixture
def waiting_referral(team, case):
    def make(duplicate: bool) -> Referral:
        if not duplicate:
            return ReferralFactory.create(team=team)
        # Possibly the same young person as Destiny's case: the question the manager answers first.
        young_person = case.young_person
        return ReferralFactory.create(
            team=team,
            given_name=young_person.given_name,
            family_name=young_person.family_name,
            date_of_birth=young_person.date_of_birth,
            possible_duplicate=young_person,
        )

    return make


@pytest.mark.parametrize("name", sorted(DECISIONS))
@given(data=st.data(), at_capacity=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_the_managers_decision(manager, key_worker, team, waiting_referral, name, data, at_capacity, times):
    data = data.draw(DECISIONS[name])
    with attempt(name, manager) as visitor:
        if at_capacity:
            Team.objects.filter(pk=team.pk).update(case_capacity=1)
        referral = waiting_referral(duplicate=name == "referrals:duplicate")
        if "key_worker" in data:
            data = {
                **data,
                "key_worker": chosen(data["key_worker"], {"key_worker": key_worker.pk, "manager": manager.pk}),
            }
        response = visitor.submit(reverse(name, args=[referral.pk]), data, times=times)
        visitor.get(reverse("referrals:detail", args=[referral.pk]))
        if response.status_code == 302:
            referral.refresh_from_db()
            visitor.get(reverse("referrals:list"))
            if referral.case_id:
                visitor.get(reverse("cases:detail", args=[referral.case_id]))
