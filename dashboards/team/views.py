"""The manager's dashboard: the team's caseload against its capacity and by worker, referrals and the decision
target, timescales (assessments, reviews, return home interviews, Ambitions meetings) and outcomes over time;
and the cases behind each figure. Only a team's managers open them (anyone else: 404, as for the team's
feedback), and they count only that team's cases (`figures.team_cases`)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cases import access, audit
from cases.views.lists import PAGE_SIZE

from ..charts import Chart, Series
from . import figures, outcomes
from .forms import FigureFilterForm, TeamFilterForm, team_workers


def _team_id(request) -> int:
    team_id = access.managed_team_id(request.user)
    if team_id is None:
        raise Http404("No such page.")
    return team_id


def _scope(request, team_id: int, form: TeamFilterForm) -> figures.Scope:
    return figures.Scope(
        user=request.user,
        team_id=team_id,
        worker=form.cleaned_data["worker"],
        days=form.days,
        today=timezone.localdate(),
    )


def figure_link(scope: figures.Scope, period: str, key: str, worker_id: int | None = None) -> str:
    """The address of the cases behind a figure, with the dashboard's filter."""
    worker_id = worker_id if worker_id is not None else (scope.worker.pk if scope.worker else None)
    query = {"figure": key, "period": period, **({"worker": worker_id} if worker_id else {})}
    return f"{reverse('dashboards:team-cases')}?{urlencode(query)}"


@require_GET
def team_dashboard(request):
    team_id = _team_id(request)
    # Found once: the filter's choices and the caseload's rows.
    workers = team_workers(team_id)
    form = TeamFilterForm(request.GET, workers=workers)
    context = {"form": form, "team": request.user.team}
    if form.is_valid():
        scope = _scope(request, team_id, form)
        context.update(_figures(scope, form.cleaned_data["period"], list(workers)))
    return render(request, "dashboards/team/dashboard.html", context)


def _figures(scope: figures.Scope, period: str, workers) -> dict:
    counts = figures.counts(scope)
    links = {key: figure_link(scope, period, key) for key in figures.FIGURES}
    return {
        "scope": scope,
        "counts": counts,
        "links": links,
        "capacity": _capacity(scope),
        "caseload": _caseload(scope, period, workers),
        "referrals_waiting": outcomes.referrals_waiting(scope),
        "decisions": outcomes.decision_share(scope),
        "interviews": outcomes.interview_share(scope),
        "ambitions": outcomes.Share(done=counts["ambitions_in_time"], of=counts["ambitions_due"]),
        "outcome_charts": _outcome_charts(scope),
    }


def _capacity(scope: figures.Scope) -> int:
    # The manager's own team (the request's user, already loaded for the page's heading).
    return scope.user.team.case_capacity if scope.user.team else 0


def _caseload(scope: figures.Scope, period: str, workers) -> dict:
    """Open cases by key worker: every worker of the team (or the one chosen), with those not allocated."""
    by_worker = figures.caseload_by_worker(scope)
    shown = [scope.worker] if scope.worker is not None else workers
    rows = [
        (str(worker), by_worker.get(worker.pk, 0), figure_link(scope, period, "open", worker.pk)) for worker in shown
    ]
    if scope.worker is None and by_worker.get(None):
        rows.append((_("Not allocated"), by_worker[None], figure_link(scope, period, "unallocated")))
    chart = Chart(
        title=_("Open cases by key worker"),
        labels=[name for name, _count, _link in rows],
        series=[Series(_("Open cases"), [count for _name, count, _link in rows])],
        kind="bars",
    )
    return {"rows": rows, "chart": chart}


def _outcome_charts(scope: figures.Scope) -> dict:
    months = outcomes.months(scope)
    labels = [date_format(month, "M Y") for month in months]
    # Under the line: the month, with its year where the year starts and on the first.
    short = [date_format(month, "M Y" if index == 0 or month.month == 1 else "M") for index, month in enumerate(months)]
    moves = outcomes.moves(scope)

    def monthly(title: str, *series: Series, **scale) -> Chart:
        return Chart(title=title, labels=labels, short_labels=short, series=list(series), **scale)

    return {
        "ratings": monthly(
            _("Average goal rating each month, from 0 (not started) to 10 (done)"),
            Series(_("Average rating"), outcomes.goal_ratings(scope)),
            high=10,
        ),
        "wellbeing": monthly(
            _("Average of the young people’s check-ins each month, from 1 (really bad) to 5 (really good)"),
            Series(_("Average check-in"), outcomes.wellbeing(scope)),
            low=1,
            high=5,
        ),
        "feedback": monthly(
            _("Average feedback score each month, from 1 (really bad) to 5 (really good)"),
            Series(_("Average feedback"), outcomes.feedback(scope)),
            low=1,
            high=5,
        ),
        "moves": monthly(
            _("Moves of where the young people live, each month"),
            Series(_("Planned"), moves.planned),
            Series(_("Placement broke down"), moves.breakdown),
        ),
    }


@require_GET
def team_cases(request):
    """The cases behind a figure, paginated like the Cases page, in the dashboard's filter."""
    team_id = _team_id(request)
    form = FigureFilterForm(request.GET, workers=team_workers(team_id))
    context: dict = {"form": form}
    if form.is_valid():
        scope = _scope(request, team_id, form)
        key = form.cleaned_data["figure"]
        cases = (
            figures.cases_behind(scope, key)
            .select_related("young_person", "key_worker")
            .order_by("young_person__given_name", "young_person__family_name", "pk")
        )
        page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        figure = figures.FIGURES[key]
        # The list shows the young people's names: who looked, at which list, is recorded.
        audit.viewed(request, None, f"team dashboard: cases behind '{key}', {_described(form)}, page {page.number}")
        context.update(
            figure=figure,
            page=page,
            query=query.urlencode(),
            back=f"{reverse('dashboards:team')}?{urlencode(_dashboard_query(form))}",
        )
    return render(request, "dashboards/team/cases.html", context)


def _described(form: FigureFilterForm) -> str:
    worker = form.cleaned_data["worker"]
    return f"{form.cleaned_data['period']}, key worker {worker.pk if worker else 'any'}"


def _dashboard_query(form: FigureFilterForm) -> dict:
    worker = form.cleaned_data["worker"]
    return {"period": form.cleaned_data["period"], **({"worker": worker.pk} if worker else {})}
