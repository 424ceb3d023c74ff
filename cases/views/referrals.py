from django.http import Http404


def referral_list(request, *args, **kwargs):
    raise Http404


def referral_new(request, *args, **kwargs):
    raise Http404


def referral_detail(request, *args, **kwargs):
    raise Http404


def resolve_duplicate(request, *args, **kwargs):
    raise Http404


def accept(request, *args, **kwargs):
    raise Http404


def decline(request, *args, **kwargs):
    raise Http404


def signpost(request, *args, **kwargs):
    raise Http404
