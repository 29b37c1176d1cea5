"""The accessibility statement's date moves to `portal.AccessibilityStatement`, which copies it first."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("association", "0004_bank_account"),
        ("portal", "0002_statement_seed"),  # the copy runs before the column goes
    ]

    operations = [
        migrations.RemoveField(model_name="associationprofile", name="statement_prepared_on"),
    ]
