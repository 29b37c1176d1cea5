"""Requests for public information now belong to the public_information app (its 0001 takes over the tables):
they leave governance's state only, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0005_possible_duplicates'),
        ('public_information', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='RequestAction'),
                migrations.DeleteModel(name='InformationRequest'),
            ],
            database_operations=[],
        ),
    ]
