"""The tables, the index and the unique constraint of the requests take this app's names."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('public_information', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(name='informationrequest', table=None),
        migrations.AlterModelTable(name='requestaction', table=None),
        migrations.RenameIndex(
            model_name='informationrequest',
            new_name='public_info_state_1b927e_idx',
            old_name='governance__state_3a927a_idx',
        ),
        migrations.RemoveConstraint(model_name='informationrequest', name='governance_request_sequence'),
        migrations.AddConstraint(
            model_name='informationrequest',
            constraint=models.UniqueConstraint(
                fields=('year', 'sequence'), name='public_information_request_sequence'
            ),
        ),
    ]
