"""What a young person's (or a parent's or carer's) space asks of check-ins and feedback: what is waiting for
them. Found from the case and the person, never from an id in an address."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from cases.models import Case, Person

from .models import Kind, Request


def open_requests(case: Case, person: str, name: str, kind: str | None = None) -> QuerySet[Request]:
    """This person's requests on this case not yet answered that have been sent or are due, oldest first. A
    parent's or carer's are those asked of them by name: a second parent has their own."""
    found = Request.objects.filter(case=case, rhythm__person=person, answered_at__isnull=True).filter(
        Q(sent_at__isnull=False) | Q(due_at__lte=timezone.now())
    )
    if person != Person.YOUNG_PERSON:
        found = found.filter(rhythm__person_name__iexact=name.strip())
    if kind is not None:
        found = found.filter(kind=kind)
    return found.select_related("rhythm").order_by("due_at", "pk")


def oldest_open(case: Case, person: str, name: str, kind: str) -> Request | None:
    """The request a space answers: the oldest still open, or None (then the answer is tied to no request)."""
    return open_requests(case, person, name, kind).first()


def waiting_for(case: Case, person: str, name: str) -> list[Request]:
    """The open requests for this person, for the space's home ("A check-in is waiting for you"). A young
    person's check-ins and feedback; a parent's or carer's feedback only (check-ins are the young person's)."""
    found = open_requests(case, person, name)
    if person != Person.YOUNG_PERSON:
        found = found.filter(kind=Kind.FEEDBACK)
    return list(found)
