from django.http import Http404


def timeline(request, *args, **kwargs):
    raise Http404


def entry_add(request, *args, **kwargs):
    raise Http404


def entry_detail(request, *args, **kwargs):
    raise Http404


def missing_returned(request, *args, **kwargs):
    raise Http404


def interview_done(request, *args, **kwargs):
    raise Http404
