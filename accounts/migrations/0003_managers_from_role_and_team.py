"""Who manages a team is said once, by the user's role and team: the "Managers of <team>" groups, and
their per-case grants (removed by cases 0004), go."""

from django.db import migrations


def remove_manager_groups(apps, schema_editor):
    # The groups were made by Team.save() with exactly this name; their memberships go with them.
    apps.get_model("auth", "Group").objects.filter(name__startswith="Managers of ").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_notifications"),
        ("cases", "0004_no_group_grants"),
    ]

    operations = [
        migrations.RemoveField(model_name="team", name="managers_group"),
        migrations.RunPython(remove_manager_groups, migrations.RunPython.noop),
    ]
