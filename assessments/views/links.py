from django.http import Http404


def link_list(request, *args, **kwargs):
    raise Http404


def link_new(request, *args, **kwargs):
    raise Http404


def link_revoke(request, *args, **kwargs):
    raise Http404
