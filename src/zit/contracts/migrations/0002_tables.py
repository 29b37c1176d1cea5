"""The moved models take their own app's table names (`contracts_*`); the rows stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0001_initial"),
        ("projects", "0016_contracts_moved"),
    ]

    operations = [
        migrations.AlterModelTable(name="amendment", table=None),
        migrations.AlterModelTable(name="amountrecord", table=None),
        migrations.AlterModelTable(name="contract", table=None),
        migrations.AlterModelTable(name="contractindicator", table=None),
        migrations.AlterModelTable(name="contractline", table=None),
        migrations.AlterModelTable(name="contractmilestone", table=None),
        migrations.AlterModelTable(name="correction", table=None),
        migrations.AlterModelTable(name="difference", table=None),
        migrations.AlterModelTable(name="durabilitycheck", table=None),
        migrations.AlterModelTable(name="durabilitystatement", table=None),
        migrations.AlterModelTable(name="izsource", table=None),
        migrations.AlterModelTable(name="progressreport", table=None),
        migrations.AlterModelTable(name="publishedimport", table=None),
        migrations.AlterModelTable(name="publishedproject", table=None),
        migrations.AlterModelTable(name="reconciliation", table=None),
        migrations.AlterModelTable(name="reportattachment", table=None),
        migrations.AlterModelTable(name="reportexpenditure", table=None),
        migrations.AlterModelTable(name="reportindicator", table=None),
        migrations.AlterModelTable(name="reportmilestone", table=None),
    ]
