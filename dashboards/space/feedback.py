"""The space's feedback page: the young person or a parent or carer answers the oldest feedback request
waiting for them, or says what they think when they like (an answer tied to no request)."""

from django.http import HttpRequest, HttpResponse

from cases.views.shared_links import not_working
from feedback.links import FEEDBACK_LINK
from feedback.models import Kind
from feedback.space import oldest_open
from feedback.views.shared import Answering, feedback

from . import Space


def feedback_page(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    if rest:
        return not_working(request)
    asked = oldest_open(space.case, space.person, space.link.person_name, Kind.FEEDBACK)
    answering = Answering(
        link=space.as_link(FEEDBACK_LINK, asked.pk if asked else None),
        address=space.address,
        person=space.person,
        name=space.link.person_name,
        asked=asked,
        layout="dashboards/space/base.html",
        home=space.home,
        extra={"space": space},
    )
    return feedback(request, answering)
