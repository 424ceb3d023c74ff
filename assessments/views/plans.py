from django.http import Http404


def first_picture(request, *args, **kwargs):
    raise Http404


def timescales(request, *args, **kwargs):
    raise Http404


def timescale_decide(request, *args, **kwargs):
    raise Http404


def reviews(request, *args, **kwargs):
    raise Http404
