"""The space's home page: what is waiting for them, their plan and goals, their next meeting."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from . import Space


def home(request: HttpRequest, space: Space, rest: str) -> HttpResponse:
    if rest:
        from cases.views.shared_links import not_working

        return not_working(request)
    return render(request, "dashboards/space/home.html", {"space": space})
