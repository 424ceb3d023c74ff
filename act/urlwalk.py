"""Walking every URL pattern of the project, for the tests that must cover every page.

The URLs are read from the URLconf, not listed by hand, so a new page is covered the moment it is
mounted. Each pattern becomes one concrete path, with a sample value for each parameter.
"""

import re

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# A value for every URL parameter name the project uses. A new parameter name makes the walk fail
# until a sample is added here: nothing is skipped silently.
SAMPLES = {
    "pk": "{pk}",  # the Rochdale object of the URL's area: a case, a referral or a referral import
    "case_pk": "{case_pk}",
    # The case's own objects, where the walk was given them (`make_rochdale_record`); "1" where not.
    "link_pk": "{link_pk}",
    "member_pk": "{member_pk}",
    "entry_pk": "{entry_pk}",
    "contribution_pk": "{contribution_pk}",
    "proposal_pk": "{proposal_pk}",
    "meeting_pk": "{meeting_pk}",
    "kind": "{kind}",
    "item_pk": "{item_pk}",
    "goal_pk": "{goal_pk}",
    "action_pk": "{action_pk}",
    "rhythm_pk": "1",
    "alert_pk": "1",
    "close_pk": "{close_pk}",
    "direction_pk": "{direction_pk}",
    "supervision_pk": "{supervision_pk}",
    "worker_pk": "{worker_pk}",
    "direction": "up",
    "token": "a-token-that-does-not-exist",
    "page": "people",
    "uidb64": "MQ",
    "app_label": "accounts",
    "object_id": "1",
    "id": "1",
    "content_type_id": "1",
    "url": "no-such-admin-page/",
}

# The name every Rochdale object carries, so a test can tell when a page shows one.
SECRET = "Rochdale-Only-Name"


def _walk(resolver, prefix="", namespace=""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            full_ns = f"{namespace}{ns}:" if ns else namespace
            yield from _walk(entry, prefix + _fill(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else f"{namespace}<unnamed:{entry.pattern}>"
            yield name, prefix + _fill(entry.pattern)


def _fill(pattern) -> str:
    """Turn one pattern into a concrete path, with a sample for each parameter."""
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:\w+:)?(\w+)>", lambda m: _sample(m.group(1)), str(pattern))
    if isinstance(pattern, RegexPattern):
        text = str(pattern).lstrip("^").rstrip("$").replace("\\Z", "")
        text = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: _sample(m.group(1)), text)
        assert not re.search(r"[\\()\[\]*+?|^$]", text), f"cannot build a URL from the pattern {pattern}"
        return text
    raise AssertionError(f"unknown pattern type {pattern!r}")


def _sample(name: str) -> str:
    assert name in SAMPLES, f"add a sample value for the URL parameter '{name}' to SAMPLES"
    return SAMPLES[name]


def all_urls() -> list[tuple[str, str]]:
    """(name, path template) for every URL pattern; the template still holds {pk} and {case_pk}."""
    return sorted(set(_walk(get_resolver())))


def make_rochdale(key_worker) -> dict:
    """One object of each kind in the key worker's team (ACT Rochdale), all carrying the SECRET name."""
    from cases.models import ReferralImport
    from cases.tests.factories import CaseFactory, ReferralFactory

    team = key_worker.team
    case = CaseFactory(given_name=SECRET, team=team, key_worker=key_worker)
    referral = ReferralFactory(team=team, given_name=SECRET, created_by=key_worker)
    upload = ReferralImport.objects.create(team=team, created_by=key_worker, file_name=f"{SECRET}.csv", content=SECRET)
    concern = _a_concern(case, key_worker)
    return {"case": case, "referral": referral, "import": upload, "concern": concern}


def _a_concern(case, key_worker):
    """An entry of the team's register of concerns, linked to the case."""
    from datetime import date

    from cases import services

    entry = services.concern_add(team_id=case.team_id, kind="person", name=SECRET, details=SECRET, by=key_worker)
    services.concern_link_add(entry=entry, case=case, source=SECRET, noticed_on=date(2026, 1, 5), by=key_worker)
    return entry


def make_rochdale_record(key_worker) -> dict:
    """`make_rochdale`, with a record on the case for every page of it to open: a network member, a missing
    episode still going on and one with its return home interview due, a link to another case, a shared link,
    a contribution, a timescale proposal, a meeting planned (which has started: it can be recorded), and the
    young person's own image and photo."""
    from datetime import timedelta

    from django.utils import timezone

    from assessments import services as assessment_services
    from assessments.sections import Audience, SectionKind
    from cases import services
    from cases.tests.factories import CaseFactory
    from plans.models import Meeting
    from plans.services import meetings as plans_meetings

    objects = make_rochdale(key_worker)
    case = objects["case"]
    now = timezone.now()
    member = services.network_add(case=case, by=key_worker, name=SECRET, kind="family", closeness="close")
    missing = {"kind": "missing", "summary": SECRET, "occurred_at": now - timedelta(days=2)}
    still_missing = services.timeline_add(case=case, by=key_worker, **missing)
    back_home = services.timeline_add(case=case, by=key_worker, **missing, returned_at=now - timedelta(days=1))
    other = CaseFactory.create(given_name=SECRET, team=case.team, key_worker=key_worker)
    case_link = services.case_link(case=case, other=other, reason=SECRET, by=key_worker)
    section = case.assessment.sections.get(kind=SectionKind.ABOUT_ME)
    shared, _token = assessment_services.section_link_create(
        section=section, person=Audience.YOUNG_PERSON, name=SECRET, by=key_worker
    )
    proposal = assessment_services.timescale_propose(
        assessment=case.assessment,
        weeks=6,
        strategy=SECRET,
        target_date=timezone.localdate() + timedelta(weeks=8),
        by=key_worker,
    )
    meeting = plans_meetings.meeting_plan(
        case=case,
        kind="ambitions",
        title="",
        starts_at=now + timedelta(days=3),
        minutes=60,
        place=SECRET,
        attendees=[plans_meetings.AttendeeData(name=SECRET, role=SECRET, network_member=member)],
        by=key_worker,
    )
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=now - timedelta(hours=1))
    services.risk_change(case=case, level="high", why=SECRET, doing=SECRET, by=key_worker)
    services.warning_sign_record(case=case, sign="new_phone", noticed_on=timezone.localdate(), by=key_worker)
    _an_image(case, key_worker)
    objects.update(_a_plan(case, key_worker))
    objects.update(_oversight(case, key_worker))
    objects.update(
        meeting=meeting,
        member=member,
        still_missing=still_missing,
        back_home=back_home,
        case_link=case_link,
        shared_link=shared,
        contribution=shared.section_link.contribution,
        proposal=proposal,
    )
    return objects


