"""Compliance opinions rebuilt: several per card (the one-to-one link becomes a foreign key), each with its
call, application, the IZ's request, the strategy and list versions, a checklist versioned per call, and a
number per year kept as year + sequence ("n/RRRR"). Existing opinions keep everything: their string numbers
("OZ/2026/003") become year 2026, sequence 3; their call and application number come from the card; their signed
document moves from the card to the opinion itself."""

import re

import django.db.models.deletion
from django.db import migrations, models

OPINION_KIND = "projects.compliance_opinion"
NUMBER = re.compile(r"(\d{4})\D+(\d+)\s*$")


def _types(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    card_type, _ = ContentType.objects.get_or_create(app_label="projects", model="projectcard")
    opinion_type, _ = ContentType.objects.get_or_create(app_label="projects", model="complianceopinion")
    return card_type, opinion_type


def numbers_and_documents_forward(apps, schema_editor):
    Opinion = apps.get_model("projects", "ComplianceOpinion")
    SignedDocument = apps.get_model("core", "SignedDocument")
    card_type, opinion_type = _types(apps)
    taken = {}
    for opinion in Opinion.objects.select_related("card").order_by("pk"):
        match = NUMBER.search(opinion.number or "")
        year = int(match.group(1)) if match else opinion.issued_on.year
        sequence = int(match.group(2)) if match else 0
        if not sequence or sequence in taken.setdefault(year, set()):
            sequence = max(taken[year] | {0}) + 1
        taken[year].add(sequence)
        opinion.year, opinion.sequence = year, sequence
        opinion.call_id = opinion.card.call_id
        opinion.application_number = opinion.card.application_number
        opinion.save(update_fields=["year", "sequence", "call", "application_number"])
        SignedDocument.objects.filter(content_type=card_type, object_id=opinion.card_id, kind=OPINION_KIND).update(
            content_type=opinion_type, object_id=opinion.pk
        )


DEFAULT_CRITERIA = (
    "Projekt jest na liście projektów strategicznych (wskaż wersję listy i pozycję).",
    "Projekt jest realizowany na obszarze ZIT (w gminach Aglomeracji Konińskiej).",
    "Projekt realizuje przedsięwzięcie i cel Strategii ZIT.",
    "Projekt przyczynia się do osiągnięcia wskaźników strategii.",
    "Zakres i budżet projektu są zgodne z fiszką projektową.",
    "Projekt jest zintegrowany (służy więcej niż jednej gminie albo łączy kilka działań).",
)


def checklists_forward(apps, schema_editor):
    """Every call recorded so far gets version 1 of the default checklist."""
    Call = apps.get_model("projects", "Call")
    Checklist = apps.get_model("projects", "OpinionChecklist")
    Criterion = apps.get_model("projects", "ChecklistCriterion")
    for call in Call.objects.all():
        checklist = Checklist.objects.create(call=call, number=1, created_by_label="migracja")
        for order, text in enumerate(DEFAULT_CRITERIA, start=1):
            Criterion.objects.create(checklist=checklist, order=order, text=text)


def numbers_and_documents_back(apps, schema_editor):
    Opinion = apps.get_model("projects", "ComplianceOpinion")
    SignedDocument = apps.get_model("core", "SignedDocument")
    card_type, opinion_type = _types(apps)
    seen = set()
    for opinion in Opinion.objects.order_by("card_id", "-year", "-sequence"):
        if opinion.card_id in seen:
            raise RuntimeError(
                f"Card {opinion.card_id} has several opinions; one card held one opinion before this migration."
            )
        seen.add(opinion.card_id)
        opinion.number = f"OZ/{opinion.year}/{opinion.sequence:03d}"
        opinion.save(update_fields=["number"])
        SignedDocument.objects.filter(content_type=opinion_type, object_id=opinion.pk, kind=OPINION_KIND).update(
            content_type=card_type, object_id=opinion.card_id
        )



class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0017_list_as_strategy_annex'),
        ('strategy', '0011_procedure_as_the_law_has_it'),
        ('core', '0009_retire_weekly_warnings_digest'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='ChecklistCriterion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='kolejność')),
                ('text', models.CharField(max_length=500, verbose_name='kryterium')),
            ],
            options={
                'verbose_name': 'kryterium listy sprawdzającej',
                'verbose_name_plural': 'kryteria listy sprawdzającej',
                'ordering': ['order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='OpinionSignatories',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('signatories', models.TextField(help_text='Jedna osoba w wierszu: imię i nazwisko, przecinek, funkcja, np. „Jan Kowalski, Prezes Zarządu”. Zgodnie ze statutem: prezes albo dwóch członków Zarządu.', verbose_name='podpisujący')),
                ('updated_by_label', models.CharField(blank=True, max_length=200)),
                ('updated_at', models.DateTimeField(auto_now=True)),
            ],
            options={
                'verbose_name': 'podpisujący opinie',
                'verbose_name_plural': 'podpisujący opinie',
            },
        ),
        migrations.AlterModelOptions(
            name='complianceopinion',
            options={'ordering': ['-year', '-sequence'], 'verbose_name': 'opinia o zgodności ze strategią', 'verbose_name_plural': 'opinie o zgodności ze strategią'},
        ),
        migrations.AddField(
            model_name='call',
            name='agreement_clause',
            field=models.CharField(blank=True, help_text='Paragraf porozumienia z IZ o opiniowaniu projektów, np. § 5 ust. 2 pkt 3.', max_length=300, verbose_name='postanowienie porozumienia ZIT'),
        ),
        migrations.AddField(
            model_name='call',
            name='opinions_published',
            field=models.CharField(choices=[('after_issue', 'po wydaniu opinii'), ('after_results', 'po rozstrzygnięciu naboru'), ('never', 'nie publikujemy')], default='after_results', help_text='Kiedy regulamin naboru IZ pozwala pokazać opinie publicznie.', max_length=20, verbose_name='publikacja opinii w rejestrze'),
        ),
        migrations.AddField(
            model_name='call',
            name='results_on',
            field=models.DateField(blank=True, null=True, verbose_name='rozstrzygnięcie naboru'),
        ),
        migrations.AddField(
            model_name='call',
            name='zit_criterion',
            field=models.CharField(blank=True, help_text='Nazwa i numer kryterium z regulaminu naboru.', max_length=300, verbose_name='kryterium naboru o zgodności ze strategią ZIT'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='application_date',
            field=models.DateField(blank=True, null=True, verbose_name='data wersji wniosku'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='application_number',
            field=models.CharField(blank=True, max_length=60, verbose_name='numer wniosku w systemie IZ'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='application_version',
            field=models.CharField(blank=True, help_text='Np. 2 (po poprawkach).', max_length=40, verbose_name='wersja wniosku'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='call',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='opinions', to='projects.call', verbose_name='nabór IZ'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='due_on',
            field=models.DateField(blank=True, null=True, verbose_name='termin na opinię'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='iz_decision',
            field=models.CharField(blank=True, choices=[('selected', 'wybrany do dofinansowania'), ('not_selected', 'niewybrany')], max_length=20, verbose_name='rozstrzygnięcie IZ'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='iz_decision_on',
            field=models.DateField(blank=True, null=True, verbose_name='data rozstrzygnięcia IZ'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='iz_decision_reference',
            field=models.CharField(blank=True, max_length=200, verbose_name='znak rozstrzygnięcia IZ'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='iz_decision_source',
            field=models.CharField(blank=True, max_length=300, verbose_name='źródło informacji o rozstrzygnięciu'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='list_version',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='projects.listversion', verbose_name='wersja listy'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='request_reference',
            field=models.CharField(blank=True, max_length=120, verbose_name='znak pisma IZ'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='requested_on',
            field=models.DateField(blank=True, null=True, verbose_name='data prośby IZ'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='sequence',
            field=models.PositiveIntegerField(default=0, verbose_name='numer kolejny w roku'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='signatories',
            field=models.TextField(blank=True, verbose_name='podpisujący'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='strategy_version',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='strategy.strategyversion', verbose_name='wersja strategii'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='year',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='rok'),
        ),
        migrations.AlterField(
            model_name='complianceopinion',
            name='card',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='opinions', to='projects.projectcard'),
        ),
        migrations.AlterField(
            model_name='complianceopinion',
            name='justification',
            field=models.TextField(blank=True, verbose_name='uzasadnienie'),
        ),
        migrations.AlterField(
            model_name='projectcard',
            name='state',
            field=models.CharField(choices=[('draft', 'szkic'), ('submitted', 'złożona'), ('returned', 'zwrócona do poprawy'), ('accepted', 'przyjęta formalnie'), ('scored', 'oceniona'), ('listed_main', 'na liście podstawowej'), ('listed_reserve', 'na liście rezerwowej'), ('not_selected', 'niewybrana'), ('application_filed', 'wniosek złożony w IZ'), ('opinion_issued', 'opinia o zgodności wydana'), ('selected', 'wybrana do dofinansowania'), ('opinion_negative', 'opinia negatywna – decyzja należy do IZ'), ('rejected', 'odrzucona przez IZ'), ('contracted', 'umowa podpisana'), ('terminated', 'umowa rozwiązana'), ('withdrawn', 'wycofana')], default='draft', max_length=30, verbose_name='stan'),
        ),
        migrations.CreateModel(
            name='OpinionAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('order', models.PositiveSmallIntegerField(default=0, verbose_name='kolejność')),
                ('criterion_text', models.CharField(max_length=500, verbose_name='kryterium')),
                ('answer', models.CharField(choices=[('met', 'spełnione'), ('not_met', 'niespełnione'), ('na', 'nie dotyczy')], max_length=10, verbose_name='ocena')),
                ('justification', models.TextField(verbose_name='uzasadnienie')),
                ('criterion', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='projects.checklistcriterion')),
                ('opinion', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='projects.complianceopinion')),
            ],
            options={
                'verbose_name': 'odpowiedź listy sprawdzającej',
                'verbose_name_plural': 'odpowiedzi listy sprawdzającej',
                'ordering': ['order', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='OpinionChecklist',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='wersja')),
                ('note', models.CharField(blank=True, max_length=300, verbose_name='co się zmieniło')),
                ('created_by_label', models.CharField(blank=True, max_length=200)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('call', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='checklists', to='projects.call', verbose_name='nabór IZ')),
            ],
            options={
                'verbose_name': 'lista sprawdzająca opinii',
                'verbose_name_plural': 'listy sprawdzające opinii',
                'ordering': ['call', '-number'],
            },
        ),
        migrations.AddField(
            model_name='checklistcriterion',
            name='checklist',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='criteria', to='projects.opinionchecklist'),
        ),
        migrations.AddField(
            model_name='complianceopinion',
            name='checklist',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='opinions', to='projects.opinionchecklist', verbose_name='lista sprawdzająca'),
        ),
        # not unique while it is being read (and, going back, while it is being written)
        migrations.AlterField(
            model_name='complianceopinion',
            name='number',
            field=models.CharField(blank=True, max_length=40, verbose_name='numer opinii'),
        ),
        migrations.RunPython(numbers_and_documents_forward, numbers_and_documents_back),
        migrations.RunPython(checklists_forward, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='complianceopinion',
            name='number',
        ),
        migrations.AlterField(
            model_name='complianceopinion',
            name='sequence',
            field=models.PositiveIntegerField(verbose_name='numer kolejny w roku'),
        ),
        migrations.AlterField(
            model_name='complianceopinion',
            name='year',
            field=models.PositiveSmallIntegerField(verbose_name='rok'),
        ),
        migrations.AddConstraint(
            model_name='complianceopinion',
            constraint=models.UniqueConstraint(fields=('year', 'sequence'), name='compliance_opinion_number_unique'),
        ),
        migrations.AddConstraint(
            model_name='opinionchecklist',
            constraint=models.UniqueConstraint(fields=('call', 'number'), name='opinion_checklist_unique'),
        ),
    ]
