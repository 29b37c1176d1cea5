"""The grant contract and what follows it move from projects to this app: the models appear in this app's
state on the tables they already have (`projects_*`); 0002 renames the tables, 0003 relabels what names them."""

import django.db.models.deletion
from decimal import Decimal
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0006_job_heartbeat'),
        ('funding', '0002_labels'),
        ('organisations', '0001_initial'),
        ('projects', '0015_pipeline_lifecycles'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Amendment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('number', models.CharField(max_length=80, verbose_name='numer aneksu')),
                        ('signed_on', models.DateField(verbose_name='data zawarcia')),
                        ('reason', models.TextField(verbose_name='powód zmiany')),
                        ('document', models.FileField(upload_to='projects/amendments/%Y/', verbose_name='podpisany aneks')),
                        ('document_sha256', models.CharField(max_length=64)),
                        ('created_by_label', models.CharField(max_length=200)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'db_table': 'projects_amendment',
                        'verbose_name': 'aneks',
                        'verbose_name_plural': 'aneksy',
                        'ordering': ['signed_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='IzSource',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(error_messages={'unique': 'Źródło o tej nazwie już istnieje.'}, max_length=200, unique=True, verbose_name='nazwa źródła')),
                        ('system', models.CharField(choices=[('lsi', 'LSI 2021+ (wnioski)'), ('cst', 'CST2021 (umowy i rozliczenia)'), ('other', 'inne zestawienie IZ')], max_length=10, verbose_name='system')),
                        ('mapping', models.JSONField(blank=True, default=dict)),
                        ('status_map', models.JSONField(blank=True, default=dict)),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        'db_table': 'projects_izsource',
                        'verbose_name': 'źródło danych IZ',
                        'verbose_name_plural': 'źródła danych IZ',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Contract',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('state', models.CharField(choices=[('signed', 'w realizacji'), ('final_paid', 'po płatności końcowej, w okresie trwałości'), ('closed', 'zamknięta, okres trwałości minął'), ('terminated', 'rozwiązana')], default='signed', max_length=20, verbose_name='stan')),
                        ('number', models.CharField(error_messages={'unique': 'Umowa o tym numerze jest już zapisana.'}, max_length=80, unique=True, verbose_name='numer umowy')),
                        ('signed_on', models.DateField(verbose_name='data zawarcia')),
                        ('parties', models.TextField(help_text='Np. Województwo Wielkopolskie – IZ FEW 2021+ i Gmina Golina.', verbose_name='strony umowy')),
                        ('starts_on', models.DateField(verbose_name='początek realizacji')),
                        ('ends_on', models.DateField(verbose_name='koniec realizacji')),
                        ('total_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='wartość projektu (PLN)')),
                        ('eligible_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='wydatki kwalifikowalne (PLN)')),
                        ('eu_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='dofinansowanie UE (PLN)')),
                        ('terminated_on', models.DateField(blank=True, null=True, verbose_name='data rozwiązania')),
                        ('termination_reason', models.TextField(blank=True, verbose_name='powód rozwiązania')),
                        ('eu_retained_pln', models.DecimalField(blank=True, decimal_places=2, help_text='Po rozwiązaniu umowy tyle zostaje wykorzystane z koperty; reszta wraca.', max_digits=15, null=True, verbose_name='dofinansowanie wypłacone i zatrzymane (PLN)')),
                        ('final_payment_on', models.DateField(blank=True, null=True, verbose_name='płatność końcowa')),
                        ('final_payment_reference', models.CharField(blank=True, help_text='Płatność końcową przekazuje beneficjentowi instytucja zarządzająca: numer jej pisma albo zlecenia.', max_length=200, verbose_name='pismo lub zlecenie płatności IZ')),
                        ('durability_years', models.PositiveSmallIntegerField(blank=True, help_text='Zwykle 5 lat od płatności końcowej, 3 lata dla MŚP (art. 65 rozporządzenia 2021/1060).', null=True, verbose_name='okres trwałości (lata)')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('card', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='contract', to='projects.projectcard')),
                    ],
                    options={
                        'db_table': 'projects_contract',
                        'verbose_name': 'umowa o dofinansowanie',
                        'verbose_name_plural': 'umowy o dofinansowanie',
                    },
                ),
                migrations.CreateModel(
                    name='AmountRecord',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('valid_from', models.DateField(verbose_name='obowiązuje od')),
                        ('total_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='wartość projektu (PLN)')),
                        ('eligible_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='wydatki kwalifikowalne (PLN)')),
                        ('eu_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='dofinansowanie UE (PLN)')),
                        ('ends_on', models.DateField(verbose_name='koniec realizacji')),
                        ('lines', models.JSONField(default=list)),
                        ('amendment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contracts.amendment')),
                        ('contract', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='amount_history', to='contracts.contract')),
                    ],
                    options={
                        'db_table': 'projects_amountrecord',
                        'ordering': ['valid_from', 'pk'],
                    },
                ),
                migrations.AddField(
                    model_name='amendment',
                    name='contract',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='amendments', to='contracts.contract'),
                ),
                migrations.CreateModel(
                    name='ContractIndicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('target_value', models.DecimalField(decimal_places=3, max_digits=15, verbose_name='wartość docelowa')),
                        ('target_year', models.PositiveSmallIntegerField(verbose_name='rok osiągnięcia')),
                        ('contract', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicators', to='contracts.contract')),
                        ('indicator', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='funding.indicator')),
                    ],
                    options={
                        'db_table': 'projects_contractindicator',
                        'ordering': ['indicator__code'],
                    },
                ),
                migrations.CreateModel(
                    name='ContractLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='rok')),
                        ('total_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='wartość (PLN)')),
                        ('eligible_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='wydatki kwalifikowalne (PLN)')),
                        ('eu_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='dofinansowanie UE (PLN)')),
                        ('contract', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='contracts.contract')),
                        ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisations.organisation')),
                    ],
                    options={
                        'db_table': 'projects_contractline',
                        'ordering': ['organisation__name', 'year'],
                    },
                ),
                migrations.CreateModel(
                    name='ContractMilestone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=300, verbose_name='kamień milowy')),
                        ('due_on', models.DateField(verbose_name='termin')),
                        ('reached_on', models.DateField(blank=True, null=True, verbose_name='osiągnięty')),
                        ('contract', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='contracts.contract')),
                    ],
                    options={
                        'db_table': 'projects_contractmilestone',
                        'ordering': ['due_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Correction',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('found_on', models.DateField(verbose_name='data stwierdzenia')),
                        ('description', models.TextField(verbose_name='nieprawidłowość')),
                        ('eligible_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='korekta wydatków kwalifikowalnych (PLN)')),
                        ('eu_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='korekta dofinansowania UE (PLN)')),
                        ('recovered_pln', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=15, verbose_name='odzyskano (PLN)')),
                        ('reason', models.TextField(blank=True, help_text='Po płatności końcowej umowę zmienia już tylko korekta, a ta wymaga uzasadnienia.', verbose_name='uzasadnienie korekty po płatności końcowej')),
                        ('created_by_label', models.CharField(max_length=200)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('contract', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='contracts.contract')),
                        ('decision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.decisionreference', verbose_name='decyzja')),
                    ],
                    options={
                        'db_table': 'projects_correction',
                        'verbose_name': 'korekta finansowa',
                        'verbose_name_plural': 'korekty finansowe',
                        'ordering': ['found_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='DurabilityCheck',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('checked_on', models.DateField(verbose_name='data kontroli')),
                        ('result', models.CharField(choices=[('kept', 'trwałość zachowana'), ('broken', 'trwałość naruszona')], max_length=10, verbose_name='wynik')),
                        ('notes', models.TextField(blank=True, verbose_name='ustalenia')),
                        ('checked_by_label', models.CharField(max_length=200)),
                        ('contract', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='durability_checks', to='contracts.contract')),
                    ],
                    options={
                        'db_table': 'projects_durabilitycheck',
                        'verbose_name': 'kontrola trwałości',
                        'verbose_name_plural': 'kontrole trwałości',
                        'ordering': ['checked_on', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='DurabilityStatement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='rok')),
                        ('conditions_met', models.BooleanField(verbose_name='warunki trwałości zachowane')),
                        ('statement', models.TextField(verbose_name='oświadczenie')),
                        ('submitted_by_label', models.CharField(max_length=200)),
                        ('submitted_at', models.DateTimeField(auto_now_add=True)),
                        ('contract', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='durability_statements', to='contracts.contract')),
                    ],
                    options={
                        'db_table': 'projects_durabilitystatement',
                        'verbose_name': 'oświadczenie o trwałości',
                        'verbose_name_plural': 'oświadczenia o trwałości',
                        'ordering': ['year'],
                    },
                ),
                migrations.CreateModel(
                    name='ProgressReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('period_from', models.DateField(verbose_name='okres od')),
                        ('period_to', models.DateField(verbose_name='okres do')),
                        ('status', models.CharField(choices=[('draft', 'w przygotowaniu'), ('submitted', 'złożone'), ('returned', 'zwrócone do poprawy'), ('accepted', 'przyjęte')], default='draft', max_length=20, verbose_name='stan')),
                        ('narrative', models.TextField(blank=True, verbose_name='opis postępu')),
                        ('return_reason', models.TextField(blank=True, verbose_name='powód zwrotu')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True)),
                        ('decided_at', models.DateTimeField(blank=True, null=True)),
                        ('decided_by_label', models.CharField(blank=True, max_length=200)),
                        ('created_by_label', models.CharField(max_length=200)),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('contract', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='contracts.contract')),
                    ],
                    options={
                        'db_table': 'projects_progressreport',
                        'verbose_name': 'sprawozdanie z postępu',
                        'verbose_name_plural': 'sprawozdania z postępu',
                        'ordering': ['contract', 'period_from'],
                    },
                ),
                migrations.CreateModel(
                    name='PublishedImport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(upload_to='published/%Y/')),
                        ('file_name', models.CharField(max_length=255)),
                        ('file_sha256', models.CharField(max_length=64)),
                        ('status', models.CharField(choices=[('queued', 'w kolejce'), ('done', 'zapisany'), ('rejected', 'odrzucony')], default='queued', max_length=10)),
                        ('rows_read', models.PositiveIntegerField(default=0)),
                        ('created', models.PositiveIntegerField(default=0)),
                        ('updated', models.PositiveIntegerField(default=0)),
                        ('unchanged', models.PositiveIntegerField(default=0)),
                        ('skipped', models.PositiveIntegerField(default=0)),
                        ('problems', models.JSONField(default=list)),
                        ('notices', models.JSONField(default=list)),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by_label', models.CharField(max_length=200)),
                        ('job', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='core.job')),
                    ],
                    options={
                        'db_table': 'projects_publishedimport',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='PublishedProject',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('contract_number', models.CharField(max_length=80, unique=True, verbose_name='numer umowy')),
                        ('origin', models.CharField(choices=[('platform', 'umowa prowadzona w platformie'), ('import', 'import wykazu')], max_length=10, verbose_name='pochodzenie')),
                        ('title', models.CharField(max_length=500, verbose_name='tytuł projektu')),
                        ('summary', models.TextField(blank=True, verbose_name='krótki opis')),
                        ('beneficiary', models.CharField(max_length=300, verbose_name='beneficjent')),
                        ('fund', models.CharField(max_length=40, verbose_name='fundusz')),
                        ('programme', models.CharField(max_length=300, verbose_name='program')),
                        ('priority', models.CharField(blank=True, max_length=300, verbose_name='priorytet')),
                        ('measure', models.CharField(blank=True, max_length=300, verbose_name='działanie')),
                        ('total_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='wartość projektu (PLN)')),
                        ('eligible_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='wydatki kwalifikowalne (PLN)')),
                        ('eu_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='dofinansowanie UE (PLN)')),
                        ('cofinancing_rate', models.DecimalField(decimal_places=4, max_digits=5, verbose_name='poziom dofinansowania')),
                        ('place', models.CharField(max_length=500, verbose_name='miejsce realizacji')),
                        ('starts_on', models.DateField(verbose_name='początek realizacji')),
                        ('ends_on', models.DateField(verbose_name='koniec realizacji')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('batch', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='contracts.publishedimport')),
                        ('contract', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='published', to='contracts.contract')),
                    ],
                    options={
                        'db_table': 'projects_publishedproject',
                        'verbose_name': 'projekt w wykazie',
                        'verbose_name_plural': 'wykaz projektów',
                        'ordering': ['contract_number'],
                    },
                ),
                migrations.CreateModel(
                    name='Reconciliation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(upload_to='reconciliation/%Y/')),
                        ('file_name', models.CharField(max_length=255)),
                        ('file_sha256', models.CharField(max_length=64)),
                        ('status', models.CharField(choices=[('mapping', 'do przypisania kolumn'), ('done', 'porównane')], default='mapping', max_length=10)),
                        ('columns', models.JSONField(default=list)),
                        ('status_values', models.JSONField(default=list)),
                        ('rows_read', models.PositiveIntegerField(default=0)),
                        ('rows_matched', models.PositiveIntegerField(default=0)),
                        ('problems', models.JSONField(default=list)),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('created_by_label', models.CharField(max_length=200)),
                        ('source', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='reconciliations', to='contracts.izsource')),
                    ],
                    options={
                        'db_table': 'projects_reconciliation',
                        'verbose_name': 'uzgodnienie z IZ',
                        'verbose_name_plural': 'uzgodnienia z IZ',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Difference',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('value', 'inna wartość'), ('not_in_platform', 'brak w platformie'), ('not_in_export', 'brak w zestawieniu IZ')], max_length=20)),
                        ('row', models.PositiveIntegerField(blank=True, null=True)),
                        ('field', models.CharField(blank=True, max_length=30)),
                        ('reference', models.CharField(blank=True, max_length=200)),
                        ('platform_value', models.CharField(blank=True, max_length=300)),
                        ('iz_value', models.CharField(blank=True, max_length=300)),
                        ('status', models.CharField(choices=[('open', 'do wyjaśnienia'), ('confirmed', 'potwierdzono dane platformy'), ('corrected', 'poprawiono w platformie')], default='open', max_length=10)),
                        ('note', models.TextField(blank=True)),
                        ('resolved_at', models.DateTimeField(blank=True, null=True)),
                        ('resolved_by_label', models.CharField(blank=True, max_length=200)),
                        ('card', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='projects.projectcard')),
                        ('reconciliation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='differences', to='contracts.reconciliation')),
                    ],
                    options={
                        'db_table': 'projects_difference',
                        'ordering': ['row', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReportAttachment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(upload_to='projects/reports/%Y/', verbose_name='załącznik')),
                        ('sha256', models.CharField(max_length=64)),
                        ('uploaded_by_label', models.CharField(max_length=200)),
                        ('uploaded_at', models.DateTimeField(auto_now_add=True)),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='contracts.progressreport')),
                    ],
                    options={
                        'db_table': 'projects_reportattachment',
                        'ordering': ['uploaded_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReportExpenditure',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='rok')),
                        ('category', models.CharField(choices=[('works', 'roboty budowlane'), ('supplies', 'dostawy'), ('services', 'usługi'), ('staff', 'wynagrodzenia'), ('other', 'inne')], max_length=20, verbose_name='kategoria')),
                        ('amount_pln', models.DecimalField(decimal_places=2, max_digits=15, verbose_name='wydatki kwalifikowalne poniesione (PLN)')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='expenditure', to='contracts.progressreport')),
                    ],
                    options={
                        'db_table': 'projects_reportexpenditure',
                        'ordering': ['year', 'category'],
                    },
                ),
                migrations.CreateModel(
                    name='ReportIndicator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('value', models.DecimalField(decimal_places=3, max_digits=15, verbose_name='wartość osiągnięta (narastająco)')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='indicator_values', to='contracts.progressreport')),
                        ('target', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contracts.contractindicator')),
                    ],
                    options={
                        'db_table': 'projects_reportindicator',
                    },
                ),
                migrations.CreateModel(
                    name='ReportMilestone',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reached_on', models.DateField(verbose_name='osiągnięty')),
                        ('milestone', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contracts.contractmilestone')),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestone_dates', to='contracts.progressreport')),
                    ],
                    options={
                        'db_table': 'projects_reportmilestone',
                    },
                ),
                migrations.AddConstraint(
                    model_name='amendment',
                    constraint=models.UniqueConstraint(fields=('contract', 'number'), name='amendment_number_unique'),
                ),
                migrations.AddConstraint(
                    model_name='contractindicator',
                    constraint=models.UniqueConstraint(fields=('contract', 'indicator'), name='contract_indicator_unique'),
                ),
                migrations.AddConstraint(
                    model_name='contractline',
                    constraint=models.UniqueConstraint(fields=('contract', 'organisation', 'year'), name='contract_line_unique'),
                ),
                migrations.AddConstraint(
                    model_name='durabilitystatement',
                    constraint=models.UniqueConstraint(fields=('contract', 'year'), name='durability_statement_unique'),
                ),
                migrations.AddConstraint(
                    model_name='reportexpenditure',
                    constraint=models.UniqueConstraint(fields=('report', 'year', 'category'), name='report_expenditure_unique'),
                ),
                migrations.AddConstraint(
                    model_name='reportindicator',
                    constraint=models.UniqueConstraint(fields=('report', 'target'), name='report_indicator_unique'),
                ),
                migrations.AddConstraint(
                    model_name='reportmilestone',
                    constraint=models.UniqueConstraint(fields=('report', 'milestone'), name='report_milestone_unique'),
                ),
            ],
            database_operations=[],
        ),
    ]
