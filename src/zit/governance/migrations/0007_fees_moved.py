"""The fees moved to their own app (`fees.0001_initial`): the resolution's fee rule points there, and the fee
models leave governance's state. The tables stay; `fees.0002_tables` renames them."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('fees', '0001_initial'),
        ('governance', '0006_public_information_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='resolution',
                    name='fee_rule',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='resolutions', to='fees.feerule', verbose_name='zasady składek'),
                ),
                migrations.RemoveField(
                    model_name='heldbankline',
                    name='statement',
                ),
                migrations.RemoveField(
                    model_name='feepayment',
                    name='statement',
                ),
                migrations.RemoveField(
                    model_name='feeassessment',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='feeassessment',
                    name='rule',
                ),
                migrations.RemoveField(
                    model_name='feepayment',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='heldbankline',
                    name='duplicate_of',
                ),
                migrations.RemoveField(
                    model_name='heldbankline',
                    name='payment',
                ),
                migrations.RemoveField(
                    model_name='feereminder',
                    name='member',
                ),
                migrations.RemoveField(
                    model_name='feerule',
                    name='adopted_by',
                ),
                migrations.RemoveField(
                    model_name='feerulekindrate',
                    name='rule',
                ),
                migrations.RemoveField(
                    model_name='heldbankline',
                    name='member',
                ),
                migrations.DeleteModel(
                    name='BankStatement',
                ),
                migrations.DeleteModel(
                    name='FeeAssessment',
                ),
                migrations.DeleteModel(
                    name='FeePayment',
                ),
                migrations.DeleteModel(
                    name='FeeReminder',
                ),
                migrations.DeleteModel(
                    name='FeeRuleKindRate',
                ),
                migrations.DeleteModel(
                    name='FeeRule',
                ),
                migrations.DeleteModel(
                    name='HeldBankLine',
                ),
            ],
        ),
    ]
