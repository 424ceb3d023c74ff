"""The supervision pages: the manager's list of the team's workers, a worker's records and a new record; a
record (with its directions, and the form to add one for the manager); a worker's own records; and, on a
case, the directions given for it in supervision (in the case's frame, audited)."""

from django.contrib import messages
from django.db.models import Count, Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import access, audit
from cases.case_page import posted, render_case

from . import services
from .access import get_supervision_for_view, get_worker_for_supervision, may_record_for, supervisable_workers
from .forms import DirectionForm, SupervisionForm
from .models import Direction, Supervision


@require_GET
def team(request):
    """The manager's list: each worker of the team, their last supervision and how many. Anyone who manages
    no team is taken to their own records."""
    team_id = access.managed_team_id(request.user)
    if team_id is None:
        return redirect("supervision:mine")
    of_team = Q(supervisions__team_id=team_id)
    workers = (
        supervisable_workers(request.user)
        .annotate(last=Max("supervisions__held_on", filter=of_team), count=Count("supervisions", filter=of_team))
        .order_by("first_name", "last_name", "pk")
    )
    return render(request, "supervision/team.html", {"workers": workers, "team": request.user.team})


@require_GET
def worker(request, worker_pk: int):
    person = get_worker_for_supervision(request.user, worker_pk)
    records = _listed(Supervision.objects.filter(team_id=request.user.team_id, worker=person))
    return render(request, "supervision/worker.html", {"person": person, "records": records})


def _listed(records):
    return (
        records.select_related("manager").annotate(discussed=Count("cases", distinct=True)).order_by("-held_on", "-pk")
    )


@require_GET
def mine(request):
    """A worker's own supervision records, read only."""
    if request.user.is_partner:
        raise Http404("No such page.")
    records = _listed(Supervision.objects.filter(worker=request.user))
    return render(request, "supervision/mine.html", {"records": records})


@require_http_methods(["GET", "POST"])
def new(request, worker_pk: int):
    person = get_worker_for_supervision(request.user, worker_pk)
    back = reverse("supervision:worker", args=[person.pk])
    cases = access.supervised_cases(request.user, person).select_related("young_person").order_by("pk")
    form = SupervisionForm(posted(request), cases=cases, cancel_url=back)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            record = services.supervision_record(
                worker=person,
                held_on=data["held_on"],
                cases=list(data["cases"]),
                reflections=data["reflections"],
                by=request.user,
            )
        except services.SupervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Supervision saved. Add the directions for the cases you discussed."))
            return redirect("supervision:record", supervision_pk=record.pk)
    return render(request, "supervision/new.html", {"person": person, "form": form})


def _record_page(request, record: Supervision, form: DirectionForm | None, *, status: int = 200):
    cases = list(record.cases.select_related("young_person").order_by("pk"))
    if request.method == "GET":
        for case in cases:  # the record names the young people discussed: each is a look at their case
            audit.viewed(request, case, "supervision record")
    directions = record.directions.select_related("case__young_person", "done_by")
    context = {"record": record, "cases": cases, "directions": directions, "form": form}
    return render(request, "supervision/record.html", context, status=status)


def _direction_form(request, record: Supervision) -> DirectionForm | None:
    if not may_record_for(request.user, record):
        return None
    open_cases = record.cases.exclude(stage="closed").select_related("young_person").order_by("pk")
    form = DirectionForm(posted(request), cases=open_cases, since=record.held_on)
    form.helper.form_action = reverse("supervision:direction-add", args=[record.pk])
    return form


@require_GET
def record(request, supervision_pk: int):
    found = get_supervision_for_view(request.user, supervision_pk)
    return _record_page(request, found, _direction_form(request, found))


@require_POST
def direction_add(request, supervision_pk: int):
    found = get_supervision_for_view(request.user, supervision_pk)
    form = _direction_form(request, found)
    if form is None:
        raise Http404("No such page.")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.direction_add(
                supervision=found, case=data["case"], what=data["what"], due_on=data["due_on"], by=request.user
            )
        except services.SupervisionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Direction added. It shows on the case."))
            return redirect("supervision:record", supervision_pk=found.pk)
    return _record_page(request, found, form, status=400)


@require_GET
def case_directions(request, pk: int):
    """The directions given for this case in supervision, newest due last (never the reflections)."""
    case = access.get_case_for_change(request.user, pk)
    directions = Direction.objects.filter(case=case).select_related("supervision__manager", "done_by")
    context = {"directions": directions, "may_complete": access.may_complete_direction(request.user, case)}
    return render_case(request, "supervision/case_directions.html", case, "overview", context, viewed="case directions")


@require_POST
def direction_done(request, pk: int, direction_pk: int):
    case = access.get_case_for_change(request.user, pk, open_only=True)
    if not access.may_complete_direction(request.user, case):
        raise Http404("No such page.")
    direction = get_object_or_404(Direction, case=case, pk=direction_pk)
    direction.case = case
    services.direction_done(direction=direction, by=request.user)
    messages.success(request, _("The direction is marked done."))
    return redirect("supervision:case-directions", pk=case.pk)
