"""`make bench`: the Cases page at a full team's scale and beyond. Not part of `make test`."""

import time

import pytest
from django.urls import reverse

from act.testing import count_queries
from cases.tests.factories import CaseFactory


@pytest.mark.bench
def test_cases_page_with_a_thousand_cases(client_for, manager, team, key_worker):
    for _ in range(1000):
        CaseFactory(team=team, key_worker=key_worker)
    client = client_for(manager)
    queries = count_queries(client, reverse("cases:list"))
    started = time.perf_counter()
    for _ in range(20):
        client.get(reverse("cases:list"))
    per_page = (time.perf_counter() - started) / 20
    print(f"\nCases page, 1000 cases: {queries} queries, {per_page * 1000:.1f} ms a page")
    assert per_page < 0.5
