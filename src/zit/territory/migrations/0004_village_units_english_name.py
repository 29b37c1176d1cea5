"""The English name of the village units variable without a Polish gloss (docs/glossary.md: "village
administrative unit"); a name the office changed is left alone."""

from django.db import migrations


def rename(apps, schema_editor):
    Variable = apps.get_model("territory", "Variable")
    Variable.objects.filter(code="solectwa", name_en="Village units (sołectwa)").update(
        name_en="Village administrative units"
    )


def rename_back(apps, schema_editor):
    Variable = apps.get_model("territory", "Variable")
    Variable.objects.filter(code="solectwa", name_en="Village administrative units").update(
        name_en="Village units (sołectwa)"
    )


class Migration(migrations.Migration):
    dependencies = [("territory", "0003_variable_diagnosis")]

    operations = [migrations.RunPython(rename, rename_back)]
