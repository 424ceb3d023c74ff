"""The family plan's pages."""

from django.views.decorators.http import require_http_methods

from cases import access
from cases.case_page import render_case

from ..models import FamilyPlan


@require_http_methods(["GET"])
def plan_page(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    plan = FamilyPlan.objects.filter(case=case).first()
    return render_case(request, "plans/plan.html", case, "plan", {"plan": plan}, viewed="family plan")
