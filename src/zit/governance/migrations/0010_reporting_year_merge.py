from django.db import migrations


class Migration(migrations.Migration):
    """Joins the reporting year (0009, hung from 0005) with the line of the moves and the settings (0006-0008)."""

    dependencies = [
        ('governance', '0008_effect_appliers_setting'),
        ('governance', '0009_reporting_year'),
    ]

    operations = []
