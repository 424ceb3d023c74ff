"""Copies of the test database's rows, taken once in a test process and put back in a moment.

The browser tests each start from the freshly seeded demo, and leave the database as pytest-django's flush
leaves it for the other tests. Seeding takes seconds and the flush about one: instead the process takes two
copies once, "empty" (just after a flush) and "demo" (just after seeding), and puts one back in its place.

- PostgreSQL: each copy is every table's rows in memory, as COPY writes them; putting it back deletes every
  row and copies the copy's in, in one transaction (Django's foreign keys are deferred: they are checked at
  its end). Nothing is kept in the database itself (its backups, made by a test, hold only its own tables).
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
        self.copies: dict[str, dict[str, bytes]] = {}  # each copy's rows, by table (the tables with rows)
        self.refusing_delete: list[str] = []

    def take(self, name: str) -> None:
        qn = connection.ops.quote_name
        # The tables a flush empties: every table of the project's models.
        self.tables = sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))
        rows = {}
        with connection.cursor() as cursor:
            for table in self.tables:
                with cursor.cursor.copy(f"COPY {qn(table)} TO STDOUT") as copy:
                    data = b"".join(bytes(block) for block in copy)
                if data:
                    rows[table] = data
            # The tables with a trigger of their own on DELETE (bit 3 of pg_trigger.tgtype).
            cursor.execute(
                "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger"
                " WHERE NOT tgisinternal AND tgtype & 8 = 8 AND tgrelid::regclass::text = ANY(%s)",
                [self.tables],
            )
            self.refusing_delete = sorted(table for (table,) in cursor.fetchall())
        self.copies[name] = rows
        self.taken.add(name)

    def _put_back(self, name: str) -> None:
        qn = connection.ops.quote_name
        # DELETE, much quicker than TRUNCATE for tables of a few rows; TRUNCATE where a trigger refuses DELETE
        # (the audit, append-only), as the flush does.
        deletable = [table for table in self.tables if table not in self.refusing_delete]
        statements = ["SET CONSTRAINTS ALL DEFERRED"]
        if self.refusing_delete:
            statements.append("TRUNCATE " + ", ".join(qn(table) for table in self.refusing_delete))
        statements += [f"DELETE FROM {qn(table)}" for table in deletable]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(";\n".join(statements))
            for table, data in self.copies[name].items():
                with cursor.cursor.copy(f"COPY {qn(table)} FROM STDIN") as copy:
                    copy.write(data)

    def drop(self) -> None:
        self.copies.clear()
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
