"""Who has looked at my record: the staff and agencies who opened the young person's record in the last
three months, in plain words, from the audit (`cases.audit.who_looked`): by role and agency, when they last
looked, and never what they looked at."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from cases.audit import LOOKED_WITHIN, who_looked
from cases.views.shared_links import not_working

from . import Space


def looked(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    if rest or request.method != "GET":
        return not_working(request)
    context = {
        "space": space,
        "title": _("Who has looked at my record"),
        "looked": who_looked(space.case),
        "months": round(LOOKED_WITHIN.days / 30),
        "worker": space.case.key_worker,
    }
    return render(request, "dashboards/space/looked.html", context)
