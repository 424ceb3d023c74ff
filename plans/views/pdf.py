"""The family plan as a PDF to download: the family version for anyone who may see the case, the staff version
for those who may change it."""

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cases import access, audit

from ..models import FamilyPlan
from ..pdf import Audience, plan_pdf_bytes


@require_http_methods(["GET"])
def plan_pdf(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    audience: Audience = "staff" if request.GET.get("for") == "staff" else "family"
    # The staff version (the change history, every rating note, who holds the plan) is for the people who
    # hold the plan. Anyone else asking for it gets 404, as for anything they may not see, rather than the
    # family version in its place: a document other than the one asked for could be taken for it.
    if audience == "staff" and not access.access_to(request.user, case).may_change:
        raise Http404("No such plan.")
    plan = FamilyPlan.objects.filter(case=case).first()
    if plan is None:
        raise Http404("No plan yet.")
    plan.case = case  # the case the access policy fetched, with its key worker and coordinator
    pdf = plan_pdf_bytes(plan=plan, audience=audience, today=timezone.localdate())
    audit.viewed(request, case, f"family plan PDF ({audience})")
    response = HttpResponse(pdf, content_type="application/pdf")
    # No name in the file name: a download's name shows in lists of files, on shared computers too.
    response["Content-Disposition"] = 'attachment; filename="plan.pdf"'
    response["Cache-Control"] = "no-store"
    return response
