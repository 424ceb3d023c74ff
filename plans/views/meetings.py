"""The case's meetings: planned, held and cancelled."""

from django.views.decorators.http import require_http_methods

from cases import access
from cases.case_page import render_case

from ..models import Meeting


@require_http_methods(["GET"])
def meeting_list(request, pk: int, meeting_pk: int | None = None):
    case = access.get_case_for_view(request.user, pk)
    meetings = Meeting.objects.filter(case=case).select_related("organiser")
    return render_case(request, "plans/meetings.html", case, "meetings", {"meetings": meetings}, viewed="meetings")
