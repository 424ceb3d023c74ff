"""The family plan as a PDF: a version in plain words for the young person and family, and a staff version.

The family version holds only what is on the plan, in the words it was written in: no timeline entry (so no
restricted one), no contact details of staff or anyone else (the phone numbers in My Safety Plan are the young
person's own list), no rating notes from workers, no change history. The staff version adds the plan's
version, what changed since the last agreed version, every rating with who gave it and when, the actions
past their date, and who holds the plan.

WeasyPrint fetches nothing: the stylesheet is read here and given to it as text, and its URL fetcher refuses
every address, so a PDF never reaches the network or the file system whatever the plan holds.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from .charts import rating_line_svg
from .models import Action, AgreedVersion, FamilyPlan, Goal, GoalRating, RatedBy, SafetyItem, SafetyPart, Whose
from .plan_page import goals_of, grouped
from .services.plan import changes_since_agreed

Audience = Literal["family", "staff"]
AUDIENCES: tuple[Audience, ...] = ("family", "staff")

TEMPLATE = "plans/pdf/plan.html"
STYLESHEET = "css/plan_pdf.css"
CHART_WIDTH, CHART_HEIGHT = 320, 130


@dataclass
class GoalView:
    goal: Goal
    owner: str
    ratings: list[GoalRating]
    actions: list[Action]
    overdue: set[int] = field(default_factory=set)  # the pks of its actions past their date, not done

    @property
    def latest(self) -> GoalRating | None:
        return self.ratings[-1] if self.ratings else None

    @property
    def chart(self) -> str:
        return rating_line_svg(self.ratings, CHART_WIDTH, CHART_HEIGHT)


def whose_words(whose: str, name: str) -> str:
    """Whose something is, as the young person and family would say it."""
    words: dict[str, str] = {
        Whose.YOUNG_PERSON: name,
        Whose.FAMILY: _("Family"),
        Whose.BOTH: _("%(name)s and family") % {"name": name},
        Whose.NETWORK: _("The people around %(name)s") % {"name": name},
    }
    return words.get(whose, name)


def _goals(plan: FamilyPlan, name: str, today: date, audience: Audience) -> list[GoalView]:
    goals = goals_of(plan)
    views = []
    for goal in goals:
        ratings = list(goal.ratings.all())
        if audience == "family":
            # A worker's note on a rating is the worker's; the family's own notes are theirs to read.
            for rating in ratings:
                if rating.rated_by == RatedBy.WORKER:
                    rating.note = ""
        actions = list(goal.actions.all())
        views.append(
            GoalView(
                goal=goal,
                owner=goal.owner_name or whose_words(goal.owner, name),
                ratings=ratings,
                actions=actions,
                overdue={a.pk for a in actions if a.overdue_on(today)},
            )
        )
    return views


def _grouped(items, key: str, order) -> list[tuple[str, list]]:
    """The non-empty groups, as (heading, items)."""
    return [(label, group) for _value, label, group in grouped(items, key, order, keep_empty=False)]


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def plan_context(*, plan: FamilyPlan, audience: Audience, today: date) -> dict:
    case = plan.case
    young_person = case.young_person
    name = young_person.called
    agreed = AgreedVersion.objects.filter(plan=plan).order_by("-version", "-pk").select_related("meeting").first()
    whose_order = [(value, whose_words(value, name)) for value in Whose.values]
    context = {
        "staff": audience == "staff",
        "name": name,
        "title": _("%(name)s’s plan") % {"name": name},
        "made_on": timezone.localtime(plan.created_at).date(),
        "today": today,
        "agreed": agreed,
        "key_worker": _name(case.key_worker),
        "coordinator": _name(case.plan_coordinator),
        "strengths": _grouped(plan.strengths.live(), "whose", whose_order),
        "key_person_words": list(plan.key_person_words.live().order_by("created_at", "pk")),
        "worries": plan.worries,
        "priorities": _grouped(plan.priorities.live().order_by("rank", "pk"), "whose", whose_order),
        "goals": _goals(plan, name, today, audience),
        "safety": _grouped(SafetyItem.objects.live().filter(plan=plan), "part", SafetyPart.choices),
    }
    if audience == "staff":
        context["version"] = plan.version
        context["changes"] = list(changes_since_agreed(plan))
    return context


def plan_html(*, plan: FamilyPlan, audience: Audience, today: date) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"no such version of the plan: {audience!r}")
    return render_to_string(TEMPLATE, plan_context(plan=plan, audience=audience, today=today))


def _stylesheet() -> str:
    found = finders.find(STYLESHEET)
    assert isinstance(found, str), f"{STYLESHEET} is missing from the static files"
    return Path(found).read_text()


def plan_pdf_bytes(*, plan: FamilyPlan, audience: Audience, today: date) -> bytes:
    # Imported here: WeasyPrint loads Pango and HarfBuzz, which only this needs.
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    refuse_all = URLFetcher(allowed_protocols=())
    html = HTML(string=plan_html(plan=plan, audience=audience, today=today), base_url=None, url_fetcher=refuse_all)
    pdf = html.write_pdf(stylesheets=[CSS(string=_stylesheet(), url_fetcher=refuse_all)])
    assert pdf is not None
    return pdf
