"""Flags that other parts of the service add to the cases of a list or a case page (for example "past
the date agreed for the assessment").

`cases` sits below the apps that know about those things, so it never imports them: each of them
registers here, when it starts (its `AppConfig.ready`), a function that annotates a queryset of cases.
Each function must add a fixed number of subqueries, however many cases there are.
"""

from collections.abc import Callable

from django.db.models import QuerySet

CaseAnnotator = Callable[[QuerySet, object], QuerySet]
_annotators: list[CaseAnnotator] = []


def register(annotate: CaseAnnotator) -> CaseAnnotator:
    """Add `annotate(cases, user) -> cases` to every case list and case page (once, however often called)."""
    if annotate not in _annotators:
        _annotators.append(annotate)
    return annotate


def annotate(cases: QuerySet, user) -> QuerySet:
    for annotator in _annotators:
        cases = annotator(cases, user)
    return cases
