from django.http import Http404


def network(request, *args, **kwargs):
    raise Http404


def member_add(request, *args, **kwargs):
    raise Http404


def member_edit(request, *args, **kwargs):
    raise Http404


def member_remove(request, *args, **kwargs):
    raise Http404
