from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import access, audit


@require_GET
def case_detail(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    audit.viewed(request, case, "case overview")
    return render(request, "cases/case_detail.html", {"case": case})
