"""How often a young person has gone missing lately, as annotations of a queryset of cases: the number of
missing episodes in the last 30 and 90 days, and the strategy discussion three or more in 90 days call for.

Counted in the database (one subquery each, however many cases), of the episodes this person may see: a
restricted episode must not show, even as a number, to someone who may not see it."""

from datetime import timedelta

from django.db.models import BooleanField, Count, ExpressionWrapper, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import access
from .models import TimelineEntry

STRATEGY_AFTER = 3  # episodes in 90 days (the services say it too, for the notification)


def _episodes_since(episodes: QuerySet, days: int) -> Coalesce:
    since = timezone.now() - timedelta(days=days)
    counted = episodes.filter(occurred_at__gte=since).order_by().values("case").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_missing_counts(cases: QuerySet, user) -> QuerySet:
    """Adds `missing_30`, `missing_90` and `missing_strategy` (three or more in 90 days) to each case."""
    # The case's episodes this person may see, said once for both counts.
    episodes = TimelineEntry.objects.filter(
        access.visible_entries_q(user), case=OuterRef("pk"), kind=TimelineEntry.Kind.MISSING
    )
    counted = cases.annotate(missing_30=_episodes_since(episodes, 30), missing_90=_episodes_since(episodes, 90))
    return counted.annotate(
        missing_strategy=ExpressionWrapper(Q(missing_90__gte=STRATEGY_AFTER), output_field=BooleanField())
    )
