"""Hostile input to the forms of the case itself: the young person's details, the people around the
case, the key worker, the stage, closing, reopening and linking cases."""

import pytest
from django.db.models import Q
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import User
from accounts.tests.factories import UserFactory
from cases import services
from cases.models import Case, CaseLink, CloseOutcome, LegalStatus, LivingSituation, Stage, YoungPerson
from cases.models.young_person import Avatar
from cases.tests.factories import CaseFactory

from .checks import assert_shown, attempt
from .inputs import HOSTILE, choice, chosen, date_parts, form, pick, text, with_dates


def url(name: str, case, *args) -> str:
    return reverse(name, args=[case.pk, *args])


YOUNG_PERSON = "cases:young-person-edit"
young_person_data = form(
    given_name=text("Destiny"),
    family_name=text("Walker"),
    preferred_name=text(""),
    pronouns=text("she/her", limit=40),
    date_of_birth=date_parts(("2", "4", "2011")),
    ethnicity=text(""),
    first_language=text("English", limit=60),
    living_situation=choice(LivingSituation.values),
    living_details=text(""),
    education_setting=text(""),
    legal_status=choice(LegalStatus.values),
    enjoys=text(""),
    contact_preferences=text(""),
    avatar=choice(["", *Avatar.values]),
)


@given(data=young_person_data, urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_the_young_persons_details(key_worker, case, case_pages, data, urlencoded, times):
    with attempt(YOUNG_PERSON, key_worker) as visitor:
        response = visitor.submit(
            url(YOUNG_PERSON, case), with_dates(data, "date_of_birth"), urlencoded=urlencoded, times=times
        )
        if response.status_code == 302:
            young_person = YoungPerson.objects.get(pk=case.young_person.pk)
            overview, *_others = [visitor.get(page) for page in case_pages("cases:detail", "cases:network")]
            assert_shown(overview, young_person.full_name)
            assert_shown(overview, young_person.living_details)


@pytest.fixture
def coordinator(db):
    return UserFactory(username="coordinator", role=User.Role.PLAN_COORDINATOR, team=None)


PEOPLE = "cases:people-edit"


people_data = form(
    social_worker_name=text("Sam Patel"),
    social_worker_contact=text("07700 900456"),
    plan_coordinator=pick("coordinator", ""),
)


@given(data=people_data, urlencoded=st.booleans())
@HOSTILE
def test_the_people_around_the_case(key_worker, case, coordinator, data, urlencoded):
    with attempt(PEOPLE, key_worker) as visitor:
        data = {**data, "plan_coordinator": chosen(data["plan_coordinator"], {"coordinator": coordinator.pk})}
        response = visitor.submit(url(PEOPLE, case), data, urlencoded=urlencoded)
        if response.status_code == 302:
            saved = Case.objects.get(pk=case.pk)
            overview = visitor.get(url("cases:detail", case))
            assert_shown(overview, saved.social_worker_name)


ALLOCATE = "cases:allocate"


@given(data=form(key_worker=pick("key_worker", "manager")), times=st.integers(1, 2))
@HOSTILE
def test_changing_the_key_worker(manager, key_worker, case, data, times):
    with attempt(ALLOCATE, manager) as visitor:
        data = {"key_worker": chosen(data["key_worker"], {"key_worker": key_worker.pk, "manager": manager.pk})}
        response = visitor.submit(url(ALLOCATE, case), data, times=times)
        if response.status_code == 302:
            visitor.get(url("cases:detail", case))


STAGE = "cases:stage"
OPEN_STAGES = [value for value in Stage.values if value != Stage.CLOSED]


@given(data=form(stage=choice(OPEN_STAGES), reason=text("")), urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_changing_the_stage(key_worker, case, data, urlencoded, times):
    with attempt(STAGE, key_worker) as visitor:
        response = visitor.submit(url(STAGE, case), data, urlencoded=urlencoded, times=times)
        if response.status_code == 302:
            overview = visitor.get(url("cases:detail", case))
            change = Case.objects.get(pk=case.pk).stage_changes.order_by("-changed_at", "-pk").first()
            if change and change.reason:
                assert_shown(overview, change.reason)


CLOSE = "cases:close"
REOPEN = "cases:reopen"


@given(
    data=form(outcome=choice(CloseOutcome.values), reason=text("Moved away"), summary=text("You did it")),
    times=st.integers(1, 2),
)
@HOSTILE
def test_closing_the_case(key_worker, case, case_pages, data, times):
    with attempt(CLOSE, key_worker) as visitor:
        response = visitor.submit(url(CLOSE, case), data, times=times)
        if response.status_code == 302:
            for page in case_pages("cases:detail", "cases:network", "cases:timeline"):
                visitor.get(page)


@given(data=form(reason=text("Back in touch")), urlencoded=st.booleans(), times=st.integers(1, 2))
@HOSTILE
def test_reopening_the_case(key_worker, case, data, urlencoded, times):
    with attempt(REOPEN, key_worker) as visitor:
        services.case_close(
            case=Case.objects.get(pk=case.pk), reason="Moved away", outcome=CloseOutcome.values[0], by=key_worker
        )
        response = visitor.submit(url(REOPEN, case), data, urlencoded=urlencoded, times=times)
        if response.status_code == 302:
            visitor.get(url("cases:detail", case))


@pytest.fixture
def other_case(key_worker):
    return CaseFactory(given_name="Lily", team=key_worker.team, key_worker=key_worker)


LINK = "cases:link-add"


@given(data=form(other=pick("other", "outsider"), reason=text("Go missing together")), times=st.integers(1, 2))
@HOSTILE
def test_linking_two_cases(key_worker, case, other_case, outsider_case, data, times):
    with attempt(LINK, key_worker) as visitor:
        data = {**data, "other": chosen(data["other"], {"other": other_case.pk, "outsider": outsider_case.pk})}
        response = visitor.submit(url(LINK, case), data, times=times)
        # Only a case this person may see can be linked.
        assert not CaseLink.objects.filter(Q(case_a=outsider_case) | Q(case_b=outsider_case)).exists()
        if response.status_code == 302:
            overview = visitor.get(url("cases:detail", case))
            visitor.get(url("cases:detail", other_case))
            link = CaseLink.objects.get()
            assert_shown(overview, link.reason)
            # Removing it, twice over, with whatever else is sent along.
            remove = reverse("cases:link-remove", args=[case.pk, link.pk])
            visitor.get(remove)
            visitor.submit(remove, {**data, "confirm": data.get("reason")}, times=2)
