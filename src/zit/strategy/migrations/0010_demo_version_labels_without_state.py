"""The demo versions' descriptions named a state ("projekt do konsultacji") that outlived it once the version was
adopted; the platform words the state itself now, so the descriptions say only what the version is."""

from django.db import migrations

RENAMED = {
    "projekt do konsultacji (demo)": "aktualizacja strategii (demo)",
    "wersja robocza po konsultacjach (demo)": "zmiany po konsultacjach (demo)",
}


def forwards(apps, schema_editor):
    StrategyVersion = apps.get_model("strategy", "StrategyVersion")
    for old, new in RENAMED.items():
        StrategyVersion.objects.filter(is_demo=True, label=old).update(label=new)


def backwards(apps, schema_editor):
    StrategyVersion = apps.get_model("strategy", "StrategyVersion")
    for old, new in RENAMED.items():
        StrategyVersion.objects.filter(is_demo=True, label=new).update(label=old)


class Migration(migrations.Migration):
    dependencies = [("strategy", "0009_lifecycles")]

    operations = [migrations.RunPython(forwards, backwards)]
