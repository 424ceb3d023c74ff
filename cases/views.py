from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import access


@require_GET
def case_list(request):
    cases = access.visible_cases(request.user).select_related("team", "key_worker")
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    return render(request, "cases/case_list.html", {"page": page})


@require_GET
def case_detail(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    return render(request, "cases/case_detail.html", {"case": case})
