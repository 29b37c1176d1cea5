"""The fees move out of governance: the models appear in this app's state on the tables they have always had
(nothing changes in the database here); `0002_tables` renames the tables."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('association', '0004_bank_account'),
        ('core', '0007_audit_relabel'),
        ('governance', '0005_possible_duplicates'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='BankStatement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file_name', models.CharField(max_length=255, verbose_name='plik')),
                        ('format', models.CharField(choices=[('csv', 'CSV'), ('mt940', 'MT940')], max_length=6, verbose_name='format')),
                        ('sha256', models.CharField(max_length=64)),
                        ('lines', models.PositiveIntegerField(default=0, verbose_name='operacje w pliku')),
                        ('credits', models.PositiveIntegerField(default=0, verbose_name='wpływy')),
                        ('new_payments', models.PositiveIntegerField(default=0, verbose_name='nowe wpłaty')),
                        ('duplicates', models.PositiveIntegerField(default=0, verbose_name='już zaksięgowane')),
                        ('held', models.PositiveIntegerField(default=0, verbose_name='możliwe duplikaty do potwierdzenia')),
                        ('matched', models.PositiveIntegerField(default=0, verbose_name='dopasowane')),
                        ('created_by_label', models.CharField(blank=True, max_length=200)),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        'db_table': 'governance_bankstatement',
                        'verbose_name': 'wyciąg bankowy',
                        'verbose_name_plural': 'wyciągi bankowe',
                        'ordering': ['-created_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='FeePayment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(choices=[('manual', 'wpisana ręcznie'), ('bank', 'z wyciągu bankowego')], max_length=8, verbose_name='źródło')),
                        ('line_number', models.PositiveIntegerField(blank=True, null=True, verbose_name='wiersz wyciągu')),
                        ('booked_on', models.DateField(verbose_name='data wpływu')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='kwota (zł)')),
                        ('payer_name', models.CharField(blank=True, max_length=300, verbose_name='wpłacający')),
                        ('payer_account', models.CharField(blank=True, max_length=40, verbose_name='rachunek wpłacającego')),
                        ('title', models.TextField(blank=True, verbose_name='tytuł przelewu')),
                        ('bank_reference', models.CharField(blank=True, max_length=100, verbose_name='identyfikator operacji w banku')),
                        ('dedupe_key', models.CharField(blank=True, max_length=80, null=True, unique=True)),
                        ('status', models.CharField(choices=[('matched', 'zaksięgowana na członka'), ('unmatched', 'do wyjaśnienia'), ('not_fee', 'nie jest składką')], default='unmatched', max_length=10, verbose_name='stan')),
                        ('year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='za rok')),
                        ('match_note', models.CharField(blank=True, max_length=300, verbose_name='jak dopasowano')),
                        ('note', models.TextField(blank=True, verbose_name='uwagi')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='fee_payments', to='association.member', verbose_name='członek')),
                        ('statement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='payments', to='fees.bankstatement')),
                    ],
                    options={
                        'db_table': 'governance_feepayment',
                        'verbose_name': 'wpłata',
                        'verbose_name_plural': 'wpłaty',
                        'ordering': ['-booked_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='FeeReminder',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='rok')),
                        ('amount_due', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='zaległość (zł)')),
                        ('recipients', models.JSONField(default=list, verbose_name='odbiorcy')),
                        ('subject', models.CharField(max_length=300, verbose_name='temat')),
                        ('body', models.TextField(verbose_name='treść')),
                        ('sent_by_label', models.CharField(blank=True, max_length=200)),
                        ('sent_at', models.DateTimeField(auto_now_add=True)),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='fee_reminders', to='association.member')),
                    ],
                    options={
                        'db_table': 'governance_feereminder',
                        'verbose_name': 'przypomnienie o składce',
                        'verbose_name_plural': 'przypomnienia o składkach',
                        'ordering': ['-sent_at', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='FeeRule',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='rok')),
                        ('status', models.CharField(choices=[('draft', 'projekt'), ('adopted', 'przyjęta uchwałą'), ('superseded', 'zastąpiona')], default='draft', max_length=12, verbose_name='stan')),
                        ('fixed_amount', models.DecimalField(decimal_places=2, default=0, max_digits=12, verbose_name='kwota stała od członka (zł)')),
                        ('per_inhabitant', models.DecimalField(decimal_places=4, default=0, max_digits=8, verbose_name='kwota od mieszkańca (zł)')),
                        ('population_date', models.DateField(blank=True, help_text='Zwykle 31 grudnia roku poprzedzającego.', null=True, verbose_name='liczba mieszkańców na dzień')),
                        ('minimum', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='składka minimalna (zł)')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='termin płatności')),
                        ('members_on', models.DateField(blank=True, help_text='Puste: 1 stycznia roku składki. Dotyczy składki pełnej.', null=True, verbose_name='skład członków na dzień')),
                        ('proration', models.CharField(choices=[('full', 'pełna składka dla członka w dniu ustalenia składu'), ('months', 'proporcjonalnie do miesięcy członkostwa w roku')], default='months', max_length=10, verbose_name='członek przystępujący lub występujący w trakcie roku')),
                        ('note', models.TextField(blank=True, verbose_name='uwagi')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('adopted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.decisionreference', verbose_name='przyjęta uchwałą')),
                    ],
                    options={
                        'db_table': 'governance_feerule',
                        'verbose_name': 'zasady składek',
                        'verbose_name_plural': 'zasady składek',
                        'ordering': ['-year', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='FeeAssessment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='rok')),
                        ('reference', models.CharField(max_length=20, verbose_name='numer składki')),
                        ('status', models.CharField(choices=[('current', 'obowiązujące'), ('superseded', 'zastąpione')], default='current', max_length=12, verbose_name='stan')),
                        ('population', models.DecimalField(decimal_places=2, max_digits=14, null=True, verbose_name='liczba mieszkańców')),
                        ('population_date', models.DateField(null=True, verbose_name='liczba mieszkańców na dzień')),
                        ('population_source', models.TextField(blank=True, verbose_name='źródło liczby mieszkańców')),
                        ('months', models.PositiveSmallIntegerField(default=12, verbose_name='miesiące członkostwa')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='kwota składki (zł)')),
                        ('explanation', models.JSONField(default=list, verbose_name='wyliczenie')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='termin płatności')),
                        ('is_demo', models.BooleanField(default=False, verbose_name='dane demonstracyjne')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('member', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='fee_assessments', to='association.member')),
                        ('rule', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='assessments', to='fees.feerule')),
                    ],
                    options={
                        'db_table': 'governance_feeassessment',
                        'verbose_name': 'naliczenie składki',
                        'verbose_name_plural': 'naliczenia składek',
                        'ordering': ['year', 'member__number', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='FeeRuleKindRate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=10, verbose_name='rodzaj członka')),
                        ('fixed_amount', models.DecimalField(decimal_places=2, default=0, max_digits=12, verbose_name='kwota stała (zł)')),
                        ('per_inhabitant', models.DecimalField(decimal_places=4, default=0, max_digits=8, verbose_name='kwota od mieszkańca (zł)')),
                        ('minimum', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='składka minimalna (zł)')),
                        ('rule', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='kind_rates', to='fees.feerule')),
                    ],
                    options={
                        'db_table': 'governance_feerulekindrate',
                        'verbose_name': 'stawki dla rodzaju członka',
                        'verbose_name_plural': 'stawki dla rodzajów członków',
                        'ordering': ['rule', 'kind'],
                    },
                ),
                migrations.CreateModel(
                    name='HeldBankLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('line_number', models.PositiveIntegerField(verbose_name='wiersz wyciągu')),
                        ('booked_on', models.DateField(verbose_name='data wpływu')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='kwota (zł)')),
                        ('payer_name', models.CharField(blank=True, max_length=300, verbose_name='wpłacający')),
                        ('payer_account', models.CharField(blank=True, max_length=40, verbose_name='rachunek wpłacającego')),
                        ('title', models.TextField(blank=True, verbose_name='tytuł przelewu')),
                        ('bank_reference', models.CharField(blank=True, max_length=100, verbose_name='identyfikator operacji w banku')),
                        ('dedupe_key', models.CharField(max_length=80)),
                        ('duplicate_of_line', models.PositiveIntegerField(blank=True, null=True, verbose_name='podobny wiersz tego pliku')),
                        ('confirmed_by_label', models.CharField(blank=True, max_length=200)),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                        ('duplicate_of', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='fees.feepayment', verbose_name='podobna wpłata już zapisana')),
                        ('member', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='association.member')),
                        ('payment', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='confirmed_from', to='fees.feepayment', verbose_name='zapisana po potwierdzeniu')),
                        ('statement', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='held_lines', to='fees.bankstatement')),
                    ],
                    options={
                        'db_table': 'governance_heldbankline',
                        'verbose_name': 'możliwy duplikat z wyciągu',
                        'verbose_name_plural': 'możliwe duplikaty z wyciągu',
                        'ordering': ['statement', 'line_number', 'id'],
                    },
                ),
                migrations.AddIndex(
                    model_name='feepayment',
                    index=models.Index(fields=['member', 'year'], name='governance__member__9a8ddb_idx'),
                ),
                migrations.AddConstraint(
                    model_name='feeassessment',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'current')), fields=('member', 'year'), name='one_current_assessment_per_member_year'),
                ),
                migrations.AddConstraint(
                    model_name='feerulekindrate',
                    constraint=models.UniqueConstraint(fields=('rule', 'kind'), name='one_fee_rate_per_kind'),
                ),
            ],
        ),
    ]
