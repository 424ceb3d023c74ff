"""The space's check-in page: the young person answers the oldest check-in waiting for them, or checks in
when they like (an answer tied to no request)."""

from django.http import HttpRequest, HttpResponse

from cases.views.shared_links import not_working
from feedback.links import CHECK_IN_LINK
from feedback.models import Kind
from feedback.space import oldest_open
from feedback.views.shared import Answering, check_in

from . import Space


def check_in_page(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    if rest:
        return not_working(request)
    asked = oldest_open(space.case, space.person, space.name, Kind.CHECK_IN)
    answering = Answering(
        link=space.as_link(CHECK_IN_LINK, asked.pk if asked else None),
        address=space.address,
        person=space.person,
        name=space.name,
        asked=asked,
        layout="dashboards/space/base.html",
        home=space.home,
        extra={"space": space},
    )
    return check_in(request, answering)
