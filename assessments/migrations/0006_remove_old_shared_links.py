from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0005_shared_links_to_cases'),
    ]

    operations = [
        migrations.DeleteModel(
            name='LinkUse',
        ),
        migrations.DeleteModel(
            name='SharedLink',
        ),
    ]
