from django.http import Http404


def import_upload(request, *args, **kwargs):
    raise Http404


def import_detail(request, *args, **kwargs):
    raise Http404


def import_progress(request, *args, **kwargs):
    raise Http404


def import_confirm(request, *args, **kwargs):
    raise Http404


def import_cancel(request, *args, **kwargs):
    raise Http404
