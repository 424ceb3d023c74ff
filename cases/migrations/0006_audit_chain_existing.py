"""Chain the audit entries written before the chain existed, oldest first (before 0007 forbids updates)."""

from django.db import migrations

# The hash is the one cases/audit.py writes and checks; it must never change, so using it here is safe.
from cases.audit import GENESIS, entry_hash


def chain_existing(apps, schema_editor):
    AuditEvent = apps.get_model("cases", "AuditEvent")
    entries = AuditEvent.objects.using(schema_editor.connection.alias)
    prev_hash = GENESIS
    rows = entries.order_by("pk").values_list("pk", "at", "user_id", "case_id", "referral_id", "action", "what")
    for pk, at, user_id, case_id, referral_id, action, what in rows.iterator(chunk_size=2000):
        own = entry_hash(
            prev_hash=prev_hash,
            at=at,
            user_id=user_id,
            case_id=case_id,
            referral_id=referral_id,
            action=action,
            what=what,
        )
        entries.filter(pk=pk).update(prev_hash=prev_hash, hash=own)
        prev_hash = own


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_audit_chain")]

    operations = [migrations.RunPython(chain_existing, migrations.RunPython.noop, elidable=True)]
