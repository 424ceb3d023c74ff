"""Read-side expressions that flag a case from the plan and its meetings, registered in `cases.flags` (the
Cases page and the case header): a fixed number of subqueries, however many cases.

- `ambitions_due_by`: when the Ambitions meeting is due: 8 weeks after the first contact with the young
  person (the earliest contact on the timeline), or None before any contact;
- `ambitions_overdue`: an open case with no Ambitions meeting held, whose first contact was on a day more
  than 8 weeks before today (on the day 8 weeks after, it is due, not yet overdue);
- `actions_overdue`: an action of the family plan not done by its date (a live action of a live goal).
"""

from datetime import datetime, time, timedelta

from django.db.models import (
    BooleanField,
    Case,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from cases.models import Stage, TimelineEntry

from .models import Action, Meeting

AMBITIONS_WITHIN = timedelta(weeks=8)


def first_contact(case_ref: str = "pk") -> Subquery:
    contacts = TimelineEntry.objects.filter(case=OuterRef(case_ref), kind=TimelineEntry.Kind.CONTACT)
    return Subquery(contacts.order_by("occurred_at").values("occurred_at")[:1], output_field=DateTimeField())


def contact_before(moment: datetime, case_ref: str = "pk") -> Exists:
    """The case's first contact was before `moment`: said as "a contact before it", which the database
    answers from the contacts' index (and estimates well), instead of finding every case's first contact."""
    contacts = TimelineEntry.objects.filter(case=OuterRef(case_ref), kind=TimelineEntry.Kind.CONTACT)
    return Exists(contacts.filter(occurred_at__lt=moment))


def ambitions_held(case_ref: str = "pk") -> Exists:
    return Exists(
        Meeting.objects.filter(case=OuterRef(case_ref), kind=Meeting.Kind.AMBITIONS, status=Meeting.Status.HELD)
    )


def overdue_before(today=None) -> datetime:
    """A first contact before this moment (the start of the day 8 weeks ago) makes the meeting overdue."""
    day = (today or timezone.localdate()) - AMBITIONS_WITHIN
    return timezone.make_aware(datetime.combine(day, time.min))


def open_actions_overdue(case_ref: str = "pk") -> Exists:
    return Exists(
        Action.objects.filter(
            goal__plan__case=OuterRef(case_ref),
            done_at__isnull=True,
            removed_at__isnull=True,
            goal__removed_at__isnull=True,
            due_on__lt=timezone.localdate(),
        )
    )


def annotate_case_flags(cases: QuerySet, user) -> QuerySet:
    # The first contact and the Ambitions meeting held are not shown themselves: aliases, written into the
    # flags that read them, once each (an annotation would be selected as well, and so found twice).
    return cases.alias(first_contact_at=first_contact(), ambitions_held=ambitions_held()).annotate(
        actions_overdue=open_actions_overdue(),
        # The day of the first contact, where the service is, then 8 weeks of days: adding 8 weeks to the moment
        # itself would land an hour early across a change of the clocks, on the evening before.
        ambitions_due_by=ExpressionWrapper(
            TruncDate("first_contact_at", tzinfo=timezone.get_current_timezone()) + AMBITIONS_WITHIN,
            output_field=DateTimeField(),
        ),
        # "A contact before 8 weeks ago" (an index of contacts), not the first contact found again; with no
        # contact at all there is none before, and the flag is False.
        ambitions_overdue=Case(
            When(Q(contact_before(overdue_before()), ambitions_held=False) & ~Q(stage=Stage.CLOSED), then=True),
            default=False,
            output_field=BooleanField(),
        ),
    )
