"""What supervision adds to the case lists and the case header (through `cases.flags`): a direction from
supervision that is past its date and not done, to the people who read the case's directions."""

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from cases import access

from .models import Direction


def annotate_case_flags(cases: QuerySet, user) -> QuerySet:
    """`direction_overdue` (one subquery, however many cases; never for a partner)."""
    overdue = Direction.objects.filter(
        case=OuterRef("pk"),
        done_at__isnull=True,
        due_on__lt=timezone.localdate(),
        case__in=access.direction_readable_cases(user),
    )
    return cases.annotate(direction_overdue=Exists(overdue))
