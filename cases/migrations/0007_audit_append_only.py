"""The audit is append-only on PostgreSQL: a trigger refuses every UPDATE and DELETE on its table, from
the application, an administrator's query or a mistake alike.

TRUNCATE is left allowed on purpose: the tests empty every table with it between tests. The trigger does
not stop the table's owner, who can disable it; what such a person changes, the hash chain shows
(`manage.py audit_verify`, and the checksum kept with each backup).
SQLite (the demo and the quick tests) has no trigger: Django's test flush there is a DELETE.
"""

from django.db import migrations, models

FUNCTION = "cases_auditevent_append_only"
TRIGGER = "cases_auditevent_append_only"

CREATE = [
    f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'The audit is append-only: % on % is refused. Audit entries are never changed or removed.',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END
$$""",
    f"""CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON cases_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()""",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON cases_auditevent",
    f"DROP FUNCTION IF EXISTS {FUNCTION}()",
]


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            # params=None: the statement's % signs are PL/pgSQL's, not placeholders.
            schema_editor.execute(statement, params=None)


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_audit_chain_existing")]

    operations = [
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("prev_hash",), name="audit_one_entry_after_each"),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
