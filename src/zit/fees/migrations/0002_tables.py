"""The fees' tables take this app's name (governance_feerule → fees_feerule, …), and the payments' index with
them."""

from django.db import migrations

MODELS = (
    "bankstatement",
    "feepayment",
    "feereminder",
    "feerule",
    "feeassessment",
    "feerulekindrate",
    "heldbankline",
)


class Migration(migrations.Migration):

    dependencies = [
        ("fees", "0001_initial"),
        ("governance", "0007_fees_moved"),
    ]

    operations = [
        *[migrations.AlterModelTable(name=model, table=None) for model in MODELS],
        migrations.RenameIndex(
            model_name="feepayment",
            new_name="fees_feepay_member__3b3754_idx",
            old_name="governance__member__9a8ddb_idx",
        ),
    ]
