"""Every shared link and every use of one moves to `cases`, with the same pk (so each token, passcode and
the sessions that already gave it keep working), and what a link to a section opens stays here, in
SectionLink. One INSERT ... SELECT per table copies the rows exactly as they are (the ORM would stamp a new
`created_at` and `at`), on SQLite and PostgreSQL alike. Going back copies them the other way."""

from django.core.management.color import no_style
from django.db import migrations

SECTION = "section"


def _copy(schema_editor, *, into: str, columns: list[str], select: str) -> None:
    quote = schema_editor.quote_name
    schema_editor.execute(f"INSERT INTO {quote(into)} ({', '.join(quote(c) for c in columns)}) {select}")


def _reset_sequences(schema_editor, models) -> None:
    # Rows inserted with their own pks leave PostgreSQL's sequences behind; SQLite needs nothing.
    for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), models):
        schema_editor.execute(sql)


def to_cases(apps, schema_editor):
    old_link, old_use = apps.get_model("assessments", "SharedLink"), apps.get_model("assessments", "LinkUse")
    link, use = apps.get_model("cases", "SharedLink"), apps.get_model("cases", "LinkUse")
    section_link = apps.get_model("assessments", "SectionLink")
    quote = schema_editor.quote_name
    old, old_uses = quote(old_link._meta.db_table), quote(old_use._meta.db_table)
    _copy(
        schema_editor,
        into=link._meta.db_table,
        columns=[
            "id", "case_id", "purpose", "target_id", "person", "person_name", "token_hash", "passcode_hash",
            "expires_at", "revoked_at", "revoked_by_id", "created_by_id", "created_at", "last_used_at",
        ],
        select=(
            f"SELECT id, case_id, '{SECTION}', section_id, contributor, contributor_name, token_hash, passcode_hash, "
            f"expires_at, revoked_at, revoked_by_id, created_by_id, created_at, last_used_at FROM {old}"
        ),
    )
    # A link whose section is gone opens nothing; it keeps its row and its uses, with no SectionLink.
    _copy(
        schema_editor,
        into=section_link._meta.db_table,
        columns=["link_id", "section_id", "contribution_id"],
        select=f"SELECT id, section_id, contribution_id FROM {old} WHERE section_id IS NOT NULL",
    )
    _copy(
        schema_editor,
        into=use._meta.db_table,
        columns=["id", "link_id", "event", "at", "address_hash"],
        select=f"SELECT id, link_id, event, at, address_hash FROM {old_uses}",
    )
    _reset_sequences(schema_editor, [link, use])


def to_assessments(apps, schema_editor):
    old_link, old_use = apps.get_model("assessments", "SharedLink"), apps.get_model("assessments", "LinkUse")
    link, use = apps.get_model("cases", "SharedLink"), apps.get_model("cases", "LinkUse")
    section_link = apps.get_model("assessments", "SectionLink")
    quote = schema_editor.quote_name
    links, uses = quote(link._meta.db_table), quote(use._meta.db_table)
    sections = quote(section_link._meta.db_table)
    _copy(
        schema_editor,
        into=old_link._meta.db_table,
        columns=[
            "id", "case_id", "purpose", "section_id", "contribution_id", "contributor", "contributor_name",
            "token_hash", "passcode_hash", "expires_at", "revoked_at", "revoked_by_id", "created_by_id",
            "created_at", "last_used_at",
        ],
        select=(
            f"SELECT l.id, l.case_id, l.purpose, s.section_id, s.contribution_id, l.person, l.person_name, "
            f"l.token_hash, l.passcode_hash, l.expires_at, l.revoked_at, l.revoked_by_id, l.created_by_id, "
            f"l.created_at, l.last_used_at FROM {links} l LEFT JOIN {sections} s ON s.link_id = l.id "
            f"WHERE l.purpose = '{SECTION}'"
        ),
    )
    _copy(
        schema_editor,
        into=old_use._meta.db_table,
        columns=["id", "link_id", "event", "at", "address_hash"],
        select=(
            f"SELECT u.id, u.link_id, u.event, u.at, u.address_hash FROM {uses} u "
            f"JOIN {links} l ON l.id = u.link_id WHERE l.purpose = '{SECTION}'"
        ),
    )
    _reset_sequences(schema_editor, [old_link, old_use])
    # They are the assessment's again: going forward once more copies them back.
    db = schema_editor.connection.alias
    section_link.objects.using(db).all().delete()
    use.objects.using(db).filter(link__purpose=SECTION).delete()
    link.objects.using(db).filter(purpose=SECTION).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0004_section_link'),
    ]

    operations = [migrations.RunPython(to_cases, to_assessments)]
