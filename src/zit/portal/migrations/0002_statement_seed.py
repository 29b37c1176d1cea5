"""The first accessibility statement: the defaults of `statement_defaults`, with the date the office had
entered as the statement's date in the association's data (that field moves here)."""

from django.db import migrations

from zit.portal import statement_defaults as defaults


def seed(apps, schema_editor):
    Statement = apps.get_model("portal", "AccessibilityStatement")
    Profile = apps.get_model("association", "AssociationProfile")
    if Statement.objects.exists():
        return
    profile = Profile.objects.first()
    prepared = (profile.statement_prepared_on if profile else None) or defaults.PREPARED_ON
    Statement.objects.create(
        prepared_on=prepared,
        reviewed_on=max(prepared, defaults.PREPARED_ON),
        compliance="partial",
        known_problems=defaults.KNOWN_PROBLEMS,
        exemptions=defaults.EXEMPTIONS,
        method="self",
        architecture=defaults.ARCHITECTURE,
        sign_language=defaults.SIGN_LANGUAGE,
        mobile_apps=defaults.MOBILE_APPS,
        easy_read=defaults.EASY_READ,
        pjm_text=defaults.PJM_TEXT,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_accessibility_statement"),
        ("association", "0004_bank_account"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
