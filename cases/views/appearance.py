"""The young person's photo for staff who may see their case: sent by the app itself (it is kept where no
web server serves it), never cached, and each look recorded."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from .. import access, audit, photos


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
