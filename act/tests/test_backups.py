"""`make backup` and `make restore` round trip: a database full of cases, backed up and restored into a
fresh database, comes back with every row of every table and the same audit chain, and the young people's
photos with it."""

import os
import subprocess
import sys
import uuid
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection  # noqa: F401 - named by the skip condition
from django.utils import timezone
from psycopg import sql

from accounts.models import Team, User
from act.testing import shared_database_url
from cases import audit, services
from cases.models import AuditEvent, TimelineEntry
from cases.tests.factories import CaseFactory, ReferralFactory

on_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="backups are of PostgreSQL (pg_dump and pg_restore): set DATABASE_URL to a PostgreSQL database, as CI does",
)
EXTRA_CASES = 50


def database_url(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


@pytest.fixture
def fresh_database():
    """An empty database next to the test database, dropped afterwards."""
    name = f"act_restore_{uuid.uuid4().hex[:12]}"
    server = database_url(shared_database_url(), "postgres")
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    yield database_url(shared_database_url(), name)
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def row_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as db:
        tables = db.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
        return {table: count_rows(db, table) for (table,) in tables}


def count_rows(db: psycopg.Connection, table: str) -> int:
    row = db.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))).fetchone()
    assert row is not None
    return row[0]


def make(target: str, **env) -> subprocess.CompletedProcess:
    result = subprocess.run(  # noqa: S603 - our own Makefile
        ["make", "--no-print-directory", target],  # noqa: S607 - make from the PATH, as a person runs it
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"make {target} failed:\n{result.stdout}\n{result.stderr}"
    return result


def manage(*args: str, **env) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def fill_the_database() -> None:
    """The demo, and 50 more cases with their timelines, views and referrals."""
    call_command("seed_demo", "--force", stdout=StringIO())
    team = Team.objects.get(name="ACT Rochdale")
    manager = User.objects.get(username="manager")
    now = timezone.now()
    for n in range(EXTRA_CASES):
        case = CaseFactory.create(team=team)
        key_worker = case.key_worker
        assert key_worker is not None, "CaseFactory allocates a key worker"
        for k, kind in enumerate([TimelineEntry.Kind.CONTACT, TimelineEntry.Kind.EVENT, TimelineEntry.Kind.CONTACT]):
            services.timeline_add(
                case=case, by=key_worker, kind=kind, occurred_at=now - timedelta(days=k), summary=f"Entry {k}"
            )
        audit.record(user=manager, case=case, action=AuditEvent.Action.VIEW, what="case overview")
        audit.record(user=key_worker, case=case, action=AuditEvent.Action.VIEW, what="timeline")
        if n % 5 == 0:
            referral = ReferralFactory.create(team=team)
            audit.record(user=manager, case=None, referral=referral, action=AuditEvent.Action.VIEW, what="referral")


@on_postgresql
def test_a_backup_restores_into_a_fresh_database_with_every_row_and_every_photo(
    transactional_db, tmp_path, fresh_database
):
    fill_the_database()
    source = shared_database_url()
    backup_file = tmp_path / "act-test.dump"
    # The young people's photos (the private files) go with the database and come back with it.
    kept, restored = tmp_path / "private", tmp_path / "private-restored"
    (kept / "photos").mkdir(parents=True)
    (kept / "photos" / "1.jpg").write_bytes(b"a photo's bytes")

    made = make("backup", DATABASE_URL=source, BACKUP_FILE=str(backup_file), PRIVATE_FILES_ROOT=str(kept))
    assert f"Backup written to {backup_file}" in made.stdout
    assert oct(backup_file.stat().st_mode & 0o777) == "0o600"
    archive = tmp_path / "act-test.dump.private.tar"
    assert f"Private files (photos) written to {archive}" in made.stdout
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    make("restore", DATABASE_URL=fresh_database, BACKUP_FILE=str(backup_file), PRIVATE_FILES_ROOT=str(restored))
    assert (restored / "photos" / "1.jpg").read_bytes() == b"a photo's bytes"

    before, after = row_counts(source), row_counts(fresh_database)
    print(f"\n{'table':<45} {'backed up':>10} {'restored':>10}")
    for table, count in before.items():
        print(f"{table:<45} {count:>10} {after.get(table, '-'):>10}")
    print(f"{'all tables (' + str(len(before)) + ')':<45} {sum(before.values()):>10} {sum(after.values()):>10}")
    assert after == before
    assert before["cases_case"] >= EXTRA_CASES and before["cases_timelineentry"] >= 3 * EXTRA_CASES

    count, checksum = audit.chain_checksum()
    assert count == before["cases_auditevent"] > 4 * EXTRA_CASES
    verified = manage("audit_verify", DATABASE_URL=fresh_database)
    assert verified.returncode == 0, verified.stderr
    assert f"Audit chain intact: {count} entries" in verified.stdout
    assert f"Checksum (hash of the last entry): {checksum}" in verified.stdout

    # The restored audit is append-only too: the trigger came back with the table.
    with psycopg.connect(fresh_database) as restored, pytest.raises(psycopg.Error, match="append-only"):
        restored.execute("DELETE FROM cases_auditevent")


@on_postgresql
def test_restoring_over_a_database_in_use_replaces_what_it_held(transactional_db, tmp_path, fresh_database):
    one_case, two_cases = tmp_path / "one.dump", tmp_path / "two.dump"
    # The private files of the test's own (none): never the folder of the demo on this machine (var/private).
    private = str(tmp_path / "private")
    CaseFactory()
    make("backup", DATABASE_URL=shared_database_url(), BACKUP_FILE=str(one_case), PRIVATE_FILES_ROOT=private)
    at_first_backup = row_counts(shared_database_url())
    CaseFactory()
    make("backup", DATABASE_URL=shared_database_url(), BACKUP_FILE=str(two_cases), PRIVATE_FILES_ROOT=private)

    make("restore", DATABASE_URL=fresh_database, BACKUP_FILE=str(two_cases), PRIVATE_FILES_ROOT=private)
    make("restore", DATABASE_URL=fresh_database, BACKUP_FILE=str(one_case), PRIVATE_FILES_ROOT=private)
    assert not (tmp_path / "one.dump.private.tar").exists() and not (tmp_path / "private").exists()

    assert row_counts(fresh_database) == at_first_backup
    assert at_first_backup["cases_case"] == 1
    verified = manage("audit_verify", DATABASE_URL=fresh_database).stdout
    assert verified.startswith(f"Audit chain intact: {at_first_backup['cases_auditevent']} entries")


@pytest.mark.parametrize(
    "url,message",
    [("", "DATABASE_URL is not set"), ("sqlite:///db.sqlite3", "DATABASE_URL is not a PostgreSQL database")],
)
def test_backups_refuse_anything_but_postgresql(url, message, tmp_path):
    for target in ("backup", "restore"):
        result = subprocess.run(  # noqa: S603
            ["make", "--no-print-directory", target],  # noqa: S607
            cwd=settings.BASE_DIR,
            env={**os.environ, "DATABASE_URL": url, "BACKUP_FILE": str(tmp_path / "x.dump")},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode != 0 and message in result.stderr
        assert not (tmp_path / "x.dump").exists()
