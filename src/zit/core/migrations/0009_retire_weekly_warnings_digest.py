"""The weekly digest of early warnings ("monitoring.weekly_digest") is gone: the warnings are an inbox source
now and reach people in the common notices digest ("core.notices"). Its next run, queued and never started, is
removed so the worker does not meet a kind it no longer knows; finished runs stay as the jobs' history."""

from django.db import migrations

RETIRED = "monitoring.weekly_digest"


def retire(apps, schema_editor):
    Job = apps.get_model("core", "Job")
    Job.objects.filter(kind=RETIRED, status="queued").delete()
    Job.objects.filter(kind=RETIRED, status="running").update(
        status="failed", message="Zadanie wycofane: ostrzeżenia trafiają do wspólnego skrótu powiadomień."
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0008_notices")]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop)]
