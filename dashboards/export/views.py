"""The outcome export's page: what the file holds and never holds, the form, and the file. Only a team's
managers open it, for their own team's cases; anyone else gets 404, as for the other managers' pages."""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from cases import access
from cases.models import Stage

from .. import services
from . import build, csv_lines
from .form import ExportForm
from .rows import COLUMNS


@never_cache
@require_http_methods(["GET", "POST"])
def outcome_export(request):
    team_id = access.managed_team_id(request.user)
    if team_id is None:
        raise Http404("No such page.")
    form = ExportForm(request.POST if request.method == "POST" else None, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        export = build(team_id=team_id, periods=form.periods())
        services.outcome_export_recorded(
            by=request.user,
            team=request.user.team,
            periods=export.periods,
            per=form.cleaned_data["per"],
            rows=len(export.rows),
        )
        response = StreamingHttpResponse(csv_lines(export.rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{export.file_name}"'
        return response
    context = {"form": form, "columns": COLUMNS, "stages": Stage.choices, "team": request.user.team}
    return render(request, "dashboards/export.html", context)