def _an_image(case, key_worker) -> None:
    from cases import services
    from cases.models.appearance import Appearance
    from cases.tests.pictures import plain

    services.appearance_save(young_person=case.young_person, choices=Appearance.first_choices(), by=key_worker)
    services.photo_save(young_person=case.young_person, data=plain(), by=key_worker)


def _a_plan(case, key_worker) -> dict:
    """The case's family plan with a goal, an action and a strength."""
    from datetime import timedelta

    from django.utils import timezone

    from plans import services as plan_services

    plan = plan_services.plan_start(case=case, by=key_worker)
    strength = plan_services.strength_add(plan=plan, whose="young_person", text=SECRET, by=key_worker)
    goal = plan_services.goal_add(
        plan=plan, owner="young_person", owner_name="", words=SECRET, why=SECRET, by=key_worker
    )
    action = plan_services.action_add(
        goal=goal, what=SECRET, who_name=SECRET, due_on=timezone.localdate() + timedelta(days=7), by=key_worker
    )
    return {"plan": plan, "strength": strength, "goal": goal, "action": action}


def _oversight(case, key_worker) -> dict:
    """A request to close the case, waiting for the manager; a supervision of the key worker with a direction
    for the case."""
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import User
    from accounts.tests.factories import UserFactory
    from cases import services
    from supervision import services as supervision_services

    asked = services.close_ask(case=case, reason=SECRET, outcome="goals_met", summary=SECRET, by=key_worker)
    manager = UserFactory.create(role=User.Role.MANAGER, team=case.team)
    today = timezone.localdate()
    record = supervision_services.supervision_record(
        worker=key_worker, held_on=today, cases=[case], reflections=SECRET, by=manager
    )
    direction = supervision_services.direction_add(
        supervision=record, case=case, what=SECRET, due_on=today + timedelta(days=7), by=manager
    )
    return {"close_request": asked, "supervision": record, "direction": direction, "supervised": key_worker}


def _pk(objects: dict, key: str) -> str:
    found = objects.get(key)
    return str(found.pk) if found is not None else "1"


def concrete_path(name: str, path: str, objects: dict) -> str:
    """The path of one pattern, with the pk of the matching object (a case, a referral, an import, and
    the case's own objects where `objects` has them)."""
    if name.startswith("referrals:import"):
        pk = objects["import"].pk
    elif name.startswith("referrals:"):
        pk = objects["referral"].pk
    elif name.startswith("concerns:"):
        pk = objects["concern"].pk
    else:
        pk = objects["case"].pk
    assessments = name.startswith("assessments:")
    return "/" + path.format(
        pk=pk,
        case_pk=objects["case"].pk,
        link_pk=_pk(objects, "shared_link" if assessments or "shared-link" in name else "case_link"),
        member_pk=_pk(objects, "member"),
        # A missing episode still going on can be ended; one that has ended has its interview to record.
        entry_pk=_pk(objects, "still_missing" if name == "cases:timeline-returned" else "back_home"),
        contribution_pk=_pk(objects, "contribution"),
        proposal_pk=_pk(objects, "proposal"),
        meeting_pk=_pk(objects, "meeting"),
        kind="about_me" if assessments else "strength" if name.startswith("plans:") else "contact",
        item_pk=_pk(objects, "strength"),
        goal_pk=_pk(objects, "goal"),
        action_pk=_pk(objects, "action"),
        close_pk=_pk(objects, "close_request"),
        direction_pk=_pk(objects, "direction"),
        supervision_pk=_pk(objects, "supervision"),
        worker_pk=_pk(objects, "supervised"),
    )
