"""Monitoring, not control: progress reports become progress information the office takes note of or asks
about (accepted → noted, returned → a question, the return reason its text, the decision's time and author
the office's response), and the office's durability checks become durability monitoring information with
its source (kept → no remarks, broken → a signal passed on to the IZ, the source the office's own
observation, the notes kept and the origin noted). Nothing is lost, and the way back restores the old
values."""

from django.db import migrations, models

# frozen here: the values as they were stored and as they are now
REPORT_STATUS = {"accepted": "noted", "returned": "question"}
FINDING = {"kept": "no_remarks", "broken": "signal"}
OLD_RESULT_WORDS = {"kept": "trwałość zachowana", "broken": "trwałość naruszona"}
SOURCE_WORDS = {
    "statement": "oświadczenie beneficjenta",
    "iz": "informacja IZ",
    "office": "obserwacja biura",
}
ORIGIN = "Przeniesione z dawnego zapisu „kontrola trwałości” (wynik: %s)."


def forward(apps, schema_editor) -> None:
    """Old statuses and results to the new ones; every migrated durability record says where it came from."""
    ProgressReport = apps.get_model("contracts", "ProgressReport")
    for old, new in REPORT_STATUS.items():
        ProgressReport.objects.filter(status=old).update(status=new)
    DurabilityInfo = apps.get_model("contracts", "DurabilityInfo")
    for old, new in FINDING.items():
        DurabilityInfo.objects.filter(finding=old).update(
            finding=new, source="office", origin_note=ORIGIN % OLD_RESULT_WORDS[old]
        )


def backward(apps, schema_editor) -> None:
    """The new values back to the old ones. A finding of the IZ was a breach; any other finding, from any
    source, is kept or broken as its words say; the source and the IZ's reference (the old record had neither)
    go into the notes so that nothing typed is lost."""
    ProgressReport = apps.get_model("contracts", "ProgressReport")
    for old, new in REPORT_STATUS.items():
        ProgressReport.objects.filter(status=new).update(status=old)
    DurabilityInfo = apps.get_model("contracts", "DurabilityInfo")
    for info in DurabilityInfo.objects.all():
        info.finding = "kept" if info.finding == "no_remarks" else "broken"
        if not info.origin_note:  # entered after the change: its source is said in the notes
            extra = f"Źródło: {SOURCE_WORDS.get(info.source, info.source)}"
            if info.iz_reference:
                extra += f", dokument IZ: {info.iz_reference}"
            info.notes = f"{info.notes}\n\n{extra}".strip()
        info.save(update_fields=["finding", "notes"])


class Migration(migrations.Migration):
    dependencies = [("contracts", "0003_moved_labels")]

    operations = [
        # --- progress information
        migrations.RenameField("progressreport", "return_reason", "question"),
        migrations.RenameField("progressreport", "decided_at", "responded_at"),
        migrations.RenameField("progressreport", "decided_by_label", "responded_by_label"),
        migrations.AlterField(
            model_name="progressreport",
            name="question",
            field=models.TextField(blank=True, verbose_name="pytanie biura"),
        ),
        migrations.AlterField(
            model_name="progressreport",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "w przygotowaniu"),
                    ("submitted", "przekazana"),
                    ("question", "pytanie biura"),
                    ("noted", "odnotowana"),
                    # the old values stay valid until the data below is moved
                    ("returned", "zwrócone do poprawy"),
                    ("accepted", "przyjęte"),
                ],
                default="draft",
                max_length=20,
                verbose_name="stan",
            ),
        ),
        migrations.AlterModelOptions(
            name="progressreport",
            options={
                "ordering": ["contract", "period_from"],
                "verbose_name": "informacja o postępie",
                "verbose_name_plural": "informacje o postępie",
            },
        ),
        # --- durability monitoring information
        migrations.RenameModel("DurabilityCheck", "DurabilityInfo"),
        migrations.RenameField("durabilityinfo", "checked_on", "observed_on"),
        migrations.RenameField("durabilityinfo", "result", "finding"),
        migrations.RenameField("durabilityinfo", "checked_by_label", "recorded_by_label"),
        migrations.AlterField(
            model_name="durabilityinfo",
            name="contract",
            field=models.ForeignKey(
                on_delete=models.deletion.PROTECT, related_name="durability_infos", to="contracts.contract"
            ),
        ),
        migrations.AlterField(
            model_name="durabilityinfo",
            name="observed_on",
            field=models.DateField(verbose_name="data informacji"),
        ),
        migrations.AlterField(
            model_name="durabilityinfo",
            name="finding",
            field=models.CharField(
                choices=[
                    ("no_remarks", "bez uwag"),
                    ("signal", "sygnał możliwego naruszenia – przekazany do IZ"),
                    ("iz_breach", "IZ stwierdziła naruszenie trwałości"),
                ],
                max_length=20,
                verbose_name="ustalenie",
            ),
        ),
        migrations.AlterField(
            model_name="durabilityinfo",
            name="notes",
            field=models.TextField(blank=True, verbose_name="opis"),
        ),
        migrations.AddField(
            model_name="durabilityinfo",
            name="source",
            field=models.CharField(
                choices=[
                    ("statement", "oświadczenie beneficjenta"),
                    ("iz", "informacja IZ (kontrola lub ustalenie)"),
                    ("office", "obserwacja biura (np. wizyta na miejscu, informacje publiczne)"),
                ],
                default="office",
                max_length=20,
                verbose_name="źródło informacji",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="durabilityinfo",
            name="iz_reference",
            field=models.CharField(blank=True, max_length=200, verbose_name="znak pisma lub dokumentu IZ"),
        ),
        migrations.AddField(
            model_name="durabilityinfo",
            name="origin_note",
            field=models.CharField(blank=True, max_length=300, verbose_name="pochodzenie zapisu"),
        ),
        migrations.AlterModelOptions(
            name="durabilityinfo",
            options={
                "ordering": ["observed_on", "pk"],
                "verbose_name": "informacja o trwałości",
                "verbose_name_plural": "informacje o trwałości",
            },
        ),
        migrations.RunPython(forward, backward),
        migrations.AlterField(
            model_name="progressreport",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "w przygotowaniu"),
                    ("submitted", "przekazana"),
                    ("question", "pytanie biura"),
                    ("noted", "odnotowana"),
                ],
                default="draft",
                max_length=20,
                verbose_name="stan",
            ),
        ),
    ]
