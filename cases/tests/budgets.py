"""The query budget of every page of a case: at most 15 queries as the benchmark counts them (scale.bench: on
PostgreSQL, signed in with a password alone, the audit's entry in a transaction of its own).

The tests count differently: they sign in with the second step too (its device is one more query), and run
inside a transaction, so the audit's entry adds no BEGIN and COMMIT (two fewer); on SQLite there is no
advisory lock to take either (one fewer)."""

from django.db import connection

BENCHMARK_BUDGET = 15


def case_page_budget() -> int:
    """A page of a case's budget, as counted in the tests on this database."""
    return BENCHMARK_BUDGET - 2 if connection.vendor == "sqlite" else BENCHMARK_BUDGET - 1
