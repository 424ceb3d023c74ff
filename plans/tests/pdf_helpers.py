"""A plan like Destiny's, made through the services, and the text of a PDF as a reader would find it."""

import io
import re
from datetime import date, timedelta

from django.utils import timezone
from pypdf import PdfReader

from accounts.models import User
from accounts.tests.factories import UserFactory
from assessments.tests.test_shared_link import JARGON
from cases import services as case_services
from cases.models import Case
from plans.models import FamilyPlan
from plans.services import plan as plans

# The words the young person and family never see: the assessments' list, and what a plan could add.
MORE_JARGON = re.compile(r"\b(referral|case|MACE|RHI|CAMHS|strategy discussion|looked[- ]after)\b", re.IGNORECASE)

WORRIES = "We worry when Destiny stays out late with an older group."
BEFORE_AGREED = "Worries changed"
AFTER_AGREED = "Book the family room at the youth club"


def jargon_in(text: str) -> list[str]:
    return [m.group() for pattern in (JARGON, MORE_JARGON) for m in pattern.finditer(text)]


def pdf_text(data: bytes) -> str:
    """The PDF's text with each run of white space as one space (a table cell wraps its words over lines)."""
    assert data.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def coordinator_of(case: Case) -> User:
    helen = UserFactory.create(username="helen", first_name="Helen", last_name="Moss", role=User.Role.PLAN_COORDINATOR)
    case_services.case_set_plan_coordinator(case=case, coordinator=helen, by=None)
    return helen


def destiny_plan(case: Case, worker: User, *, today: date) -> FamilyPlan:
    """Strengths, worries, her priorities and Mum's, three goals rated over two months (one by a worker, with
    a note), actions (one done, one past its date), My Safety Plan with her people's numbers; a version
    agreed after the worries were written, and one change since."""
    now = timezone.now()
    plan = plans.plan_start(case=case, by=worker)
    plans.strength_add(plan=plan, whose="young_person", text="Funny, kind and loyal to her friends", by=worker)
    plans.strength_add(plan=plan, whose="family", text="Mum comes to every contact", by=worker)
    plans.worries_save(plan=plan, worries=WORRIES, by=worker)
    for words in ("Stay at the children's home", "Go back to college", "See my mum more"):
        plans.priority_add(plan=plan, whose="young_person", words=words, by=None, label="Destiny")
    plans.priority_add(plan=plan, whose="family", words="Destiny to be safe and happy", by=None, label="Mum")
    college = plans.goal_add(
        plan=plan, owner="young_person", owner_name="", words="Go back to college", why="I want to do hair", by=worker
    )
    mum = plans.goal_add(
        plan=plan, owner="both", owner_name="Destiny and Mum", words="See each other every two weeks", why="", by=worker
    )
    for days, score, rated_by in ((50, 2, "young_person"), (30, 4, "worker"), (3, 6, "young_person")):
        is_worker = rated_by == "worker"
        plans.goal_rate(
            goal=college,
            score=score,
            rated_by=rated_by,
            name="Jo Bennett" if is_worker else "Destiny",
            by=worker if is_worker else None,
            note="Worker's own note on the rating" if is_worker else "Went to the open day",
            at=now - timedelta(days=days),
        )
    plans.goal_rate(goal=mum, score=3, rated_by="family", name="Mum", by=None)
    done = plans.action_add(
        goal=college, what="Visit the open day", who_name="Jo", due_on=today - timedelta(days=5), by=worker
    )
    plans.action_done(action=done, by=worker)
    plans.action_add(
        goal=college,
        what="Fill in the application form",
        who_name="Destiny",
        due_on=today - timedelta(days=2),
        by=worker,
    )
    plans.safety_add(
        plan=plan, part="signs", text="I stop answering my phone", by=None, name="Destiny", from_young_person=True
    )
    plans.safety_add(
        plan=plan, part="people", text="Mum", phone="07700 900123", by=None, name="Destiny", from_young_person=True
    )
    plans.safety_add(plan=plan, part="places", text="The youth club", by=None, name="Destiny", from_young_person=True)
    plans.safety_add(
        plan=plan, part="adults", text="Staff will text me if I am late", by=worker, name="Jo", from_young_person=False
    )
    plans.version_agree(plan=plan, meeting=None, by=worker)
    plans.action_add(goal=mum, what=AFTER_AGREED, who_name="Jo", due_on=today + timedelta(days=10), by=worker)
    return FamilyPlan.objects.select_related("case__young_person", "case__key_worker", "case__plan_coordinator").get(
        pk=plan.pk
    )
