"""The family plan at the assessment's review points: each goal with the ratings given since the last review
(registered in `cases.panels` for the review page, which belongs to `assessments`)."""

from datetime import datetime

from django.db.models import Prefetch
from django.template.loader import render_to_string

from .models import Goal, GoalRating


def review_ratings(request, case, since: datetime | None) -> str:
    ratings = GoalRating.objects.order_by("rated_at", "pk")
    if since is not None:
        ratings = ratings.filter(rated_at__gt=since)
    goals = list(
        Goal.objects.live()
        .filter(plan__case=case)
        .prefetch_related(Prefetch("ratings", queryset=ratings, to_attr="recent"))
    )
    if not goals:
        return ""
    context = {"case": case, "goals": goals, "since": since}
    return render_to_string("plans/includes/review_ratings.html", context, request=request)
