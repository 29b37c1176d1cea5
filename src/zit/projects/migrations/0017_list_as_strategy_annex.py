"""The list of strategic projects becomes the strategy's annex: each list version belongs to a strategy version
(the one in force when the list was approved, or created if it never was: the adopted one, else the latest), and
an annex update records whether its change is significant and its consultation's dates."""

import django.db.models.deletion
from django.db import migrations, models

IN_FORCE = ("adopted", "superseded")


def assign_strategy_versions(apps, schema_editor):
    ListVersion = apps.get_model("projects", "ListVersion")
    StrategyVersion = apps.get_model("strategy", "StrategyVersion")
    versions = list(StrategyVersion.objects.select_related("adopted_by").order_by("number", "pk"))
    if not versions:
        return  # no strategy yet: the lists wait for one, as a new list would
    for lv in ListVersion.objects.select_related("decision").filter(strategy_version__isnull=True):
        day = lv.decision.date if lv.decision_id and lv.decision.date else lv.created_at.date()
        adopted_by_then = [
            v
            for v in versions
            if v.status in IN_FORCE and v.adopted_by_id and v.adopted_by.date and v.adopted_by.date <= day
        ]
        chosen = (
            adopted_by_then[-1]
            if adopted_by_then
            else next((v for v in reversed(versions) if v.status == "adopted"), None) or versions[-1]
        )
        lv.strategy_version_id = chosen.pk
        lv.save(update_fields=["strategy_version"])


def unassign(apps, schema_editor):
    """Backwards the field is dropped with its values; nothing else changed."""


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0016_contracts_moved'),
        ('strategy', '0010_demo_version_labels_without_state'),
    ]

    operations = [
        migrations.AddField(
            model_name='listversion',
            name='change_significant',
            field=models.BooleanField(blank=True, null=True, verbose_name='zmiana istotna'),
        ),
        migrations.AddField(
            model_name='listversion',
            name='consultation_ends_on',
            field=models.DateField(blank=True, null=True, verbose_name='koniec konsultacji'),
        ),
        migrations.AddField(
            model_name='listversion',
            name='consultation_notice_on',
            field=models.DateField(blank=True, null=True, verbose_name='ogłoszenie konsultacji'),
        ),
        migrations.AddField(
            model_name='listversion',
            name='strategy_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='list_versions', to='strategy.strategyversion', verbose_name='wersja strategii'),
        ),
        migrations.RunPython(assign_strategy_versions, unassign),
    ]
