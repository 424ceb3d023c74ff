"""The floor: the cheapest page a signed-in person can be given on this machine, to measure the others against.

It goes through every middleware a staff page does (session, sign-in, the audit's and security headers) and
makes one indexed query of its own, so that the ratio of a page to the floor is the cost of the page itself.
"""

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from accounts.models import User


@require_GET
@login_required
def floor(request: HttpRequest) -> HttpResponse:
    name = User.objects.filter(pk=cast(int, request.user.pk)).values_list("username", flat=True).first()
    return HttpResponse(f"floor {name}", content_type="text/plain; charset=utf-8")
