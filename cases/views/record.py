from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import access, audit


@require_GET
def case_detail(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    audit.viewed(request, case, "case overview")
    return render(request, "cases/case_detail.html", {"case": case})


def young_person_edit(request, *args, **kwargs):
    raise Http404


def people_edit(request, *args, **kwargs):
    raise Http404


def allocate(request, *args, **kwargs):
    raise Http404


def stage_change(request, *args, **kwargs):
    raise Http404


def close(request, *args, **kwargs):
    raise Http404


def reopen(request, *args, **kwargs):
    raise Http404


def link_add(request, *args, **kwargs):
    raise Http404


def link_remove(request, *args, **kwargs):
    raise Http404


def audit_trail(request, *args, **kwargs):
    raise Http404
