# The audit log's triggers learn the relabel gate, used by migrations that move models to another app
# (zit.core.model_moves).

from django.db import migrations


def guards_install(apps, schema_editor):
    from zit.core import audit_guard

    audit_guard.install(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_job_heartbeat"),
    ]

    operations = [
        migrations.RunPython(guards_install, guards_install),
    ]
