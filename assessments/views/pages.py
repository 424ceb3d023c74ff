from django.http import Http404


def overview(request, *args, **kwargs):
    raise Http404


def section(request, *args, **kwargs):
    raise Http404


def history(request, *args, **kwargs):
    raise Http404


def contribution_add(request, *args, **kwargs):
    raise Http404
