"""Helpers for tests across the apps."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> int:
    """How many database queries one GET of `url` makes (the response must be a 200)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured.captured_queries)


def assert_query_budget(client, url: str, *, add_rows: Callable[[int], None], budget: int, small=3, large=300):
    """Assert that `url` makes the same number of queries with `small` rows as with `large` rows,
    and no more than `budget`. `add_rows(n)` adds n more rows that the page shows."""
    add_rows(small)
    with_few = count_queries(client, url)
    add_rows(large - small)
    with_many = count_queries(client, url)
    assert with_few == with_many, f"{url}: {with_few} queries with {small} rows but {with_many} with {large}"
    assert with_many <= budget, f"{url}: {with_many} queries, over the budget of {budget}"
    return with_many
