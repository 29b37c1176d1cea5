"""The register's first entries (zit.privacy.seed), and the end of the old job that erased the data of the PES
listing senders alone ("social_economy.erase_requesters"): the daily "privacy.erase_expired" runs every app's
erasure rules now, that one among them with the same 2 years. Its next run, queued and never started, is removed
so the worker does not meet a kind it no longer knows; finished runs stay as the jobs' history."""

from django.db import migrations

RETIRED = "social_economy.erase_requesters"


def forwards(apps, schema_editor):
    from zit.privacy.seed import seed

    seed(apps.get_model("privacy", "ProcessingActivity"), apps.get_model("privacy", "ProcessingActivityVersion"))
    Job = apps.get_model("core", "Job")
    Job.objects.filter(kind=RETIRED, status="queued").delete()
    Job.objects.filter(kind=RETIRED, status="running").update(
        status="failed", message="Zadanie zastąpione przez „Usuwanie danych osobowych po okresie przechowywania”."
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial"), ("core", "0010_signature_check")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
