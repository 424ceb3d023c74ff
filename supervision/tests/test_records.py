"""Supervision records: the manager's list of the team's workers, a worker's records, a new record, a record
and its directions; the worker's own records. The reflections are read by the worker and the team's
managers only; bad input on each form; a fixed number of queries on the lists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import PartnerFactory, UserFactory
from act.testing import assert_query_budget
from cases import services as case_services
from cases.models import AuditEvent
from cases.tests.factories import CaseFactory
from supervision import services
from supervision.models import Direction, Supervision

from .helpers import DIRECTION, REFLECTIONS, supervised


def record_url(record):
    return reverse("supervision:record", args=[record.pk])


def new_url(worker):
    return reverse("supervision:new", args=[worker.pk])


def day_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


@pytest.fixture
def record(case, key_worker, manager):
    return supervised(case, key_worker, manager)[0]


def test_the_manager_records_a_supervision_with_the_cases_discussed(client_for, case, key_worker, manager):
    client = client_for(manager)
    page = client.get(new_url(key_worker)).content.decode()
    assert "Destiny" in page and "Reflections" in page
    held = timezone.localdate() - timedelta(days=1)
    data = {**day_fields("held_on", held), "cases": [case.pk], "reflections": REFLECTIONS}
    response = client.post(new_url(key_worker), data)
    record = Supervision.objects.get()
    assert response.status_code == 302 and response["Location"] == record_url(record)
    assert (record.worker, record.manager, record.team_id, record.held_on) == (key_worker, manager, case.team_id, held)
    assert list(record.cases.all()) == [case] and record.reflections == REFLECTIONS


def test_the_manager_adds_a_direction_which_is_audited_on_the_case(client_for, case, key_worker, manager):
    record = services.supervision_record(
        worker=key_worker, held_on=timezone.localdate(), cases=[case], reflections="Fine", by=manager
    )
    due = timezone.localdate() + timedelta(days=7)
    data = {"case": case.pk, "what": DIRECTION, **day_fields("due_on", due)}
    response = client_for(manager).post(reverse("supervision:direction-add", args=[record.pk]), data)
    assert response.status_code == 302
    direction = Direction.objects.get()
    assert (direction.case, direction.what, direction.due_on, direction.done_at) == (case, DIRECTION, due, None)
    assert AuditEvent.objects.filter(case=case, user=manager, what="case direction from supervision").exists()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"held_on_0": ""}, "Enter the date of the supervision"),
        ({"held_on_0": "31", "held_on_1": "2"}, "Enter a real date"),
        ({"held_on_2": str(timezone.localdate().year + 1)}, "must be today or in the past"),
        ({"reflections": ""}, "Write your reflections"),
        ({"reflections": "x" * 8001}, "at most 8000 characters"),
        ({"cases": ["999999"]}, "Select a valid choice"),
    ],
)
def test_a_new_record_refuses_bad_input(client_for, case, key_worker, manager, change, message):
    data = {**day_fields("held_on", timezone.localdate()), "cases": [case.pk], "reflections": "Fine", **change}
    response = client_for(manager).post(new_url(key_worker), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Supervision.objects.exists()


def test_a_case_the_worker_does_not_hold_cannot_be_discussed(client_for, team, key_worker, manager):
    someone_elses = CaseFactory(team=team)
    data = {**day_fields("held_on", timezone.localdate()), "cases": [someone_elses.pk], "reflections": "Fine"}
    assert "Select a valid choice" in client_for(manager).post(new_url(key_worker), data).content.decode()
    with pytest.raises(services.SupervisionError):
        services.supervision_record(
            worker=key_worker, held_on=timezone.localdate(), cases=[someone_elses], reflections="", by=manager
        )
    assert not Supervision.objects.exists()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"case": ""}, "Choose the case"),
        ({"case": "999999"}, "Choose a case you discussed"),
        ({"what": " "}, "Say what should happen next"),
        ({"due_on_0": ""}, "Enter the date it should happen by"),
        ({"due_on_2": "2001"}, "on or after the supervision"),
        ({"due_on_2": str(timezone.localdate().year + 5)}, "within two years"),
    ],
)
def test_a_direction_refuses_bad_input(client_for, case, key_worker, manager, record, change, message):
    due = timezone.localdate() + timedelta(days=7)
    data = {"case": case.pk, "what": "Visit", **day_fields("due_on", due), **change}
    response = client_for(manager).post(reverse("supervision:direction-add", args=[record.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert Direction.objects.count() == 1  # the one the record came with


def test_the_services_refuse_what_the_forms_would(case, key_worker, manager, record, outsider):
    today = timezone.localdate()
    with pytest.raises(services.SupervisionError):
        services.supervision_record(worker=key_worker, held_on=today, cases=[], reflections="", by=key_worker)
    with pytest.raises(services.SupervisionError):
        services.supervision_record(
            worker=key_worker, held_on=today + timedelta(days=1), cases=[], reflections="", by=manager
        )
    with pytest.raises(services.SupervisionError):
        services.supervision_record(worker=outsider, held_on=today, cases=[], reflections="", by=manager)
    for by, what, due in (
        (key_worker, "Visit", today),
        (manager, " ", today),
        (manager, "Visit", record.held_on - timedelta(days=1)),
    ):
        with pytest.raises(services.SupervisionError):
            services.direction_add(supervision=record, case=case, what=what, due_on=due, by=by)


def test_the_worker_reads_their_own_records_with_the_reflections_read_only(client_for, key_worker, record):
    client = client_for(key_worker)
    mine = client.get(reverse("supervision:mine")).content.decode()
    assert record_url(record) in mine
    page = client.get(record_url(record)).content.decode()
    assert REFLECTIONS in page and DIRECTION in page and "Add a case direction" not in page
    assert client.post(reverse("supervision:direction-add", args=[record.pk]), {}).status_code == 404


def test_opening_a_record_records_a_look_at_each_case_discussed(client_for, case, key_worker, record):
    client_for(key_worker).get(record_url(record))
    assert AuditEvent.objects.filter(case=case, user=key_worker, what="supervision record").count() == 1


@pytest.mark.parametrize("who", ["another_worker", "coordinator", "partner", "outsider", "other_manager", "demoted"])
def test_nobody_else_reads_a_record_or_the_reflections(client_for, team, other_team, case, record, who):
    people = {
        "another_worker": lambda: UserFactory(team=team),
        "coordinator": lambda: UserFactory(team=team, role=User.Role.PLAN_COORDINATOR),
        "partner": lambda: PartnerFactory(),
        "outsider": lambda: UserFactory(team=other_team),
        "other_manager": lambda: UserFactory(team=other_team, role=User.Role.MANAGER),
        "demoted": lambda: UserFactory(team=team, role=User.Role.ACT_WORKER),
    }
    client = client_for(people[who]())
    for url in (record_url(record), reverse("supervision:worker", args=[record.worker_id]), new_url(record.worker)):
        response = client.get(url)
        assert response.status_code == 404 and REFLECTIONS not in response.content.decode()
    for url in (reverse("supervision:mine"), reverse("supervision:team")):
        assert REFLECTIONS not in client.get(url, follow=True).content.decode()


def test_a_partner_has_no_supervision_page(client_for, partner_with_grant):
    assert client_for(partner_with_grant).get(reverse("supervision:mine")).status_code == 404


def test_a_worker_going_to_the_team_list_is_taken_to_their_own(client_for, key_worker):
    response = client_for(key_worker).get(reverse("supervision:team"))
    assert response.status_code == 302 and response["Location"] == reverse("supervision:mine")


def test_the_team_list_shows_each_worker_with_the_last_supervision(client_for, key_worker, manager, record):
    page = client_for(manager).get(reverse("supervision:team")).content.decode()
    assert "Jo Bennett" in page and record.held_on.strftime("%-d %B %Y") in page


def test_the_team_list_keeps_a_query_budget(client_for, team, manager):
    def add_rows(count):
        for _ in range(count):
            worker = UserFactory(team=team)
            Supervision.objects.create(team=team, worker=worker, manager=manager, held_on=timezone.localdate())

    assert_query_budget(client_for(manager), reverse("supervision:team"), add_rows=add_rows, budget=12, large=30)


def test_a_workers_records_keep_a_query_budget(client_for, team, case, key_worker, manager):
    def add_rows(count):
        for _ in range(count):
            record = Supervision.objects.create(
                team=team, worker=key_worker, manager=manager, held_on=timezone.localdate()
            )
            record.cases.set([case])

    url = reverse("supervision:worker", args=[key_worker.pk])
    assert_query_budget(client_for(manager), url, add_rows=add_rows, budget=12, large=30)
    assert_query_budget(client_for(key_worker), reverse("supervision:mine"), add_rows=add_rows, budget=12, large=30)


def test_a_closed_case_gets_no_new_direction(client_for, case, key_worker, manager, record):
    case_services.case_close(case=case, reason="Done", outcome="goals_met", by=manager)
    page = client_for(manager).get(record_url(record)).content.decode()
    assert "none was" in page
    with pytest.raises(services.SupervisionError):
        services.direction_add(supervision=record, case=case, what="Visit", due_on=timezone.localdate(), by=manager)
