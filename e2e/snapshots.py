"""Copies of the test database's rows, taken once in a test process and put back in a moment.

The browser tests each start from the freshly seeded demo, and leave the database as pytest-django's flush
leaves it for the other tests. Seeding takes seconds and the flush about one: instead the process takes two
copies once, "empty" (just after a flush) and "demo" (just after seeding), and puts one back in its place.

- PostgreSQL: each copy is a schema of its own in the test database (out of the search path, so nothing
  else sees it), holding a copy of every table's rows; putting it back deletes every row and inserts the
  copy's, in one transaction (Django's foreign keys are deferred: they are checked at its end).
- SQLite: each copy is a database in memory, taken and put back with SQLite's backup API, which copies the
  whole database file, page by page.
"""

import sqlite3

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction


class Snapshots:
    """Named copies of the rows of every table of the test database (the default connection)."""

    def __init__(self):
        self.taken: set[str] = set()

    def take(self, name: str) -> None:
        raise NotImplementedError

    def _put_back(self, name: str) -> None:
        raise NotImplementedError

    def restore(self, name: str) -> None:
        assert name in self.taken, f"no copy named {name!r} was taken"
        self._put_back(name)
        # The copy's content types, whose ids may not be those a flush made since: forget the ones known.
        ContentType.objects.clear_cache()

    def drop(self) -> None:
        self.taken.clear()

    @staticmethod
    def of_the_test_database() -> "Snapshots":
        if connection.vendor == "postgresql":
            return PostgresSnapshots()
        if connection.vendor == "sqlite":
            return SqliteSnapshots()
        raise NotImplementedError(f"no snapshots for {connection.vendor}")


class PostgresSnapshots(Snapshots):
    def __init__(self):
        super().__init__()
        self.tables: list[str] = []
        self.filled: dict[str, list[str]] = {}  # the tables with rows, in each copy
        self.refusing_delete: list[str] = []

    @staticmethod
    def _schema(name: str) -> str:
        return connection.ops.quote_name(f"e2e_snapshot_{name}")

    def take(self, name: str) -> None:
        qn, schema = connection.ops.quote_name, self._schema(name)
        # The tables a flush empties: every table of the project's models.
        self.tables = sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
        statements = [f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}"]
        statements += [f"CREATE TABLE {schema}.{qn(table)} AS TABLE {qn(table)}" for table in self.tables]
        with connection.cursor() as cursor:
            cursor.execute(";\n".join(statements))
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT %s WHERE EXISTS (SELECT FROM {schema}.{qn(table)})" for table in self.tables
                ),
                self.tables,
            )
            self.filled[name] = [table for (table,) in cursor.fetchall()]
            # The tables with a trigger of their own on DELETE (bit 3 of pg_trigger.tgtype).
            cursor.execute(
                "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger"
                " WHERE NOT tgisinternal AND tgtype & 8 = 8 AND tgrelid::regclass::text = ANY(%s)",
                [self.tables],
            )
            self.refusing_delete = sorted(table for (table,) in cursor.fetchall())
        self.taken.add(name)

    def _put_back(self, name: str) -> None:
        qn, schema = connection.ops.quote_name, self._schema(name)
        # DELETE, much quicker than TRUNCATE for tables of a few rows; TRUNCATE where a trigger refuses DELETE
        # (the audit, append-only), as the flush does.
        deletable = [table for table in self.tables if table not in self.refusing_delete]
        statements = ["SET CONSTRAINTS ALL DEFERRED"]
        if self.refusing_delete:
            statements.append("TRUNCATE " + ", ".join(qn(table) for table in self.refusing_delete))
        statements += [f"DELETE FROM {qn(table)}" for table in deletable]
        statements += [f"INSERT INTO {qn(table)} SELECT * FROM {schema}.{qn(table)}" for table in self.filled[name]]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(";\n".join(statements))

    def drop(self) -> None:
        with connection.cursor() as cursor:
            for name in self.taken:
                cursor.execute(f"DROP SCHEMA IF EXISTS {self._schema(name)} CASCADE")
        super().drop()


class SqliteSnapshots(Snapshots):
    def __init__(self):
        super().__init__()
        self.copies: dict[str, sqlite3.Connection] = {}

    def take(self, name: str) -> None:
        connection.ensure_connection()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        self.copies[name] = copy
        self.taken.add(name)

    def _put_back(self, name: str) -> None:
        connection.ensure_connection()
        self.copies[name].backup(connection.connection)

    def drop(self) -> None:
        for copy in self.copies.values():
            copy.close()
        self.copies.clear()
        super().drop()
