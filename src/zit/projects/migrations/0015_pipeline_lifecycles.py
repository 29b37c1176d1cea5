"""Opinions get a stored state (issued once the card's opinion was issued); rounds remember when the office
reopened their scoring rules."""

from django.db import migrations, models


def opinions_issued(apps, schema_editor):
    ComplianceOpinion = apps.get_model("projects", "ComplianceOpinion")
    CardTransition = apps.get_model("projects", "CardTransition")
    # a negative opinion is issued through its own transition since projects 0017 (the IZ decides after it)
    issued = CardTransition.objects.filter(name__in=["issue_opinion", "issue_negative_opinion"]).values("card_id")
    ComplianceOpinion.objects.filter(card_id__in=issued).update(state="issued")


def opinions_back(apps, schema_editor):
    pass  # the field goes away with the reverse of AddField


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0014_contract_lifecycle"),
    ]

    operations = [
        migrations.AddField(
            model_name="complianceopinion",
            name="state",
            field=models.CharField(
                choices=[("draft", "do podpisu"), ("issued", "wydana")],
                default="draft",
                max_length=10,
                verbose_name="stan",
            ),
        ),
        migrations.RunPython(opinions_issued, opinions_back),
        migrations.AddField(
            model_name="round",
            name="rules_reopen_reason",
            field=models.TextField(blank=True, verbose_name="powód ponownego otwarcia zasad oceny"),
        ),
        migrations.AddField(
            model_name="round",
            name="rules_reopened_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="zasady oceny otwarte ponownie"),
        ),
        migrations.AlterField(
            model_name="round",
            name="scoring",
            field=models.BooleanField(
                default=False,
                help_text="Gdy pomysłów jest więcej niż pieniędzy: fiszki przyjęte formalnie ocenia co najmniej dwóch oceniających. Zasady oceny (czy jest ocena, kryteria, wagi, próg) są ustalone od ogłoszenia naboru: od dnia jego początku albo od złożenia pierwszej fiszki, jeśli to nastąpi wcześniej. Potem zmienić je można tylko po ponownym otwarciu oceny z podaniem powodu.",
                verbose_name="ocena punktowa fiszek",
            ),
        ),
    ]
