"""The manifest: whom the benchmark and the load test sign in as and what they open
(var/scale/<database name>.json). The links in it are made through the services, the same code path as a
worker's, so their plain tokens really open the pages."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from accounts.models import User
from assessments.models import Section
from assessments.sections import SectionKind
from assessments.services.links import section_link_create
from cases.models import Case, Person
from dashboards.services import space_link_create

from .cases import Built
from .people import PASSWORD, People

SPACE_PASSCODE = "2468"
LINK_DAYS = 90
ASSESSMENT_LINKS = 50
WORKERS_PER_TEAM = 3


@dataclass
class Extras:
    """What later stages made that the manifest names (None until made)."""

    assessment: int | None = None
    plan: int | None = None
    meeting: int | None = None
    counts: dict[str, int] = field(default_factory=dict)


def path() -> Path:
    return Path(settings.VAR_DIR) / "scale" / f"{connection.settings_dict['NAME']}.json"


def _space_token(built: Built) -> str:
    case = Case.objects.select_related("young_person").get(pk=built.busy.pk)
    worker = User.objects.get(pk=built.worker_id)
    _link, token = space_link_create(
        case=case, person=Person.YOUNG_PERSON, name="", by=worker, days=LINK_DAYS, passcode=SPACE_PASSCODE
    )
    return token


def _assessment_links(built: Built) -> list[dict[str, Any]]:
    """Links to the young people's "About me", for open cases, the busy case's first."""
    open_ids = [case.pk for case in built.cases if not case.is_closed][:ASSESSMENT_LINKS]
    sections = Section.objects.filter(assessment__case_id__in=open_ids, kind=SectionKind.ABOUT_ME)
    by_case = {s.assessment.case_id: s for s in sections.select_related("assessment__case__young_person")}
    workers = User.objects.in_bulk({case.key_worker_id for case in built.cases if case.pk in by_case})
    key_workers = {case.pk: case.key_worker_id for case in built.cases if case.pk in by_case}
    links = []
    for case_id in open_ids:
        section = by_case[case_id]
        _link, token = section_link_create(
            section=section, person=Person.YOUNG_PERSON, name="", by=workers[key_workers[case_id]], days=LINK_DAYS
        )
        links.append({"token": token, "passcode": None})
    return links


def _people(built: Built, people: People) -> dict[str, Any]:
    team = next(t for t in people.teams if t.team_id == built.busy.team_id)
    name = people.usernames
    workers = [w for t in people.teams for w in t.workers[:WORKERS_PER_TEAM] if w != built.worker_id]
    return {
        "password": PASSWORD,
        "manager": name[team.managers[0]],
        "worker": name[built.worker_id],
        "coordinator": name[team.coordinators[0]],
        "partner": name[people.partners[0]],
        "administrator": name[people.administrator],
        "workers": [name[w] for w in workers],
        "managers": [name[t.managers[0]] for t in people.teams if t is not team],
    }


def write(*, built: Built, people: People, extras: Extras, parameters: dict[str, Any]) -> Path:
    links = _assessment_links(built)
    manifest = {
        "cases": len(built.cases),
        "teams": len(people.teams),
        "seeded_at": timezone.now().isoformat(),
        "parameters": parameters,
        **_people(built, people),
        "busy_case": built.busy.pk,
        "assessment": extras.assessment,
        "plan": extras.plan,
        "meeting": extras.meeting,
        "space_token": _space_token(built),
        "space_passcode": SPACE_PASSCODE,
        "assessment_link_token": links[0]["token"],
        "assessment_links": links,
        "counts": extras.counts,
    }
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    # It holds a password and working links: readable by its owner only, like the demo's backup codes.
    target.touch(mode=0o600, exist_ok=True)
    target.write_text(json.dumps(manifest, indent=2) + "\n")
    return target
