"""manage.py seed_scale: its grants are the rows the services make, it refuses where it must not run, and
the manifest it writes signs in and opens what it says."""

import io
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import PartnerFactory, TeamFactory, UserFactory
from act.testing import sign_in_fully
from assessments.models import Contribution
from cases import services
from cases.access import sync_grants
from cases.models import Case, CaseUserObjectPermission, Consent, Stage
from cases.tests.factories import YoungPersonFactory
from plans.models import Meeting
from scale.seed import grants
from scale.seed.cases import SeedCase
from scale.seed.manifest import path as manifest_path
from scale.seed.network import PartnerMember

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="seed_scale writes with PostgreSQL's COPY"
)


@pytest.fixture(autouse=True)
def _clear_throttle():
    cache.clear()


@pytest.fixture
def seeded(settings, tmp_path) -> dict:
    settings.VAR_DIR = tmp_path
    settings.DEBUG = True  # as on a machine set up for measuring; the tests run with it off
    call_command("seed_scale", cases=20, stdout=io.StringIO())
    return json.loads(manifest_path().read_text())


def _grant_rows() -> set[tuple[int, str, int]]:
    return set(CaseUserObjectPermission.objects.values_list("user_id", "permission__codename", "content_object_id"))


def _open(team, worker, manager) -> Case:
    young_person = YoungPersonFactory.create(team=team)
    case = services.case_create(young_person=young_person, team=team, key_worker=worker, by=manager)
    Consent.objects.create(case=case, basis=Consent.Basis.CONSENT, given_on=timezone.localdate())
    return case


def _seed_case(case: Case, worker: User, coordinator: User | None, stage: str = Stage.SUPPORT) -> SeedCase:
    now = timezone.now()
    closed = now if stage == Stage.CLOSED else None
    return SeedCase(
        case.pk,
        case.team_id,
        case.young_person_id,
        "",
        worker.pk,
        0,
        coordinator.pk if coordinator else None,
        stage,
        now - timedelta(days=100),
        closed,
    )


def test_the_builders_make_the_grants_the_services_make():
    team = TeamFactory()
    manager = UserFactory(team=team, role=User.Role.MANAGER)
    first, second = UserFactory(team=team), UserFactory(team=team)
    coordinator = UserFactory(team=team, role=User.Role.PLAN_COORDINATOR)
    police, nurse = PartnerFactory(), PartnerFactory()

    coordinated = _open(team, first, manager)
    services.case_set_plan_coordinator(case=coordinated, coordinator=coordinator, by=manager)
    services.case_add_partner(case=coordinated, partner=police, contribute=True, by=first)
    services.case_add_partner(case=coordinated, partner=nurse, contribute=False, by=first)
    services.case_remove_partner(case=coordinated, partner=nurse, by=first)
    moved = _open(team, first, manager)
    services.case_allocate(case=moved, worker=second, by=manager)
    services.case_add_partner(case=moved, partner=police, contribute=False, by=second)
    closed = _open(team, second, manager)
    services.case_add_partner(case=closed, partner=nurse, contribute=True, by=second)
    services.case_close(case=closed, reason="Goals met", outcome="goals_met", by=manager)

    built = grants.wanted(
        [
            _seed_case(coordinated, first, coordinator),
            _seed_case(moved, second, None),
            _seed_case(closed, second, None, Stage.CLOSED),
        ],
        [
            PartnerMember(coordinated.pk, police.pk, True, False),
            PartnerMember(coordinated.pk, nurse.pk, False, True),
            PartnerMember(moved.pk, police.pk, False, False),
            PartnerMember(closed.pk, nurse.pk, True, False),
        ],
    )
    assert built == _grant_rows()


@on_postgresql
def test_the_seeded_grants_are_what_the_services_would_keep(seeded):
    seeded_rows = _grant_rows()
    CaseUserObjectPermission.objects.all().delete()
    for case in Case.objects.all():
        sync_grants(case=case)
    assert seeded_rows == _grant_rows()
    assert any(codename == "contribute_case" for _user, codename, _case in seeded_rows)


def test_it_refuses_sqlite(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "sqlite")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("seed_scale", cases=5)


@on_postgresql
def test_it_refuses_when_debug_is_off_without_force(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_scale", cases=5)


@on_postgresql
def test_it_refuses_a_database_that_holds_data(seeded):
    with pytest.raises(CommandError, match="already holds data"):
        call_command("seed_scale", cases=5)


@on_postgresql
def test_the_busy_case_has_a_bit_of_everything(seeded):
    case = Case.objects.get(pk=seeded["busy_case"])
    assert case.key_worker.username == seeded["worker"]
    assert case.timeline.count() >= 200
    assert case.timeline.filter(restricted=True).exists()
    assert case.network.count() >= 8
    assert case.assessment.pk == seeded["assessment"]
    assert Contribution.objects.filter(section__assessment=case.assessment).exists()
    # The agreed target date is kept on the assessment, as the manager's decision keeps it.
    assert case.assessment.agreed_target_on == case.assessment.timescales.get(status="agreed").target_date
    assert case.family_plan.pk == seeded["plan"]
    assert case.family_plan.goals.filter(actions__isnull=False, ratings__isnull=False).exists()
    assert Meeting.objects.filter(case=case, status=Meeting.Status.HELD).exists()
    assert case.check_ins.exists()
    assert case.risk_changes.exists()


@on_postgresql
def test_the_manifest_signs_in_and_opens_the_busy_case_and_the_links(seeded, client):
    manager = User.objects.get(username=seeded["manager"])
    assert manager.check_password(seeded["password"])
    assert User.objects.get(username=seeded["worker"]).check_password(seeded["password"])
    sign_in_fully(client, manager)
    assert client.get(reverse("cases:list")).status_code == 200
    assert client.get(reverse("cases:detail", args=[seeded["busy_case"]])).status_code == 200
    assert client.get(reverse("dashboards:team")).status_code == 200

    worker = User.objects.get(username=seeded["worker"])
    sign_in_fully(client, worker)
    busy = seeded["busy_case"]
    for name, args in [
        ("dashboards:my-work", []),
        ("cases:timeline", [busy]),
        ("cases:network", [busy]),
        ("cases:risk", [busy]),
        ("assessments:overview", [busy]),
        ("assessments:section", [busy, "about_me"]),
        ("plans:plan", [busy]),
        ("plans:meetings", [busy]),
        ("plans:meeting", [busy, seeded["meeting"]]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 200, name
    client.logout()

    space = f"/s/{seeded['space_token']}/"
    assert client.post(space, {"action": "passcode", "passcode": seeded["space_passcode"]}).status_code == 302
    assert client.get(space).status_code == 200
    assert client.get(f"/s/{seeded['assessment_link_token']}/").status_code == 200
    assert len(seeded["assessment_links"]) >= 5
