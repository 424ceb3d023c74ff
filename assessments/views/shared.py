from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def shared_link(request, token: str):
    """The only door for people without an account: /s/<token>/.

    No kind of shared link exists yet, so every token is answered with the same kind page that an
    expired, revoked or mistyped link will get: it says nothing about whether the link ever existed.
    """
    return render(request, "assessments/link_not_working.html", status=404)
