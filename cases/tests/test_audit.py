"""The audit cannot be quietly changed: entries form a hash chain that `audit_verify` walks, and on
PostgreSQL the database itself refuses to change or remove them."""

import threading
from contextlib import contextmanager
from importlib import import_module
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from cases import audit
from cases.models import AuditEvent
from cases.tests.factories import CaseFactory, ReferralFactory

on_postgresql = pytest.mark.skipif(
    "connection.vendor != 'postgresql'",
    reason="the append-only trigger exists on PostgreSQL only (set DATABASE_URL to a PostgreSQL database)",
)
TABLE = AuditEvent._meta.db_table
TRIGGER = "cases_auditevent_append_only"


def verify() -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


@contextmanager
def trigger_off():
    """Change the table behind the application's back, as someone with the database owner's rights
    could: on PostgreSQL that means first turning the trigger off (inside the test's transaction)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The foreign keys' checks, deferred to the commit, must run first: ALTER TABLE waits for none.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TRIGGER}")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TRIGGER}")


def tamper(sql: str, params: list) -> None:
    with trigger_off() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def some_history(client_for, key_worker, case):
    """A few entries written the ordinary way: a case opened, pages viewed, changes made."""
    client = client_for(key_worker)
    client.get(reverse("cases:detail", args=[case.pk]))
    client.get(reverse("cases:network", args=[case.pk]))
    audit.record(user=key_worker, case=case, action=AuditEvent.Action.CHANGE, what="stage: support")
    audit.record(user=None, case=None, action=AuditEvent.Action.VIEW, what="something with no case")
    return list(AuditEvent.objects.order_by("pk"))


def test_the_chain_verifies_after_normal_use(some_history):
    assert len(some_history) >= 5
    assert verify().startswith(f"Audit chain intact: {len(some_history)} entries\n")


def test_an_empty_audit_verifies(db):
    assert verify().startswith("Audit chain intact: 0 entries")


def test_each_entry_follows_the_one_before(some_history):
    assert some_history[0].prev_hash == audit.GENESIS
    for before, after in zip(some_history, some_history[1:], strict=False):
        assert after.prev_hash == before.hash
        assert after.at >= before.at
    assert len({entry.hash for entry in some_history}) == len(some_history)


def test_the_hash_covers_every_field(key_worker, case):
    referral = ReferralFactory(team=case.team)
    audit.record(user=key_worker, case=case, referral=referral, action="view", what="referral")
    entry = AuditEvent.objects.latest("pk")
    fields = {
        "prev_hash": entry.prev_hash,
        "at": entry.at,
        "user_id": key_worker.pk,
        "case_id": case.pk,
        "referral_id": referral.pk,
        "action": "view",
        "what": "referral",
    }
    assert audit.entry_hash(**fields) == entry.hash
    changed = [
        {"at": entry.at.replace(microsecond=(entry.at.microsecond + 1) % 1_000_000)},
        {"user_id": None},
        {"case_id": None},
        {"referral_id": None},
        {"action": "change"},
        {"what": "referral "},
        {"prev_hash": audit.GENESIS if entry.prev_hash != audit.GENESIS else "1" * 64},
    ]
    for change in changed:
        assert audit.entry_hash(**{**fields, **change}) != entry.hash, change


def test_checksum_is_the_count_and_the_last_hash(some_history):
    report = audit.verify_chain()
    assert audit.chain_checksum() == (len(some_history), some_history[-1].hash) == (report.count, report.checksum)


def test_an_edited_entry_is_named_by_audit_verify(some_history):
    edited = some_history[2]
    tamper(f"UPDATE {TABLE} SET what = %s WHERE id = %s", ["nothing to see", edited.pk])

    with pytest.raises(CommandError, match=f"Audit chain broken at entry {edited.pk}: its contents were changed"):
        verify()
    report = audit.verify_chain()
    assert (report.broken_at, report.count) == (edited.pk, 2)


def test_an_edited_entry_with_its_hash_made_again_breaks_the_next_link(some_history):
    edited, following = some_history[1], some_history[2]
    new_hash = audit.entry_hash(
        prev_hash=edited.prev_hash,
        at=edited.at,
        user_id=edited.user_id,
        case_id=edited.case_id,
        referral_id=edited.referral_id,
        action=edited.action,
        what="nothing to see",
    )
    tamper(f"UPDATE {TABLE} SET what = %s, hash = %s WHERE id = %s", ["nothing to see", new_hash, edited.pk])

    assert audit.verify_chain().count == 2  # the edited entry holds by itself

    with pytest.raises(CommandError, match=f"entry {following.pk}: it does not follow the entry before it"):
        verify()


def test_a_removed_entry_leaves_a_gap_that_is_found(some_history):
    removed, following = some_history[2], some_history[3]
    tamper(f"DELETE FROM {TABLE} WHERE id = %s", [removed.pk])

    with pytest.raises(CommandError, match=f"entry {following.pk}: it does not follow the entry before it"):
        verify()


def test_a_removed_first_entry_is_found(some_history):
    tamper(f"DELETE FROM {TABLE} WHERE id = %s", [some_history[0].pk])

    with pytest.raises(CommandError, match=f"entry {some_history[1].pk}: it is the first entry"):
        verify()


def test_the_migration_chains_the_entries_written_before_the_chain(some_history):
    migration = import_module("cases.migrations.0006_audit_chain_existing")
    tamper(f"UPDATE {TABLE} SET prev_hash = 'before ' || id, hash = ''", [])
    assert not audit.verify_chain().intact

    with trigger_off():
        migration.chain_existing(apps, SimpleNamespace(connection=connection))

    assert verify().startswith(f"Audit chain intact: {len(some_history)} entries")
    assert list(AuditEvent.objects.order_by("pk").values_list("hash", flat=True)) == [e.hash for e in some_history]


def test_an_entry_cannot_be_saved_again(some_history):
    entry = some_history[0]
    entry.what = "changed"
    with pytest.raises(ValueError, match="never changed"):
        entry.save()


@on_postgresql
def test_the_database_refuses_to_change_an_entry(some_history):
    entry = some_history[0]
    attempts = [
        lambda: AuditEvent.objects.filter(pk=entry.pk).update(what="changed"),
        lambda: AuditEvent.objects.update(user=None),
        lambda: connection.cursor().execute(f"UPDATE {TABLE} SET what = 'changed' WHERE id = %s", [entry.pk]),
    ]
    for attempt in attempts:
        with pytest.raises(DatabaseError, match="The audit is append-only: UPDATE"), transaction.atomic():
            attempt()
    entry.refresh_from_db()
    assert entry.what == some_history[0].what


@on_postgresql
def test_the_database_refuses_to_remove_an_entry(some_history):
    entry = some_history[0]
    attempts = [
        lambda: AuditEvent.objects.filter(pk=entry.pk).delete(),
        lambda: AuditEvent.objects.all().delete(),
        lambda: entry.delete(),
        lambda: connection.cursor().execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk]),
        # Not even a statement that would remove nothing.
        lambda: connection.cursor().execute(f"DELETE FROM {TABLE} WHERE id < 0"),
    ]
    for attempt in attempts:
        with pytest.raises(DatabaseError, match="The audit is append-only: DELETE"), transaction.atomic():
            attempt()
    assert AuditEvent.objects.count() == len(some_history)
    assert verify().startswith(f"Audit chain intact: {len(some_history)} entries")


def test_people_and_cases_named_in_the_audit_cannot_be_deleted(some_history, key_worker, case):
    with pytest.raises(ProtectedError):
        key_worker.delete()
    with pytest.raises(ProtectedError):
        case.delete()


def test_the_admin_offers_no_way_to_delete_an_account(client_for, administrator, key_worker):
    client = client_for(administrator)
    change_page = client.get(reverse("admin:accounts_user_change", args=[key_worker.pk])).content.decode()
    assert reverse("admin:accounts_user_delete", args=[key_worker.pk]) not in change_page
    assert client.post(reverse("admin:accounts_user_delete", args=[key_worker.pk]), {"post": "yes"}).status_code == 403
    list_page = client.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert "delete_selected" not in list_page
    assert type(key_worker).objects.filter(pk=key_worker.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_still_make_one_valid_chain():
    """Writers in threads, each with its own database connection and its own transactions, all
    released at once: none may chain onto an entry another has already followed."""
    case = CaseFactory()
    writers, entries_each = 4, 15
    start = threading.Barrier(writers)
    failures = []

    def write(n):
        try:
            start.wait()
            for i in range(entries_each):
                with transaction.atomic():
                    audit.record(user=None, case=case, action="view", what=f"writer {n}, entry {i}")
        except Exception as error:  # noqa: BLE001 - reported below
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not failures
    written = AuditEvent.objects.filter(what__startswith="writer ").count()
    assert written == writers * entries_each
    report = audit.verify_chain()
    assert report.intact, report
    assert report.count == AuditEvent.objects.count()
