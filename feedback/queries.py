"""What feedback adds to the case lists and the case header (through `cases.flags`): a low check-in that no
one has yet said what they did about."""

from django.db.models import Exists, OuterRef, QuerySet

from .models import CheckInAlert


def annotate_case_flags(cases: QuerySet, user) -> QuerySet:
    """`check_in_low`: the case has a low check-in waiting for a worker (one subquery, however many cases)."""
    waiting = CheckInAlert.objects.filter(case=OuterRef("pk"), handled_at__isnull=True)
    return cases.annotate(check_in_low=Exists(waiting))
