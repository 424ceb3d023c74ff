"""The young person's photo for staff who may see their case: sent by the app itself (it is kept where no
web server serves it), never cached, and each look recorded; and deleted by staff who may change the case."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from .. import access, audit, photos, services
from ..case_page import render_case


def photo_response(name: str) -> HttpResponse:
    """A kept photo as a response no browser or proxy keeps: the same for staff and for the young person's
    own link."""
    try:
        data = photos.read(name)
    except FileNotFoundError as missing:
        raise Http404("No photo.") from missing
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = 'inline; filename="photo.jpg"'
    return response


@require_GET
def photo(request, pk: int):
    case = access.get_case_for_view(request.user, pk)
    look = case.young_person.look
    if look is None or not look.photo:
        raise Http404("No photo.")
    audit.viewed(request, case, "their photo")
    return photo_response(look.photo.name)


@require_http_methods(["GET", "POST"])
def photo_remove(request, pk: int):
    """A confirmation page; the POST from it deletes their photo (say, one that shows where they live). The
    young person sees it has gone and can add another."""
    case = access.get_case_for_change(request.user, pk, open_only=True)
    look = case.young_person.look
    if look is None or not look.photo:
        raise Http404("No photo.")
    back = reverse("cases:detail", args=[case.pk])
    if request.method == "POST":
        services.photo_remove(young_person=case.young_person, by=request.user)
        messages.success(request, _("Their photo is deleted."))
        return redirect(back)
    context = {"back": back}
    return render_case(request, "cases/photo_remove.html", case, "overview", context, viewed="their photo (to delete)")
