"""The catalogue's link to the public list follows PublishedProject to the contracts app (same table)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('contracts', '0001_initial'),
        ('opendata', '0006_catalogue_unplaced_places'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='catalogueproject',
                    name='published',
                    field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='catalogue_entry', to='contracts.publishedproject'),
                ),
            ],
            database_operations=[],
        ),
    ]
